"""``python -m app`` starts the Rekindle window (or runs ``--self-test``, or given ``engine``
or ``training`` first, that command line)."""

from app.main import main

raise SystemExit(main())
