"""tools/gpu_session.py's plans, checked before a session spends its GPU minutes on them: what
comes back fits the device tool's limit on files, every job starts from something that exists,
and a blend family's models are trained from one another, so they stay blendable."""

from pathlib import Path

import pytest

from engine.library.blend import BLEND_FAMILIES
from tools.gpu_session import PLANS

REPO = Path(__file__).resolve().parents[1]
FILES_BACK = 8
"""At most this many files come back from a device call's $OUT."""
OWN_FILES = ("session.log", "bench.json")


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_what_a_plan_brings_back_fits(plan):
    jobs = [job for lane in PLANS[plan] for job in lane]
    assert len(OWN_FILES) + len(jobs) <= FILES_BACK  # one tar per job
    assert len({job.name for job in jobs}) == len(jobs)


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_every_job_starts_from_a_shipped_file_or_an_earlier_job_of_its_lane(plan):
    for lane in PLANS[plan]:
        earlier: list[str] = []
        for job in lane:
            assert job.start is None or job.start in earlier or (REPO / job.start).is_file()
            earlier.append(job.name)
        assert sum(job.share for job in lane) == pytest.approx(1.0)


def test_the_first_plan_trains_each_blend_family_from_its_faithful_model():
    """Every built-in model of a family the plan trains descends from the family's faithful
    model through jobs of one lane, so the repair and detail sliders can still blend them."""
    jobs = {job.name: job for lane in PLANS["first"] for job in lane}
    for family in BLEND_FAMILIES:
        trained = [name for name in family.members if name in jobs]
        assert family.faithful in trained
        for name in trained:
            job = jobs[name]
            while job.name != family.faithful:
                assert job.start in jobs, f"{name} does not descend from {family.faithful}"
                job = jobs[job.start]


@pytest.mark.parametrize("device", ["cuda", "cpu"])
def test_the_cuda_checks_run_scripts_and_models_that_exist(device):
    """tools/gpu_checks.py's steps name the project's benchmarks, tests and built-in models:
    a typo found on the GPU machine costs the session's rare minutes."""
    from engine.library.catalog import BUILT_IN_ORDER
    from tools.gpu_checks import steps

    planned = steps(device)
    assert len({name for name, _, _ in planned}) == len(planned)
    for _name, command, _timeout in planned:
        scripts = [part for part in command if part.startswith(("bench/", "tests/"))]
        assert all((REPO / script).is_file() for script in scripts)
        if "--model" in command:
            assert command[command.index("--model") + 1] in BUILT_IN_ORDER
