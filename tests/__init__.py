"""The test suite. Imported before the conftest and its imports of the bot: where the
environment says not to write bytecode (this machine, CI, the image), the test processes write
it beside the sources all the same (`tests/processes.py`, `compiled_once`), so that the bot's
modules are compiled once for the run, not in pytest's main process and again in every worker."""

import sys

sys.dont_write_bytecode = False
