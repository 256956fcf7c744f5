"""The restore worker's connection to a Ray cluster: opened by the first job that asks for it
and kept for the jobs that follow with the same address (joining a cluster takes seconds,
starting one on this computer longer), closed when the address changes, when a job runs here,
when the cluster stops answering (``LOSSES`` tells of it), and when the run or the app ends (a
local cluster's workers hold memory the next job needs).

Films go to any cluster, in segments restored side by side; photos only to a remote one's
workers, one at a time (``photos_on``): one photo gains nothing from a cluster started here.
The workers that restore on another device than the one chosen (no GPU where one was
chosen) are told to ``on_device``, once each while the connection lasts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QObject, Signal

from engine.batch import Job
from engine.chain import ModelRequest
from engine.cluster.board import DeviceWarnings
from engine.cluster.connect import Cluster, local_workers, open_cluster
from engine.cluster.films import restore_films
from engine.cluster.photos import restore_one_photo
from engine.cluster.running import ClusterLost
from engine.cluster.shipping import WorkerSetup, pack_setup, share_setup
from engine.filestamp import FileStamp
from engine.imageio import Picture
from engine.progress import Progress
from engine.restorer import Restorer
from engine.video import VideoOptions, VideoReport

if TYPE_CHECKING:
    from app.workers import FilmJob, RestoreJob

ANY_SIZE_SUFFIX = ".png"
"""The format a photo restored on a cluster is checked against there: none, as PNG holds any
size (the app checked the format it saves in before the run, see ``app.size_check``)."""


class Losses(QObject):
    """Tells of a cluster whose head stopped answering during a job (from the restore
    worker's thread), so that its address is checked again where it is shown."""

    lost = Signal(str)  # the cluster's address


LOSSES = Losses()


def photos_on(address: str | None) -> str | None:
    """The cluster photos are restored on when films go to ``address``: a remote one, not
    one started on this computer."""
    return address if address and local_workers(address) is None else None


class ClusterLink:
    """One cluster connection at a time, with the model setup its workers were last sent;
    ``on_device`` is told the device warnings of its workers (engine sentences)."""

    def __init__(self, on_device: Callable[[str], None]) -> None:
        self._on_device = on_device
        self._devices = DeviceWarnings(on_device)  # of the workers of the connection open
        self._stack = ExitStack()
        self._opened: tuple[str, str] | None = None  # address, device
        self._cluster: Cluster | None = None
        self._setup_key: tuple[ModelRequest, tuple[FileStamp, ...] | None, str, int] | None = None
        self._setup: WorkerSetup | None = None
        self._shared: Any = None  # the setup in the cluster's object store, once photos need it

    def restore_photo(
        self, job: RestoreJob, progress: Progress, marks: np.ndarray | None = None
    ) -> Picture:
        """The job's photo restored by one of the workers of its cluster (its spots marked
        by hand, ``marks``, sent with it). The photo's own notices (its pages, no fading
        found, its size) are not passed on: the app words them for every photo, wherever it
        is restored (``RestoreResult``, ``app.size_check``)."""
        cluster = self._open(job)
        setup = self._setup_for(cluster, job)
        if self._shared is None:
            self._shared = share_setup(setup)
        photo = Job(job.source, job.source.with_suffix(ANY_SIZE_SUFFIX), marks)
        with self._left_when_lost(job):
            return restore_one_photo(
                cluster, self._shared, photo, job.options, progress, devices=self._devices
            )

    def restore_film(
        self,
        job: FilmJob,
        restorer: Restorer,
        target: Path,
        options: VideoOptions,
        progress: Progress,
    ) -> VideoReport:
        """The job's film restored into ``target`` by its cluster, whose workers build the
        job's models from their files, as the command line's do."""
        cluster = self._open(job)
        setup = self._setup_for(cluster, job)
        films = [(job.source, target)]
        with self._left_when_lost(job):
            run = restore_films(
                cluster, setup, restorer, films, options, progress, devices=self._devices
            )
        (report,) = run.films
        return report

    def close(self) -> None:
        """Leave the cluster (stop it, if it was started here); the next connection's
        workers are told again."""
        self._opened = self._cluster = None
        self._setup_key = self._setup = self._shared = None
        self._devices = DeviceWarnings(self._on_device)
        self._stack.close()

    @contextmanager
    def _left_when_lost(self, job: RestoreJob) -> Iterator[None]:
        """A job whose cluster stops answering leaves it (the next job joins it again) and
        tells ``LOSSES``."""
        try:
            yield
        except ClusterLost:
            self.close()
            LOSSES.lost.emit(job.cluster)
            raise

    def _open(self, job: RestoreJob) -> Cluster:
        """The job's cluster: the one open, or another joined (or started) instead."""
        assert job.cluster is not None
        opened = (job.cluster, job.device)
        if self._cluster is None or self._opened != opened:
            self.close()
            self._cluster = self._stack.enter_context(open_cluster(*opened))
            self._opened = opened
        return self._cluster

    def _setup_for(self, cluster: Cluster, job: RestoreJob) -> WorkerSetup:
        """The setup for the job's models, packed again only for other models (or files
        replaced under the same names), another device or tile."""
        key = (job.model, job.model.stamp(), job.device, job.options.tile)
        if self._setup is None or self._setup_key != key:
            tile, threads = job.options.tile, cluster.threads
            self._setup = pack_setup(job.model, device=job.device, tile=tile, threads=threads)
            self._setup_key, self._shared = key, None
        return self._setup
