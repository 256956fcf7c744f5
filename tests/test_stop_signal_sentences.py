"""What a run says as it is asked to stop fits what asked it: what the command does now, then
at Ctrl+C that Ctrl+C again stops it at once; at SIGTERM or SIGHUP, which came and what stops
it at once then, never a Ctrl+C that nobody pressed. What each says of the next signal is what
the next signal does."""

from __future__ import annotations

import signal

import pytest

from engine.progress import CancelToken
from engine.stopping import stopping_on_signals

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="POSIX signals")

STOPPING = "stopping: what is finished is kept"
AT_CTRL_C = f"{STOPPING} (Ctrl+C again stops at once)\n"
AT_SIGTERM = f"{STOPPING} (asked by SIGTERM; a second SIGTERM stops at once)\n"
AT_SIGHUP = f"{STOPPING} (asked by SIGHUP; SIGTERM stops at once)\n"


def test_ctrl_c_says_what_the_command_says_and_ctrl_c_again_stops_at_once(capsys):
    token = CancelToken()
    with pytest.raises(KeyboardInterrupt), stopping_on_signals(token, STOPPING):
        signal.raise_signal(signal.SIGINT)
        assert token.cancelled and capsys.readouterr().err == AT_CTRL_C
        signal.raise_signal(signal.SIGINT)


def test_sigterm_names_no_ctrl_c_and_a_second_sigterm_stops_at_once(capsys):
    token = CancelToken()
    with pytest.raises(KeyboardInterrupt), stopping_on_signals(token, STOPPING):
        signal.raise_signal(signal.SIGTERM)
        assert token.cancelled and capsys.readouterr().err == AT_SIGTERM
        signal.raise_signal(signal.SIGTERM)


def test_sighup_names_no_ctrl_c_and_sigterm_after_it_stops_at_once(capsys):
    token = CancelToken()
    with pytest.raises(KeyboardInterrupt), stopping_on_signals(token, STOPPING):
        signal.raise_signal(signal.SIGHUP)
        signal.raise_signal(signal.SIGHUP)  # the shell's, after the kernel's: not at once
        assert token.cancelled and capsys.readouterr().err == AT_SIGHUP
        signal.raise_signal(signal.SIGTERM)


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_run_told_to_say_nothing_says_nothing_whatever_came(capsys, sent):
    token = CancelToken()
    with stopping_on_signals(token, ""):
        signal.raise_signal(sent)
    assert token.cancelled and capsys.readouterr().err == ""
