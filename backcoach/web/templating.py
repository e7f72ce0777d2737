"""The Jinja2 environment shared by every page, with the catalogue's presentation helpers."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

from backcoach.catalog import labels
from backcoach.web import present

WEB_DIR = Path(__file__).resolve().parent

templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
templates.env.globals.update(
    dosage_text=labels.dosage_text,
    reps_text=labels.reps_text,
    hold_text=labels.hold_text,
    illustrations=present.illustrations,
    is_default=present.is_default,
    dosage_rows=present.dosage_rows,
    default_labels=present.default_labels,
    num=present.num,
    pct=present.pct,
    secs=present.seconds,
    measure=present.measure,
    when=present.when,
    holds_text=present.holds_text,
    clock_time=present.clock_time,
    posture_label=lambda p: present.POSTURE_LABELS.get(str(getattr(p, "value", p)), str(p)),
    purpose_label=lambda p: present.PURPOSE_LABELS.get(str(getattr(p, "value", p)), str(p)),
)
