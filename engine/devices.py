"""Choosing the compute device: CUDA, then Apple's MPS, then the CPU, unless told otherwise."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from engine.errors import DeviceError
from engine.system_memory import available_bytes
from engine.words import plural, say

DEVICE_CHOICES = ("auto", "cpu", "cuda", "mps")
DEVICE_HELP = (
    "where to run: auto (the default: a CUDA GPU, else Apple's MPS, else the CPU), cpu, cuda "
    "(cuda:1 for the second GPU) or mps"
)
"""The command lines' ``--device`` help."""


@dataclass(frozen=True)
class DeviceStatus:
    """Whether a device kind can be used here, and if not, why (shown greyed out in the app)."""

    name: str
    available: bool
    reason: str = ""
    hardware: str = ""  # what the device is, where it says more than its kind


def cuda_available() -> bool:
    return torch.cuda.is_available()


def mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend and backend.is_available())


def device_statuses() -> list[DeviceStatus]:
    """Every device kind with its availability, for menus and ``engine devices``."""
    cuda = cuda_available()
    mps = mps_available()
    cuda_reason = "" if cuda else say("no NVIDIA GPU with a working CUDA driver was found")
    mps_reason = "" if mps else say("Apple Metal (MPS) is only available on Apple silicon Macs")
    return [
        DeviceStatus("cpu", True),
        DeviceStatus("cuda", cuda, cuda_reason, cuda_hardware() if cuda else ""),
        DeviceStatus("mps", mps, mps_reason),
    ]


def cuda_hardware() -> str:
    """The GPU's name and memory, "NVIDIA H200, 140 GB"; "2 × ..." for several of one kind,
    else the first's (the one used by default)."""
    count = torch.cuda.device_count()
    first = torch.cuda.get_device_properties(0)
    text = f"{first.name}, {first.total_memory / 1e9:.0f} GB"
    names = {torch.cuda.get_device_properties(index).name for index in range(count)}
    return f"{count} × {text}" if count > 1 and names == {first.name} else text


def pick_device(choice: str = "auto", local_rank: int = 0) -> torch.device:
    """The device for ``choice`` ("auto", "cpu", "cuda", "cuda:1", "mps")."""
    kind = choice.split(":")[0]
    if kind not in DEVICE_CHOICES:
        raise _unknown(choice)
    if kind == "auto":
        if cuda_available():
            return torch.device("cuda", local_rank)
        return torch.device("mps") if mps_available() else torch.device("cpu")
    status = next(s for s in device_statuses() if s.name == kind)
    if not status.available:
        raise DeviceError(say("cannot use {kind}: {reason}", kind=kind, reason=status.reason))
    if kind == "cuda":
        return torch.device("cuda", _cuda_index(choice) if ":" in choice else local_rank)
    return torch.device(choice)


def pick_device_present(choice: str, local_rank: int = 0) -> tuple[torch.device, str]:
    """The device for ``choice``, or, where this computer has no such device now (a choice
    saved before an eGPU was unplugged), the one ``auto`` picks; with the reason ``choice``
    could not be used ("" where it could)."""
    try:
        return pick_device(choice, local_rank), ""
    except DeviceError as error:
        return pick_device("auto", local_rank), error.sentence


def _cuda_index(choice: str) -> int:
    """The GPU number of ``choice`` ("cuda:1"), refused where this computer has no such GPU
    (torch would only fail once work reached it, in its own words)."""
    number = choice.partition(":")[2]
    if not number.isdigit():
        raise _unknown(choice)
    count = torch.cuda.device_count()
    if int(number) < count:
        return int(number)
    raise DeviceError(
        plural(
            count,
            say("cannot use {choice}: the only CUDA GPU here is cuda:0", choice=choice),
            say(
                "cannot use {choice}: the CUDA GPUs here are cuda:0 to cuda:{last}",
                choice=choice,
                last=count - 1,
            ),
        )
    )


def _unknown(choice: str) -> DeviceError:
    return DeviceError(
        say(
            "unknown device '{choice}'; choose one of {choices}",
            choice=choice,
            choices=", ".join(DEVICE_CHOICES),
        )
    )


def uses_half(device: torch.device) -> bool:
    """Half precision is used for inference on CUDA only (MPS and CPU stay in float32), and
    there for 8-bit pictures only (``engine.restorer``: deeper ones would lose levels)."""
    return device.type == "cuda"


def memory_format(device: torch.device) -> torch.memory_format:
    """The layout convolutions run fastest in on ``device``.

    Channels-last (NHWC) lets oneDNN and cuDNN use their fast kernels: on this project's
    2-core CPU the built-in model's tiled inference took 0.19 s per output megapixel in it
    against 0.34 s in the default layout (``python bench/inference.py --json``). MPS keeps
    the default layout.
    """
    return torch.channels_last if device.type in ("cuda", "cpu") else torch.contiguous_format


def free_memory_bytes(device: torch.device) -> int:
    """Memory free for a job on ``device`` (the system's available RAM for CPU and MPS)."""
    if device.type == "cuda":
        free, _total = torch.cuda.mem_get_info(device)
        return int(free)
    available = available_bytes()
    if available is None:
        raise RuntimeError(say("psutil is needed to size work on the {device}", device=device.type))
    return available


def is_out_of_memory(error: BaseException) -> bool:
    """Whether ``error`` is a device running out of memory (retry with smaller tiles)."""
    if isinstance(error, torch.OutOfMemoryError):
        return True
    return isinstance(error, RuntimeError) and "out of memory" in str(error).lower()
