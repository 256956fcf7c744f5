"""Put a trained model among the built-in ones: resources/models/NAME.safetensors, its weights
in half precision (the card's figures do not move, and the file takes half the room: the
repository travels to a GPU machine with the training data, 64 MiB in all), its display name
and training record kept::

    .venv/bin/python tools/ship_model.py runs/gpu/restore-x4/restore-x4.safetensors restore-x4

Then ``tools/card_rows.py --write`` measures the card's rows again.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from engine.library.own_format import load_own_model, save_model  # noqa: E402
from engine.paths import builtin_models_dir  # noqa: E402


def ship(source: Path, name: str, folder: Path) -> Path:
    """Write ``source`` (a Rekindle model file) as ``folder/NAME.safetensors`` in half
    precision; the file written."""
    model = load_own_model(source)
    described = model.descriptor
    return save_model(
        model.network,
        folder / f"{name}.safetensors",
        display_name=described.display_name,
        training=described.training,
        half=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="a model file the trainer wrote")
    parser.add_argument("name", help="its built-in name, e.g. restore-x4")
    args = parser.parse_args(argv)
    written = ship(args.source, args.name, builtin_models_dir())
    print(f"{written} ({written.stat().st_size / 2**20:.2f} MiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
