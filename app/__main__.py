"""``python -m app`` starts the Rekindle window (or runs ``--self-test``)."""

from app.main import main

raise SystemExit(main())
