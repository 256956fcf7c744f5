"""``python -m engine``: restore photos, inspect models, list devices."""

from engine.console import INTERRUPTED

try:
    from engine.cli import main
except KeyboardInterrupt:  # Ctrl+C while torch is still loading
    raise SystemExit(INTERRUPTED) from None
raise SystemExit(main())
