"""Where the shipped catalogs and knowledge base live: the source tree or the install prefix."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parents[1]
# A wheel install puts the same folders under <prefix>/share/partnerbot (see pyproject data-files).
_INSTALLED_ROOT = Path(sys.prefix) / "share" / "partnerbot"


def resource_root() -> Path:
    for root in (_SOURCE_ROOT, _INSTALLED_ROOT):
        if (root / "locales").is_dir():
            return root
    raise FileNotFoundError(
        f"partnerbot's locales/ folder is in neither {_SOURCE_ROOT} nor {_INSTALLED_ROOT}"
    )


def locales_dir() -> Path:
    return resource_root() / "locales"


def data_dir() -> Path:
    return resource_root() / "data"


def cache_dir(name: str) -> Path | None:
    """The machine's cache for `name`: ~/.cache/partnerbot/<name> (or under XDG_CACHE_HOME);
    None without a home directory (a service user)."""
    try:
        root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    except RuntimeError:
        return None
    return Path(root) / "partnerbot" / name


def write_cache(path: Path, data: bytes) -> OSError | None:
    """Written whole or not at all: another process may read it meanwhile. A cache that
    cannot be written is no error; the reason is returned for the caller to log."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(path)
    except OSError as exc:
        return exc
    return None
