"""settings.toml is a file we write, so it must read back (issue 24): every value finite and bounded, unknown
tables and comments kept through a save, any text escaped, the written file read back before it replaces the
old one, and an unreadable file never stops the window (defaults, a message naming it, the file kept)."""

from __future__ import annotations

import math
import tomllib

import pytest

from desktop import config
from desktop.config import SETTINGS, Settings
from desktop.core.errors import ConfigError

HOSTILE_TEXT = ["a\u0001b", "line\rreturn", "crlf\r\nnext", "nul\u0000byte", "esc\u001b[31mred", "del\u007f",
                'quote" and \\ back', "tab\tnewline\n", "'''triple'''", '"""triple"""', "\ufeffbom", "行情\u2028"]


def numeric(spec) -> bool:
    return isinstance(spec.default, (int, float)) and not isinstance(spec.default, bool)


def test_every_numeric_setting_has_a_range_holding_its_default():
    for spec in SETTINGS:
        if numeric(spec):
            assert spec.minimum is not None and spec.maximum is not None, spec.key
            assert spec.minimum <= spec.default <= spec.maximum, spec.key


@pytest.mark.parametrize("key, value", [
    ("feeds.timeout_s", math.nan), ("feeds.timeout_s", math.inf), ("market.request_deadline_s", math.nan),
    ("feeds.max_body_mb", -math.inf), ("feeds.max_body_mb", 1e308), ("feeds.interval_min", 2 ** 63 - 1),
    ("feeds.concurrency", 10 ** 30), ("market.backoff_max_s", 2 ** 63), ("news.retention_days", 10 ** 9),
    ("rsshub.base_url", "http://127.0.0.1:1200/\u0001"), ("rsshub.base_url", "http://x/\r\nX-Evil: 1"),
    pytest.param("news.themes_file", "x" * 5000, id="news.themes_file-5000-chars"),
])
def test_set_refuses_non_finite_huge_and_control_character_values(tmp_path, key, value):
    s = Settings(tmp_path / "settings.toml")
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        s.set(key, value)
    assert s[key] == next(x.default for x in SETTINGS if x.key == key)


def test_nan_inf_and_huge_values_in_the_file_fall_back_to_their_defaults(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("[market]\nrequest_deadline_s = nan\nbackoff_max_s = 9223372036854775807\n"
                    "[feeds]\ntimeout_s = inf\ninterval_min = 9223372036854775807\nmax_body_mb = -inf\n"
                    'concurrency = 4\n[rsshub]\nbase_url = "http://hub\\u0001/"\n', encoding="utf-8")
    s = Settings.load(path)
    assert s["market.request_deadline_s"] == 15.0 and s["market.backoff_max_s"] == 600
    assert s["feeds.timeout_s"] == 20.0 and s["feeds.interval_min"] == 15 and s["feeds.max_body_mb"] == 10.0
    assert s["rsshub.base_url"] == "http://127.0.0.1:1200"
    assert s["feeds.concurrency"] == 4                     # the good value beside them is kept


def test_an_unknown_nested_table_and_comments_survive_a_save(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("# my settings, by hand\n[feeds]\ninterval_min = 30   # every half hour\n\n"
                    "[future.section]\nkey = 1\nnested = { a = [1, 2], b = \"x\" }\n"
                    "[[future.rows]]\nname = \"one\"\n", encoding="utf-8")
    s = Settings.load(path)
    s.set("ui.theme", "dark")
    s.save()                                               # used to be "cannot store dict in settings"
    text = path.read_text(encoding="utf-8")
    back = tomllib.loads(text)
    assert back["future"]["section"] == {"key": 1, "nested": {"a": [1, 2], "b": "x"}}
    assert back["future"]["rows"] == [{"name": "one"}]
    assert back["feeds"]["interval_min"] == 30 and back["ui"]["theme"] == "dark"
    assert "# my settings, by hand" in text and "# every half hour" in text
    assert Settings.load(path)["ui.theme"] == "dark"


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_any_text_in_the_file_is_written_so_that_it_reads_back(tmp_path, text):
    """A value with \\u0001 or \\r (escaped in the file, so valid TOML) used to be written raw on the next save,
    and then nothing could read the file: every command exited 1 and the window did not start."""
    path = tmp_path / "settings.toml"
    escaped = "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\u{ord(c):04x}" for c in text)
    path.write_text(f'[future]\nnote = "{escaped}"\n', encoding="utf-8")
    assert tomllib.loads(path.read_text(encoding="utf-8"))["future"]["note"] == text
    s = Settings.load(path)
    s.set("feeds.interval_min", 20)
    s.save()
    assert tomllib.loads(path.read_text(encoding="utf-8"))["future"]["note"] == text
    assert Settings.load(path)["feeds.interval_min"] == 20


@pytest.mark.parametrize("text", HOSTILE_TEXT)
def test_text_set_by_the_program_reads_back_too(tmp_path, text):
    path = tmp_path / "settings.toml"
    s = Settings(path)
    s.set("future.note", text)                             # an unknown key: kept as given
    s.save()
    assert tomllib.loads(path.read_text(encoding="utf-8"))["future"]["note"] == text


def test_a_save_that_would_not_read_back_leaves_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "settings.toml"
    path.write_text("[feeds]\ninterval_min = 30\n", encoding="utf-8")
    before = path.read_bytes()
    s = Settings.load(path)
    s.set("feeds.interval_min", 45)
    monkeypatch.setattr(config, "render_toml", lambda *_a: "[feeds\ninterval_min = 45\n", raising=False)
    with pytest.raises(ConfigError, match="does not read back"):
        s.save()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]      # no temporary file left
    monkeypatch.setattr(config, "render_toml", lambda *_a: "[feeds]\ninterval_min = 44\n", raising=False)
    with pytest.raises(ConfigError, match="does not read back"):
        s.save()                                           # readable, but not what was saved
    assert path.read_bytes() == before


# -- an unreadable file ------------------------------------------------------------------------------------------
BROKEN = b"[feeds\ninterval_min = 30\n"


def test_the_window_starts_on_defaults_and_says_why_when_the_file_is_unreadable(tmp_path, monkeypatch, capsys):
    from desktop import __main__ as entry
    from desktop import gui_main

    data = tmp_path / "d"
    data.mkdir()
    (data / "settings.toml").write_bytes(BROKEN)
    seen = {}
    monkeypatch.setattr(gui_main, "run_gui", lambda args, paths, settings: seen.setdefault("s", settings) and 0)
    assert entry.main(["--data-dir", str(data)]) == 0
    settings = seen["s"]
    assert settings["feeds.interval_min"] == 15                       # the defaults
    assert "settings.toml" in settings.unreadable
    err = capsys.readouterr().err
    assert "settings.toml" in err and "defaults" in err               # and on stderr, for a terminal start
    for lang, words in (("zh_CN", "默认设置"), ("en", "defaults")):
        text = settings.unreadable_message(lang)
        assert str(data / "settings.toml") in text and words in text, text
    assert (data / "settings.toml").read_bytes() == BROKEN            # kept as it was


def test_a_command_still_refuses_an_unreadable_file_in_one_line(tmp_path, capsys):
    from desktop.__main__ import main

    data = tmp_path / "d"
    data.mkdir()
    (data / "settings.toml").write_bytes(BROKEN)
    assert main(["--data-dir", str(data), "feeds", "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: settings file") and "unreadable" in err and err.count("\n") == 1


def test_saving_over_an_unreadable_file_keeps_it_beside_the_new_one(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_bytes(BROKEN)
    (tmp_path / "settings.toml.unreadable").write_bytes(b"an older one")
    with pytest.raises(ConfigError):
        Settings.load(path)
    s = Settings.unreadable_file(path, "settings file is unreadable: Expected ']'")
    s.set("ui.theme", "dark")
    s.save()
    assert Settings.load(path)["ui.theme"] == "dark"
    assert (tmp_path / "settings.toml.unreadable").read_bytes() == b"an older one"     # never overwritten
    assert (tmp_path / "settings.toml.unreadable-2").read_bytes() == BROKEN
    assert s.unreadable == "" and s.kept == tmp_path / "settings.toml.unreadable-2"


def test_a_value_that_cannot_be_written_is_an_error_and_the_file_stays(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("[feeds]\ninterval_min = 30\n", encoding="utf-8")
    s = Settings.load(path)
    s.set("future.thing", object())                        # an unknown key holding what TOML cannot say
    with pytest.raises(ConfigError, match="cannot be written"):
        s.save()
    assert path.read_text(encoding="utf-8") == "[feeds]\ninterval_min = 30\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.toml"]


def test_a_file_spoilt_after_it_was_read_is_kept_aside_by_the_save(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text("[feeds]\ninterval_min = 30\n", encoding="utf-8")
    s = Settings.load(path)
    path.write_bytes(BROKEN)                               # an editor, another program
    s.set("ui.theme", "dark")
    s.save()
    assert (tmp_path / "settings.toml.unreadable").read_bytes() == BROKEN
    back = Settings.load(path)
    assert back["ui.theme"] == "dark" and back["feeds.interval_min"] == 30


def test_a_linked_settings_file_stays_a_link(tmp_path):
    """Dotfile managers keep settings.toml elsewhere and link it: a save replaces the file, not the link."""
    real = tmp_path / "dotfiles" / "huohua.toml"
    real.parent.mkdir()
    real.write_text("# kept in git\n[feeds]\ninterval_min = 30\n", encoding="utf-8")
    link = tmp_path / "settings.toml"
    link.symlink_to(real)
    s = Settings.load(link)
    s.set("ui.theme", "dark")
    s.save()
    assert link.is_symlink() and "# kept in git" in real.read_text(encoding="utf-8")
    assert Settings.load(link)["ui.theme"] == "dark"
    assert sorted(p.name for p in real.parent.iterdir()) == ["huohua.toml"]
