"""Entry point of `python -m geodata`; see geodata.cli for the commands."""

from geodata.cli import main

raise SystemExit(main())
