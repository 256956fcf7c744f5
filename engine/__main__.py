"""``python -m engine``: restore photos, inspect models, list devices."""

from engine.cli import main

raise SystemExit(main())
