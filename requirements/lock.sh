#!/bin/sh
# Re-resolve the locks after a change to the dependency ranges in pyproject.toml:
#   sh requirements/lock.sh            (needs network access to PyPI)
# base.lock is what the bot runs on (the Docker image); test.lock adds the test tools. Both pin
# every package, direct or not, with the hashes of its files, for any platform and Python >= 3.11.
# base.lock is resolved within test.lock, so the two never disagree on a version.
set -eu
cd "$(dirname "$0")/.."
uv=$(command -v uv || true)
if [ -z "$uv" ]; then
    python3 -m venv /tmp/partnerbot-uv && /tmp/partnerbot-uv/bin/pip install -q uv
    uv=/tmp/partnerbot-uv/bin/uv
fi
common="--universal --generate-hashes --python-version 3.11 --quiet --custom-compile-command requirements/lock.sh"
# shellcheck disable=SC2086
"$uv" pip compile pyproject.toml --extra test $common -o requirements/test.lock
# shellcheck disable=SC2086
"$uv" pip compile pyproject.toml -c requirements/test.lock $common -o requirements/base.lock
