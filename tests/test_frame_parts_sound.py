"""The sound of a part of a film restored into numbered frames (``VideoOptions.span``,
``restore-video --from --to``): each part's WAV files are named by its frames
(``span_stem``), so that parts restored into one frame pattern each keep their own sound,
cut to the part, beside the whole film's "f.wav"; a part's resumed and filled-in runs, and
the lock of its sound's names, go by the same names
(``engine.video.frame_files.FrameFiles.sound``)."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest
import torch

from engine.errors import RekindleError
from engine.video import FilmSpan, VideoOptions, probe, restore_frame_files
from engine.video.frame_files import FrameFiles
from tests.fault_helpers import held_in_another_process
from tests.test_film_span import _restore
from tests.test_frame_files_out import RATE as COUNTED_RATE
from tests.test_frame_files_out import _film_with_sound, _wav
from tests.video_helpers import AUDIO_RATE, FailingRestorer, make_clip, tiny_restorer

FRAMES = 48  # two seconds at 24 frames a second
FIRST_PART = FilmSpan(29, 41)  # --from 29f --to 41f: frames 30 to 41
SECOND_PART = FilmSpan(41, 45)  # --from 41f --to 45f: frames 42 to 45
CPU = torch.device("cpu")


@pytest.fixture
def restorer(tmp_path):
    return tiny_restorer(tmp_path / "model")


@pytest.fixture
def film(tmp_path) -> Path:
    return make_clip(tmp_path / "click.mkv", frames=FRAMES, rate=24)


def _samples(path: Path) -> int:
    """How many samples the WAV file at ``path`` holds."""
    with av.open(str(path)) as sound:
        return sum(piece.samples for piece in sound.decode(audio=0))


def _part_samples(film: Path, span: FilmSpan) -> int:
    """How many samples of the film's sound ``span`` stretches over, its frames' times as
    stored (in milliseconds)."""
    info = probe(film)
    return round((info.times[span.end] - info.times[span.first]) * info.time_base * AUDIO_RATE)


def _sounds(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.glob("*.wav"))


def test_two_parts_into_one_frame_pattern_each_keep_their_own_sound(
    film, tmp_path, tiny_model_file, capsys
):
    out = tmp_path / "out" / "nf"
    pattern = out / "f_%06d.png"
    first = _restore(tiny_model_file, film, "-o", pattern, "--from", "29f", "--to", "41f")
    second = ["--from", "41f", "--to", "45f"]
    dry = _restore(tiny_model_file, film, "-o", pattern, *second, "--dry-run")
    assert "to restore" in capsys.readouterr().out
    assert (first, dry, _restore(tiny_model_file, film, "-o", pattern, *second)) == (0, 0, 0)
    frames = sorted(path.name for path in out.glob("f_*.png"))
    assert frames == [f"f_{number:06d}.png" for number in range(30, 46)]
    assert _sounds(out) == ["f [frames 30-41].wav", "f [frames 42-45].wav"]
    assert _samples(out / "f [frames 30-41].wav") == _part_samples(film, FIRST_PART)
    assert _samples(out / "f [frames 42-45].wav") == _part_samples(film, SECOND_PART)
    capsys.readouterr()
    again = [*second, "--skip-existing", "--dry-run"]
    assert _restore(tiny_model_file, film, "-o", pattern, *again) == 0
    assert "skipped" in capsys.readouterr().out  # its sound found by its part's name


def test_each_track_of_a_part_is_named_by_it_and_cut_to_it_to_the_sample(tmp_path, restorer):
    film = _film_with_sound(tmp_path / "film.mkv", tracks=2)
    notes: list[str] = []
    options = VideoOptions(span=FilmSpan(3, 7))
    pattern = tmp_path / "out" / "reel_%04d.png"
    restore_frame_files(restorer, film, pattern, options, on_notice=notes.append)
    info = probe(film)
    begin, end = (round(info.times[i] * info.time_base * COUNTED_RATE) for i in (3, 7))
    names = ["reel [frames 4-7].wav", "reel [frames 4-7] (2).wav"]
    assert _sounds(tmp_path / "out") == sorted(names)
    for track, name in enumerate(names):
        _, samples = _wav(tmp_path / "out" / name)
        expected = np.arange(begin, end) + track * 1000  # each sample counts on from the last
        np.testing.assert_array_equal(samples, expected.astype(np.int16))
    assert any(note.endswith("beside the frames as reel [frames 4-7] (2).wav") for note in notes)


def test_the_whole_films_run_beside_a_parts_sound_writes_its_own(film, restorer, tmp_path):
    part = tmp_path / "out" / "f_%06d.png"
    restore_frame_files(restorer, film, part, VideoOptions(span=FIRST_PART))
    parts_sound = (tmp_path / "out" / "f [frames 30-41].wav").read_bytes()
    restore_frame_files(restorer, film, part, VideoOptions(overwrite=True))
    restore_frame_files(restorer, film, tmp_path / "fresh" / "f_%06d.png")
    assert _sounds(tmp_path / "fresh") == ["f.wav"]
    assert _sounds(tmp_path / "out") == ["f [frames 30-41].wav", "f.wav"]
    assert (tmp_path / "out" / "f [frames 30-41].wav").read_bytes() == parts_sound
    whole = (tmp_path / "out" / "f.wav").read_bytes()
    assert whole == (tmp_path / "fresh" / "f.wav").read_bytes()
    assert _samples(tmp_path / "out" / "f.wav") == round(probe(film).duration * AUDIO_RATE)


def test_a_killed_part_goes_on_and_writes_its_sound_under_its_name(film, restorer, tmp_path):
    options = VideoOptions(segment_frames=4, span=FilmSpan(8, 40))
    pattern = tmp_path / "frames" / "f_%04d.png"
    failing = FailingRestorer(restorer.model, CPU, fail_after=10)
    with pytest.raises(RuntimeError, match="simulated crash"):
        restore_frame_files(failing, film, pattern, options)
    again = restore_frame_files(restorer, film, pattern, options)
    assert again.resumed_from >= 4 and again.first == 8
    assert _sounds(pattern.parent) == ["f [frames 9-40].wav"]
    assert _samples(pattern.parent / "f [frames 9-40].wav") == _part_samples(film, options.span)


def test_a_finished_parts_lost_sound_is_written_again_under_its_name(film, restorer, tmp_path):
    pattern = tmp_path / "out" / "f_%06d.png"
    options = VideoOptions(span=FIRST_PART)
    restore_frame_files(restorer, film, pattern, options)
    sound = tmp_path / "out" / "f [frames 30-41].wav"
    sound.unlink()
    notes: list[str] = []
    restore_frame_files(restorer, film, pattern, options, on_notice=notes.append)
    assert notes == ["wrote f [frames 30-41].wav again, which was missing or not whole"]
    assert _sounds(tmp_path / "out") == [sound.name]
    assert _samples(sound) == _part_samples(film, FIRST_PART)


def test_a_part_waits_only_for_a_run_writing_the_same_sound(film, restorer, tmp_path):
    pattern = tmp_path / "out" / "f_%06d.png"
    whole = FrameFiles.of(tmp_path / "out" / "f_%06d.dpx", probe(film))
    part = FrameFiles.of(whole.pattern, probe(film), FIRST_PART)
    whole.folder.mkdir(parents=True)
    take = "from engine.busy import Lock\nlock = Lock.take(path, str)"
    holder = held_in_another_process(take, whole.sound_lock)  # the whole film into DPX frames
    try:
        restore_frame_files(restorer, film, pattern, VideoOptions(span=FIRST_PART))
    finally:
        holder.kill()
        holder.wait()
    holder = held_in_another_process(take, part.sound_lock)  # the same part into DPX frames
    try:
        with pytest.raises(RekindleError, match="writing the sound of other frames"):
            restore_frame_files(restorer, film, pattern, VideoOptions(span=FIRST_PART))
    finally:
        holder.kill()
        holder.wait()
    assert _sounds(tmp_path / "out") == ["f [frames 30-41].wav"]
