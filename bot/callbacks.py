"""Typed callback data for inline buttons: packed as `prefix:field:field`, checked both ways.

Button data comes back from the client and can be forged, so `parse` accepts only exactly the
shape `pack` produces; the 64-byte limit of Telegram is enforced where the data is built.
"""

from __future__ import annotations

import dataclasses
import re
from typing import ClassVar, Self, get_type_hints

MAX_BYTES = 64
_SEPARATOR = ":"
# At most 18 digits: every such number fits SQLite's 64-bit integers (19 digits may not).
_INT = re.compile(r"-?\d{1,18}")


# The fields of each callback data class, in order: every answer packs a few buttons, and
# `dataclasses.fields` builds its tuple anew each time.
_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(field.name for field in dataclasses.fields(cls))
    return names


class CallbackData:
    """Base for frozen dataclasses whose fields are `int` or `str` (no ':' in strings)."""

    prefix: ClassVar[str]

    def pack(self) -> str:
        parts = [self.prefix]
        for name in _names(type(self)):
            value = str(getattr(self, name))
            if _SEPARATOR in value:
                raise ValueError(f"{self.prefix}.{name}: ':' is not allowed in {value!r}")
            parts.append(value)
        data = _SEPARATOR.join(parts)
        if len(data.encode()) > MAX_BYTES:
            raise ValueError(f"callback data over {MAX_BYTES} bytes: {data!r}")
        return data

    @classmethod
    def parse(cls, data: str | None) -> Self | None:
        """The value `data` encodes, or None when it is not one of ours."""
        if not data:
            return None
        prefix, _, rest = data.partition(_SEPARATOR)
        fields = dataclasses.fields(cls)  # type: ignore[arg-type]
        if prefix != cls.prefix:
            return None
        parts = rest.split(_SEPARATOR) if fields else ([] if not rest else [rest])
        if len(parts) != len(fields):
            return None
        hints = get_type_hints(cls)
        values: dict[str, object] = {}
        for field, raw in zip(fields, parts, strict=True):
            if hints[field.name] is int:
                if not _INT.fullmatch(raw):
                    return None
                values[field.name] = int(raw)
            else:
                values[field.name] = raw
        try:
            return cls(**values)
        except (TypeError, ValueError):
            return None

    @classmethod
    def pattern(cls, **fixed: object) -> re.Pattern[str]:
        """For CallbackQueryHandler: matches this prefix, and with `fixed` (e.g. action="send")
        only data of exactly this shape whose named fields have those values. A match is no
        proof of validity: the handler still parses (data can be forged)."""
        if not fixed:
            return re.compile(rf"^{re.escape(cls.prefix)}(:|$)")
        names = [field.name for field in dataclasses.fields(cls)]  # type: ignore[arg-type]
        unknown = fixed.keys() - set(names)
        if unknown:
            raise ValueError(f"{cls.prefix}: no field {sorted(unknown)}")
        parts = [re.escape(str(fixed[name])) if name in fixed else "[^:]*" for name in names]
        return re.compile(rf"^{re.escape(cls.prefix)}:{':'.join(parts)}$")
