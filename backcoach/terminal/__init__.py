"""The terminal player: a Rich live screen over the session engine, driven by single keys."""

from backcoach.terminal.controls import LEGEND, Controls
from backcoach.terminal.keys import KeySource, ScriptedKeys, TerminalKeys
from backcoach.terminal.player import live_session, play_session, run_screen, summary_table
from backcoach.terminal.render import render_view

__all__ = [
    "LEGEND",
    "Controls",
    "KeySource",
    "ScriptedKeys",
    "TerminalKeys",
    "live_session",
    "play_session",
    "render_view",
    "run_screen",
    "summary_table",
]
