"""`huohua` with no sub-command: the windowed app's entry point. Process-wide set-up happens here, once:

- TQDM_DISABLE: akshare's progress bars crash a windowed build (sys.stderr is None there).
- The log file (falls back to stderr on a read-only or full disk) and the exception hooks.
- sys.setswitchinterval(0.5 ms): painting calls back into Python hundreds of times per frame (model data,
  delegates); each call needs the GIL, which busy background threads (fetch, writer) hold for up to the switch
  interval. CPython's default is 5 ms; 0.5 ms keeps a frame's waits short while articles stream in
  (bench/ui.py). It is process-wide, so it belongs here, not in a constructor.
- SIGTERM/SIGINT quit like closing the window (runtime/signals.py); one that comes during the start-up is kept
  until the window can quit, not left to kill the process on the spot.
- One window per data directory (runtime/single_instance.py): before anything else, a second start on the same
  data directory asks the first window to come to the front, prints one line and exits 0. The lock it takes
  costs nothing measurable; the server that answers later starts opens after the first paint. Demo and replay
  runs (throw-away directories) are not guarded.
- The application font gets its CJK fallbacks (ui/fonts.py: Microsoft YaHei, PingFang SC, Noto Sans CJK SC)
  before any widget exists.
- Demo and replay runs get a throw-away database that is removed however the app ends: closed, signalled
  (once or twice) or past the signal's grace time. Such a run waits for none of its background work when it
  quits (GuiApp(throwaway=True)): the directory is removed and the process ends with os._exit.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

GIL_SWITCH_S = 0.0005
LINECACHE_CLEAR_MS = 30_000    # see _drop_source_lines


def configure_process() -> None:
    """The process-wide settings the window needs (also for benchmarks that build a GuiApp themselves)."""
    os.environ.setdefault("TQDM_DISABLE", "1")
    sys.setswitchinterval(GIL_SWITCH_S)


def _quit_on_signals(app) -> None:
    """After the first paint: the wake-up socket pair imports socket/selectors (~3 ms of start-up)."""
    from desktop.runtime import signals

    signals.install_quit_on_signals(app)


def _drop_source_lines(app) -> None:
    """Empty linecache now and every LINECACHE_CLEAR_MS. Why: PySide6's import hook reads the source of every
    module imported after it (inspect.getsource, to look for `from __feature__`), and linecache keeps each file's
    lines for good: ~8 MiB of the window's heap in the demo (docs/PERFORMANCE.md). A traceback reads them
    again when it needs them."""
    import linecache

    from PySide6.QtCore import QTimer

    from desktop.core import allocator

    def drop() -> None:
        linecache.clearcache()
        allocator.trim()           # and malloc's freed pages back to the system (core/allocator.py)

    drop()
    timer = QTimer(app)
    timer.setInterval(LINECACHE_CLEAR_MS)
    timer.timeout.connect(drop)
    timer.start()


def _after_first_paint(app, guard=None, window=None) -> None:
    from desktop.core.allocator import limit_arenas

    limit_arenas()     # before the first thread starts (none has at the paint): core/allocator.py
    _quit_on_signals(app)
    _drop_source_lines(app)
    if guard is not None:            # answer later starts on this data directory (QtNetwork: after the paint)
        guard.serve(lambda: bring_to_front(window))
        app.aboutToQuit.connect(guard.stop_serving)
    from desktop.runtime.errors import FAIL_JOB_ENV, start_test_failure

    if os.environ.get(FAIL_JOB_ENV) == "1":      # tests and the bundle's smoke check: an error on purpose
        start_test_failure()


def bring_to_front(window) -> None:
    """What a second start asks of this window: shown, un-minimized (keeping maximized), raised and active."""
    from PySide6.QtCore import Qt

    if window is None:
        return
    window.setWindowState((window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive)
    window.show()
    window.raise_()
    window.activateWindow()


def _one_window(args, paths, settings):
    """(guard, exit code): the held guard of this data directory, or — another window has it — the exit code
    after that window was asked to come to the front (0) or did not answer (1). Demo and replay: (None, None)."""
    if args.demo or args.replay:
        return None, None
    from desktop.runtime import single_instance

    outcome = single_instance.start(paths.data_dir)
    if outcome.guard is not None or (outcome.raised is None and not outcome.unanswered):
        return outcome.guard, None
    text = single_instance.message(outcome, paths.data_dir, args.lang or settings["ui.language"])
    print(text, file=sys.stdout if outcome.raised is not None else sys.stderr)
    return None, 0 if outcome.raised is not None else 1


def _window_can_open(args, paths, settings) -> bool:
    """Linux: Qt aborts (exit 134) without the xcb libraries or a display; say why instead (display_check)."""
    from desktop.display_check import check

    verdict = check(lang=args.lang or settings["ui.language"])
    if verdict.platform:
        os.environ["QT_QPA_PLATFORM"] = verdict.platform
    if verdict.ok:
        return True
    print(verdict.message, file=sys.stderr)
    try:                                # started from a menu, stderr is seen by no one: the log keeps it too
        with open(paths.log_file, "a", encoding="utf-8") as log:
            log.write(f"ERROR desktop.gui_main: the window cannot open: {verdict.message}\n")
    except OSError:
        pass
    return False


def apply_interface(app, settings) -> None:
    """The stored interface language and theme, installed on `app` before the window is built: what every start
    does (and what tests' make_gui does for "the next start")."""
    from desktop.ui import i18n
    from desktop.ui.style import apply_theme

    i18n.install(app, settings["ui.language"])
    apply_theme(app, settings["ui.theme"])


def run_gui(args, paths, settings) -> int:
    configure_process()
    guard, done = _one_window(args, paths, settings)
    if done is not None:
        return done
    if not _window_can_open(args, paths, settings):
        return 1
    from desktop.runtime import signals

    signals.defer_quit_signals()     # until the window quits on them (after the first paint): no socket yet
    from PySide6.QtWidgets import QApplication

    from desktop.ui.import_check import lighten

    lighten()                # PySide's check after each import, without inspect's walk of sys.modules
    from desktop.runtime.errors import install_excepthooks, setup_logging

    log_problem = setup_logging(paths.log_file)   # a read-only or full disk must not stop the window
    app = QApplication.instance()
    if app is None:
        from desktop.ui.style import STYLE_ARGS, started_with_style

        app = QApplication(sys.argv[:1] + STYLE_ARGS)
        started_with_style(app)
    assert isinstance(app, QApplication)        # a window needs widgets: not a bare QCoreApplication
    app.setApplicationName("Huohua")
    from desktop.ui.icon import app_icon

    app.setWindowIcon(app_icon())          # the window, the task bar (and the tray's, ui/alert_notifier.py)
    app.setDesktopFileName("huohua")       # Linux: the window belongs to huohua.desktop (desktop-entry install)
    app.setOrganizationName("Huohua")
    if args.lang:
        settings.set("ui.language", args.lang)
    apply_interface(app, settings)
    from desktop.ui.fonts import apply_ui_font

    apply_ui_font(app)                     # before the first widget: each copies the application font
    from desktop.gui_app import GuiApp
    from desktop.ui.startup import FirstPaint

    scratch = None
    if args.demo or args.replay:
        import shutil
        import tempfile

        from desktop.config import throwaway

        # Synthetic or recorded quotes must never reach the user's database, and one recording must not show
        # another's prices: a throw-away database for each run; its settings start as the user's and are saved
        # beside it, never over the user's settings.toml.
        scratch = tempfile.TemporaryDirectory(prefix="huohua-demo-" if args.demo else "huohua-replay-",
                                              ignore_cleanup_errors=True)
        paths, settings = throwaway(paths, settings, Path(scratch.name))
        signals.at_hard_exit(lambda: shutil.rmtree(scratch.name, ignore_errors=True))
    try:
        gui = GuiApp(paths.ensure(), settings, replay_dir=args.replay, demo=args.demo,
                     default_feeds=not (args.demo or args.replay), paced=args.paced, throwaway=scratch is not None,
                     paint_first=True)     # the frame paints before any pane is imported (gui_panes.py)
        install_excepthooks(gui.window.statusBar(), None if log_problem else paths.log_file)
        if log_problem:
            gui.window.statusBar().showMessage(log_problem, 30_000)
        if settings.unreadable:     # a malformed settings.toml: the window runs on the defaults and says why
            logging.getLogger(__name__).warning("%s", settings.unreadable)
            gui.window.statusBar().showMessage(settings.unreadable_message(settings["ui.language"]), 120_000)
        gui.show()
        app.aboutToQuit.connect(gui.shutdown)
        FirstPaint(gui.window, lambda: _after_first_paint(app, guard, gui.window))
        code = app.exec()
    except BaseException:
        if scratch is not None:
            scratch.cleanup()
        raise
    if scratch is not None:
        # its threads are still running (GuiApp.shutdown waits for none of them): what they would log about the
        # directory vanishing under them is noise on the way out
        logging.disable(logging.CRITICAL)
        scratch.cleanup()
    if scratch is not None or not gui.threads_stopped:
        # Everything committed is safe (the writer has closed; a throw-away database is gone already); a poller
        # stuck in a network call must not keep a closed window's process alive, nor reach Qt's "destroyed
        # while running" abort.
        if scratch is None:
            logging.getLogger(__name__).warning("exiting with a background call still in flight")
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:   # None in a windowed build, or a closed pipe: the exit happens regardless
                pass
        from desktop.core.child_process import wait_for_spawns

        wait_for_spawns()       # a child being started gets its start-up data first (else: a traceback from it)
        os._exit(code)
    return code
