"""What a film's other streams carry besides packets reaches its restored film: the files
attached to it (the fonts its ASS subtitles are shown in) go into a Matroska film whole, and
where a container cannot hold them (MP4, MOV) a note says they are left out; the languages of
its tracks reach a MOV film in the form of their code that MOV keeps."""

from __future__ import annotations

from pathlib import Path

import av
import numpy as np
import pytest

from engine.cli import main
from engine.errors import RekindleError
from engine.video import VideoOptions, probe, restore_video
from engine.video.frame_files import FrameFiles, frame_files_notes
from engine.video.join import join_notes
from tests.video_helpers import make_clip, tiny_restorer

FRAMES = 4
SIZE = (32, 24)
FONT = ("font.ttf", "application/x-truetype-font", bytes(range(256)) * 64)
NOTES = ("cover.txt", "text/plain", b"Reel 1 of 3")
B_AND_T = [
    ("alb", "sqi"),
    ("arm", "hye"),
    ("baq", "eus"),
    ("bur", "mya"),
    ("chi", "zho"),
    ("cze", "ces"),
    ("dut", "nld"),
    ("fre", "fra"),
    ("geo", "kat"),
    ("ger", "deu"),
    ("gre", "ell"),
    ("ice", "isl"),
    ("mac", "mkd"),
    ("may", "msa"),
    ("per", "fas"),
    ("rum", "ron"),
    ("slo", "slk"),
    ("tib", "bod"),
    ("wel", "cym"),
]
"""The ISO 639-2 languages whose code has a bibliographic and a terminology form, each as a
MOV file may keep one; Maori (mao, mri) is not among them: a MOV file keeps neither."""


@pytest.fixture
def restorer(tmp_path):
    return tiny_restorer(tmp_path / "model")


def _attached(source: Path, target: Path, files: list[tuple[str, str, bytes]]) -> Path:
    """``source``'s streams copied into the Matroska file ``target``, with ``files``
    (name, type, data) attached."""
    with av.open(str(source)) as film, av.open(str(target), "w") as out:
        streams = {stream.index: out.add_stream_from_template(stream) for stream in film.streams}
        for name, mimetype, data in files:
            out.add_attachment(name, mimetype, data)
        for packet in film.demux():
            if packet.size:
                packet.stream = streams[packet.stream.index]
                out.mux(packet)
    return target


def _film(tmp_path: Path, files: list[tuple[str, str, bytes]]) -> Path:
    clip = make_clip(tmp_path / "clip.mkv", frames=FRAMES, size=SIZE, subtitles="ass")
    return _attached(clip, tmp_path / "film.mkv", files)


def _attachments(path: Path) -> list[tuple[str, str, bytes]]:
    with av.open(str(path)) as film:
        return [
            (stream.name, stream.mimetype, bytes(stream.data))
            for stream in film.streams
            if stream.type == "attachment"
        ]


@pytest.mark.parametrize("codec", ["h264", "ffv1"])
def test_attached_files_go_into_a_matroska_film_whole(tmp_path, restorer, codec):
    film = _film(tmp_path, [FONT, NOTES])
    target = tmp_path / "out.mkv"
    restore_video(restorer, film, target, VideoOptions(codec=codec))
    assert _attachments(target) == [FONT, NOTES]
    assert probe(target).frames == FRAMES
    assert join_notes(probe(film), target) == []


@pytest.mark.parametrize("suffix", [".mp4", ".mov"])
def test_a_film_whose_container_cannot_hold_them_is_written_without_them_saying_so(
    tmp_path, restorer, suffix
):
    film = make_clip(tmp_path / "clip.mkv", frames=FRAMES, size=SIZE)
    film = _attached(film, tmp_path / "film.mkv", [FONT])
    target = tmp_path / f"out{suffix}"
    told: list[str] = []
    restore_video(restorer, film, target, on_notice=told.append)
    assert _attachments(target) == []
    assert probe(target).frames == FRAMES
    (note,) = join_notes(probe(film), target)
    assert note == (
        f"the attachment (font.ttf) of film.mkv cannot go into a {suffix} file, and is left "
        "out (a .mkv film keeps it)"
    )


def test_the_command_line_says_the_attached_files_are_left_out(tmp_path, tiny_model_file, capsys):
    film = make_clip(tmp_path / "clip.mkv", frames=FRAMES, size=SIZE)
    film = _attached(film, tmp_path / "film.mkv", [FONT, NOTES])
    target = tmp_path / "out.mp4"
    assert (
        main(["restore-video", str(film), "-o", str(target), "--model", str(tiny_model_file)]) == 0
    )
    said = [line for line in capsys.readouterr().err.splitlines() if "attachment" in line]
    assert said == [f"note: {note}" for note in join_notes(probe(film), target)]
    assert "font.ttf" in said[0] and "cover.txt" in said[0] and "are left out" in said[0]


def test_frames_leave_attached_files_out_with_the_subtitles_saying_so(tmp_path):
    info = probe(_film(tmp_path, [FONT]))
    notes = frame_files_notes(FrameFiles.of(tmp_path / "out" / "f_%04d.tif", info))
    (left_out,) = [note for note in notes if "left out" in note]
    assert left_out.startswith("the subtitle stream")
    assert "and the attachment (font.ttf) of film.mkv are left out" in left_out


def _in_languages(source: Path, target: Path, codes: list[str]) -> Path:
    """``source``'s video copied into the Matroska file ``target`` with a short PCM sound
    track in each language of ``codes``."""
    with av.open(str(source)) as film, av.open(str(target), "w") as out:
        video = out.add_stream_from_template(film.streams.video[0])
        tracks = []
        for code in codes:
            track = out.add_stream("pcm_s16le", rate=8000, layout="mono")
            track.metadata["language"] = code
            tracks.append(track)
        for packet in film.demux(film.streams.video[0]):
            if packet.size:
                packet.stream = video
                out.mux(packet)
        for track in tracks:
            sound = av.AudioFrame.from_ndarray(np.zeros((1, 800), np.int16), format="s16")
            sound.sample_rate, sound.pts = 8000, 0
            out.mux(track.encode(sound) + track.encode(None))
    return target


def _languages(path: Path) -> list[str | None]:
    with av.open(str(path)) as film:
        return [stream.metadata.get("language") for stream in film.streams.audio]


def test_a_mov_film_keeps_each_language_in_a_form_of_its_code(tmp_path, restorer):
    """Both forms of each code go in as the one a MOV file keeps: a language tagged "fre"
    or "fra" comes out French, not undetermined."""
    codes = [code for pair in B_AND_T for code in pair]
    clip = make_clip(tmp_path / "clip.mkv", frames=FRAMES, size=SIZE, audio=None)
    film = _in_languages(clip, tmp_path / "film.mkv", codes)
    target = tmp_path / "out.mov"
    restore_video(restorer, film, target, VideoOptions(codec="prores"))
    kept = _languages(target)
    assert len(kept) == len(codes)
    for (bibliographic, terminology), b_kept, t_kept in zip(
        B_AND_T, kept[0::2], kept[1::2], strict=True
    ):
        assert b_kept == t_kept and b_kept in (bibliographic, terminology)


@pytest.mark.parametrize("suffix", [".mp4", ".mkv"])
def test_other_containers_keep_each_code_as_it_is(tmp_path, restorer, suffix):
    codes = ["fre", "deu", "chi", "zho"]
    clip = make_clip(tmp_path / "clip.mkv", frames=FRAMES, size=SIZE, audio=None)
    film = _in_languages(clip, tmp_path / "film.mkv", codes)
    target = tmp_path / f"out{suffix}"
    restore_video(restorer, film, target)
    assert _languages(target) == codes


def test_a_film_refused_its_container_gets_no_note_of_its_attached_files(tmp_path, restorer):
    """Its subtitles cannot go into MP4: the refusal says so, and no note of what would be
    left out of a film that is not written."""
    film = _film(tmp_path, [FONT])
    target = tmp_path / "out.mp4"
    with pytest.raises(RekindleError, match=r"cannot be copied into a \.mp4 file"):
        restore_video(restorer, film, target)
    assert join_notes(probe(film), target) == []
