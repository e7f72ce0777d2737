"""Line-by-line questions before and after the live screen: yes/no and 0-10 pain."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

YES = {"y", "yes"}
NO = {"n", "no"}


def _ask(console: Console, question: str, choices: str) -> str:
    prompt = Text(f"{question} ")
    prompt.append(f"[{choices}]", style="bold")
    prompt.append(" ")
    console.print(prompt, end="")
    return console.input().strip().lower()


def ask_yes_no(console: Console, question: str) -> bool:
    """Ask until the answer is yes or no."""
    while True:
        answer = _ask(console, question, "y/n")
        if answer in YES:
            return True
        if answer in NO:
            return False
        console.print("Please answer y (yes) or n (no).", highlight=False)


def ask_pain(console: Console, question: str, scale_max: int = 10) -> int:
    """Ask until the answer is a whole number from 0 to `scale_max`."""
    while True:
        answer = _ask(console, question, f"0-{scale_max}")
        if answer.isdigit() and 0 <= int(answer) <= scale_max:
            return int(answer)
        console.print(
            f"Please type a number from 0 (no pain) to {scale_max} (worst imaginable).",
            highlight=False,
        )
