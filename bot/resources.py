"""Where the shipped catalogs and knowledge base live: the source tree or the install prefix."""

from __future__ import annotations

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
