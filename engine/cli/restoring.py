"""The restoring the options ask for: the models (``model_request``), loaded on this
computer's device (``chosen_restorer``) or sent to a cluster's workers (``cluster_workers``)."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import torch

from engine.chain import ModelRequest
from engine.devices import pick_device
from engine.library.catalog import offered_repair
from engine.library.loading import resolve_model_key
from engine.restorer import Restorer, passes

if TYPE_CHECKING:
    from engine.cluster.connect import Cluster
    from engine.cluster.shipping import WorkerSetup

    Workers = tuple[Cluster, WorkerSetup]


def chosen_restorer(args: argparse.Namespace) -> Restorer:
    """The model, with its 1x models before and after, on the chosen device (on the CPU when
    a cluster's workers restore: here it only describes the work)."""
    device = torch.device("cpu") if args.cluster else pick_device(args.device)
    return Restorer(model_request(args).load(), device, args.tile)


def model_request(args: argparse.Namespace) -> ModelRequest:
    """The chain asked for, each model by its key (``resolve_model_key``), however it was
    named; a Restore model without ``--repair`` at its offered strength; strengths at a
    corner of its blend family asked as that corner's model (``ModelRequest.choose``), so a
    result is named as the app names it."""
    key = resolve_model_key(args.model)
    repair = args.repair if args.repair is not None else offered_repair(key)
    before = tuple(resolve_model_key(stage) for stage in args.before)
    after = tuple(resolve_model_key(stage) for stage in args.after)
    return ModelRequest.choose(key, repair, args.detail, before, after)


@contextmanager
def cluster_workers(args: argparse.Namespace) -> Iterator[Workers | None]:
    """The cluster ``--cluster`` names, and the model for its workers, for the block; None
    without ``--cluster``. Ray is imported only here, once a cluster is asked for."""
    if not args.cluster:
        yield None
        return
    from engine.cluster.connect import open_cluster
    from engine.cluster.shipping import pack_setup

    with open_cluster(args.cluster, args.device) as cluster:
        setup = pack_setup(
            model_request(args), device=args.device, tile=args.tile, threads=cluster.threads
        )
        yield cluster, setup


def check_scale_out(restorer: Restorer, scale_out: int | None) -> None:
    """Refuse, before any work, an output scale the models cannot reach (a model that does
    not enlarge, asked to), which would otherwise fail every photo or film in turn."""
    if scale_out is not None:
        passes(restorer.scale, scale_out)
