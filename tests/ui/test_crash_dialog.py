"""Uncaught errors in any thread (issue 14): logged to the data directory's log, the first one of a run shown in
a dialog naming the log, the app running on; HUOHUA_TEST_FAIL_JOB=1 makes a background job fail on purpose."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

from PySide6.QtWidgets import QMainWindow

from tests.cli_run import ROOT
from tests.procs import child_env


def test_the_first_error_is_a_dialog_naming_the_log_and_the_next_only_a_status_line(qtbot, tmp_path):
    from desktop.runtime import errors

    window = QMainWindow()
    qtbot.addWidget(window)
    window.show()
    old = sys.excepthook, threading.excepthook
    try:
        notifier = errors.install_excepthooks(window.statusBar(), tmp_path / "huohua.log")
        errors.start_test_failure()
        qtbot.waitUntil(lambda: notifier.dialog is not None, timeout=5000)
        box = notifier.dialog
        assert box.objectName() == "crashDialog" and str(tmp_path / "huohua.log") in box.text()
        assert "HUOHUA_TEST_FAIL_JOB" in box.text() and box.isVisible() and not box.isModal()
        errors.start_test_failure()
        qtbot.waitUntil(lambda: notifier.shown == 2, timeout=5000)
        assert notifier.dialog is box                                     # one dialog a run
        assert "HUOHUA_TEST_FAIL_JOB" in window.statusBar().currentMessage()
    finally:
        sys.excepthook, threading.excepthook = old
        errors._notifier = None


def test_a_failing_background_job_is_logged_and_the_window_runs_on(tmp_path, spawn):
    data = tmp_path / "data"
    env = child_env(QT_QPA_PLATFORM="offscreen", HUOHUA_TEST_FAIL_JOB="1")
    proc = spawn([sys.executable, "-m", "desktop", "--data-dir", str(data), "--demo"], cwd=ROOT, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    log = data / "huohua.log"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if log.exists() and "deliberate failure of a background job" in log.read_text(encoding="utf-8"):
                break
            assert proc.poll() is None, proc.stderr.read().decode()
            time.sleep(0.2)
        text = log.read_text(encoding="utf-8")
        assert "unhandled RuntimeError" in text and "Traceback" in text and "huohua-test-failure" in text
        time.sleep(1.0)
        assert proc.poll() is None                                         # still running after the error
    finally:
        proc.send_signal(signal.SIGTERM)
        rc = proc.wait(timeout=30)
    assert rc == 128 + signal.SIGTERM
