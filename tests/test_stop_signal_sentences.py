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


@pytest.mark.parametrize(
    ("first", "repeated", "said", "at_once"),
    [
        (signal.SIGINT, (), AT_CTRL_C, signal.SIGINT),
        (signal.SIGTERM, (), AT_SIGTERM, signal.SIGTERM),
        # the shell's SIGHUP, after the kernel's, does not stop the work at once; SIGTERM does
        (signal.SIGHUP, (signal.SIGHUP,), AT_SIGHUP, signal.SIGTERM),
    ],
)
def test_the_first_signal_says_what_stops_the_work_at_once_and_that_does(
    capsys, first, repeated, said, at_once
):
    token = CancelToken()
    with pytest.raises(KeyboardInterrupt), stopping_on_signals(token, STOPPING):
        signal.raise_signal(first)
        for again in repeated:
            signal.raise_signal(again)
        assert token.cancelled and capsys.readouterr().err == said
        signal.raise_signal(at_once)


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_a_run_told_to_say_nothing_says_nothing_whatever_came(capsys, sent):
    token = CancelToken()
    with stopping_on_signals(token, ""):
        signal.raise_signal(sent)
    assert token.cancelled and capsys.readouterr().err == ""
