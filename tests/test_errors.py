"""One sentence for every error a person sees."""

import errno
import logging

from engine.errors import (
    Cancelled,
    ImageReadError,
    RekindleError,
    os_error_sentence,
    sentence_for,
)


def test_a_rekindle_error_is_its_own_sentence():
    assert sentence_for(ImageReadError("scan.tif: not an image")) == "scan.tif: not an image"
    assert sentence_for(RekindleError("the disk is gone")) == "the disk is gone"


def test_cancelled_says_so():
    assert sentence_for(Cancelled()) == "cancelled"


def test_memory_gets_the_edges_own_words():
    assert sentence_for(MemoryError()) == "there is not enough memory"
    assert sentence_for(MemoryError(), out_of_memory="too large") == "too large"


def test_an_os_error_says_which_file_and_why_in_plain_words():
    full = OSError(errno.ENOSPC, "No space left on device", "/out/a.png")
    assert sentence_for(full) == "/out/a.png: cannot be read or written (the disk is full)"
    assert sentence_for(full) == os_error_sentence(full)
    assert sentence_for(full, os_error=lambda error: f"no: {error.filename}") == "no: /out/a.png"
    assert "permission denied" in sentence_for(PermissionError(errno.EACCES, "x", "f"))


def test_anything_else_is_unexpected_and_logged(caplog):
    with caplog.at_level(logging.ERROR, logger="engine.errors"):
        sentence = sentence_for(ValueError("bad value"), about="restoring a.png")
    assert sentence == "unexpected error (bad value); details are in the log file"
    assert "restoring a.png" in caplog.text and "ValueError" in caplog.text
    worded = sentence_for(KeyError("k"), unexpected=lambda error: f"odd: {error}")
    assert worded == "odd: 'k'"
