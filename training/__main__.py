"""``python -m training``: prepare pairs and train models from the command line."""

from engine.console import INTERRUPTED

try:
    from training.cli import main
except KeyboardInterrupt:  # Ctrl+C while torch is still loading
    raise SystemExit(INTERRUPTED) from None
raise SystemExit(main())
