"""Telling apart files that share a name: two scans both called ``photo.jpg``, from ``box1`` and
``box2``, would look the same in the queue, so each gets the end of its folder that no other
file of that name shares ("box1/", "box2/"). The rule is the engine's
(``engine.folder_tails``), which keeps a batch's folders of the same name apart by it."""

from __future__ import annotations

from engine.folder_tails import folder_hints

__all__ = ["folder_hints"]
