"""Make values safe for a JSON column on both databases (no numpy scalars, no NaN)."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any


def to_json_value(value: Any) -> Any:
    """A copy of `value` made of dict/list/str/int/float/bool/None only.

    numpy scalars and arrays become Python numbers and lists, tuples lists, dataclasses (or
    objects with `to_dict()`) dicts, datetimes ISO text; NaN and infinity become None, because
    PostgreSQL's JSONB refuses them.
    """
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Mapping):
        return {str(k): to_json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_json_value(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if hasattr(value, "to_dict"):
        return to_json_value(value.to_dict())
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_json_value(dataclasses.asdict(value))
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return to_json_value(value.tolist())
    raise TypeError(f"cannot store a {type(value).__name__} in a JSON column: {value!r}")
