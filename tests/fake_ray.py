"""Ray stood in for, for tests of engine.cluster without a cluster: tasks finish in the order
they were sent, what is cancelled is recorded, and a task's value is given or its error
raised."""

from __future__ import annotations


class FakeRay:
    """``wait`` finishes the oldest task (none while ``stuck``); ``cancel`` is recorded;
    ``get`` raises a task's error (``failing``) or gives its value (``value_of``)."""

    class exceptions:  # noqa: N801 (as Ray names it)
        class RayError(Exception):
            pass

        class RayTaskError(RayError):
            pass

    def __init__(self) -> None:
        self.cancelled: list[object] = []
        self.stuck = False
        self.failing: dict[object, Exception] = {}

    def wait(self, refs: list, num_returns: int, timeout: float) -> tuple[list, list]:
        if self.stuck:
            return [], refs
        return refs[:num_returns], refs[num_returns:]

    def cancel(self, ref: object) -> None:
        self.cancelled.append(ref)

    def get(self, ref: object) -> object:
        if ref in self.failing:
            raise self.failing[ref]
        return self.value_of(ref)

    def value_of(self, ref: object) -> object:
        return f"value of {ref}"
