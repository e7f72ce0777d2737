"""Markdown to HTML for the education page (markdown-it-py, which rich already depends on)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markupsafe import Markup


def slug(text: str) -> str:
    """'When to see a doctor first' -> 'when-to-see-a-doctor-first'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _heading_ids(state: StateCore) -> None:
    tokens = state.tokens
    for i, token in enumerate(tokens):
        if token.type == "heading_open" and i + 1 < len(tokens):
            token.attrSet("id", slug(tokens[i + 1].content))


_md = MarkdownIt("commonmark", {"html": False})
_md.core.ruler.push("heading_ids", _heading_ids)


def to_html(text: str) -> Markup:
    """Render packaged Markdown; headings get ids, raw HTML in the source is escaped."""
    return Markup(_md.render(text))
