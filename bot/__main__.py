"""`python -m bot` is the same as the `partnerbot` command."""

from bot.cli import main

raise SystemExit(main())
