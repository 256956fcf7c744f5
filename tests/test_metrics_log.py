"""A training run's record: appended a line at a time, read back whole after a kill."""

import json
import multiprocessing

from training.metrics_log import append_record, forget_after, metrics_path, read_records


def test_the_record_lies_beside_the_model(tmp_path):
    assert metrics_path(tmp_path / "m.safetensors") == tmp_path / "m.metrics.jsonl"


def test_a_line_cut_off_by_a_kill_is_skipped_and_dropped_on_resume(tmp_path):
    path = tmp_path / "m.metrics.jsonl"
    for step in (1, 2, 3):
        append_record(path, {"type": "step", "step": step})
    with open(path, "a") as stream:
        stream.write(json.dumps({"type": "step", "step": 4})[:7])  # killed mid-line
    assert [r["step"] for r in read_records(path)] == [1, 2, 3]
    assert [r["step"] for r in read_records(path, last_step=2)] == [1, 2]
    forget_after(path, 2)
    append_record(path, {"type": "step", "step": 3})
    lines = path.read_text().splitlines()
    assert [json.loads(line)["step"] for line in lines] == [1, 2, 3]


def _append_many(path, writer):
    for step in range(200):
        append_record(path, {"writer": writer, "step": step, "padding": "x" * 500})


def test_lines_from_two_writers_at_once_never_mix(tmp_path):
    path = tmp_path / "m.metrics.jsonl"
    writers = [multiprocessing.Process(target=_append_many, args=(path, n)) for n in range(2)]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join()
    records = [json.loads(line) for line in path.read_text().splitlines()]
    assert sorted((r["writer"], r["step"]) for r in records) == [
        (n, step) for n in range(2) for step in range(200)
    ]


def test_a_missing_record_reads_as_empty(tmp_path):
    path = tmp_path / "none.metrics.jsonl"
    assert read_records(path) == []
    forget_after(path, 5)
    assert not path.exists()
