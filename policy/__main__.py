import os
import sys

# The command line uses no pydantic plugin; without this, pydantic reads the entry points of
# every installed distribution to look for one when the first model is built (a large part of
# a single decision's start-up time). A value the user sets in the environment is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from policy.cli import main  # noqa: E402

sys.exit(main())
