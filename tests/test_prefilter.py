"""The literal prefilter of the cue patterns (inference.prefilter) skips a pattern only where it has no match: on
the hand-written request sets and the sample letters, every cue finds exactly what plain `re` finds."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from inference import elements, request_type
from inference.document import read_document
from inference.folding import fold
from inference.prefilter import PrefilteredPattern, required_literals

ROOT = Path(__file__).resolve().parents[1]


def test_required_literals_name_what_every_match_contains():
    required = required_literals(re.compile(r"\b(?:demande|prescri\w*) (?:d'|de )?(?:scanner|irm)\b(?!\w)"))
    assert frozenset({"demande", "prescri"}) in required
    assert frozenset({"scanner", "irm"}) in required
    assert required_literals(re.compile(r"\bscanner\b", re.IGNORECASE)) == []  # case-blind: nothing certain
    assert required_literals(re.compile(r"(?:scanner|\d+)")) == []  # one branch needs no literal
    assert frozenset({"mmhg"}) in required_literals(re.compile(r"\d+(?= ?mmhg)"))  # a lookahead's text is needed


def test_a_pattern_is_skipped_only_where_it_cannot_match():
    pattern = PrefilteredPattern(r"\b(?:scanner|irm) (?:thoracique|cerebral)")
    assert pattern.findall("merci de faire un scanner cerebral") == ["scanner cerebral"]
    assert not pattern.could_match("merci de faire un bilan sanguin")
    assert pattern.findall("un scanner puis une irm") == []  # could match by its words, does not


def _texts() -> list[str]:
    texts = [json.loads(line)["text"] for path in sorted((ROOT / "export" / "data").glob("requests_*.jsonl"))
             for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts += [read_document(path).text for path in sorted((ROOT / "resources" / "samples").glob("*.pdf"))
              if "scan" not in path.name]
    return texts


@pytest.mark.parametrize("module", [request_type, elements])
def test_cues_find_what_plain_re_finds(module):
    if module is request_type:
        cased, folded = [], [pattern for cues in request_type._COMPILED.values() for pattern, _ in cues]
    else:
        cased = [pattern for patterns in elements._COMPILED_CASED.values() for pattern in patterns]
        folded = [pattern for patterns in elements._COMPILED_FOLDED.values() for pattern in patterns]
    assert sum(bool(pattern.required) for pattern in cased + folded) > 0.9 * len(cased + folded)
    for text in _texts():
        for patterns, seen in ((cased, text), (folded, fold(text))):
            for pattern in patterns:
                expected = [match.span() for match in pattern.pattern.finditer(seen)]
                assert [match.span() for match in pattern.finditer(seen)] == expected, pattern.pattern
