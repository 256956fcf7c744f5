"""``python -m training``: prepare pairs and train models from the command line."""

from training.cli import main

raise SystemExit(main())
