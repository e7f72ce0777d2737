"""The session data files: validated at load, one sentence per decision, broken files refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from backcoach.errors import CatalogError
from backcoach.session import is_one_sentence, load_rules
from backcoach.session.rules import _data_dir, load_rules_from


def test_shipped_rules_load_and_hold_the_physio_thresholds():
    rules = load_rules()
    assert (rules.pain.safe_max, rules.pain.acceptable_max, rules.pain.rise_stop) == (3, 5, 2)
    assert rules.screening.disclaimer and "not a diagnosis" in rules.screening.disclaimer
    assert len(rules.screening.questions) == 7


def test_every_nine_exercises_has_its_own_easier_variant():
    from backcoach.catalog import EXERCISE_IDS

    easier = load_rules().easier
    assert set(easier.exercises) == set(EXERCISE_IDS)
    assert all(is_one_sentence(v.text) for v in easier.exercises.values())


@pytest.mark.parametrize("text, ok", [
    ("Carry on.", True),
    ("Pain 3 out of 10 is fine, so carry on.", True),
    ("Stop. Rest now.", False),
    ("no full stop", False),
    ("", False),
])
def test_one_sentence_check(text, ok):
    assert is_one_sentence(text) is ok


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(_data_dir(), folder)
    return folder


def _edit(folder: Path, name: str, change) -> None:
    path = folder / name
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data))


@pytest.mark.parametrize("name, change, words", [
    ("pain.yaml", lambda d: d["messages"].update(safe="Fine. Carry on."), "one sentence"),
    ("pain.yaml", lambda d: d["messages"].update(safe="Pain {level} is fine."), "placeholders"),
    ("pain.yaml", lambda d: d.update(safe_max=7), "safe_max"),
    ("screening.yaml", lambda d: d["questions"].pop(), "questions"),
    ("load.yaml", lambda d: d["steps"].append({"min_rise": 2, "factor": 0.9}), "steps"),
    ("easier.yaml", lambda d: d["exercises"].update({"toe-touches": {"text": "Go."}}),
     "toe-touches"),
    ("cues.yaml", lambda d: d["first_side"].update({"ankle-pumps": "up"}), "first_side"),
])
def test_a_broken_data_file_is_refused_with_a_clear_error(tmp_path, name, change, words):
    folder = _copy(tmp_path)
    assert load_rules_from(folder) == load_rules()
    _edit(folder, name, change)
    with pytest.raises(CatalogError) as err:
        load_rules_from(folder)
    assert name in str(err.value) and words in str(err.value)
