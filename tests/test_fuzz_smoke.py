"""A few fixed examples of each fuzz target of scripts/fuzz.py, so that CI notices when a property or the fuzz
command itself breaks; the long runs (`python scripts/fuzz.py --minutes N`) happen outside CI."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

pytest.importorskip("hypothesis", reason="hypothesis is a dev dependency (pyproject [dev])")

FUZZ = Path(__file__).resolve().parents[1] / "scripts" / "fuzz.py"


def _fuzz_module():
    spec = importlib.util.spec_from_file_location("medclair_fuzz", FUZZ)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("target", ["pdf", "clean", "rules"])
def test_fuzz_target_holds_on_a_small_budget(target: str) -> None:
    _fuzz_module().fuzz_once(target, examples=25, derandomize=True)
