"""The clinic's own completeness rules and question templates, kept beside the database and validated by the
engine's own loaders before they replace the shipped ones. `inference` is imported only when needed: it loads
the whole engine, which must not delay the first dialog."""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from desktop.store import data_dir, private_dir

if TYPE_CHECKING:
    from desktop.store import Store

RULE_FILES = ("completeness.yaml", "questions.yaml")
DEFAULT_AUTOLOCK_MINUTES = 10


def clinic_rules_dir() -> Path:
    return data_dir() / "rules"


def effective_rules_dir() -> Path | None:
    """The clinic's folder when it holds both files; None means the shipped rules."""
    folder = clinic_rules_dir()
    return folder if all((folder / name).is_file() for name in RULE_FILES) else None


def engine_options(store: "Store | None") -> dict:
    """How the engine loads for this clinic, in the window and for `medclair import` alike: the clinic's own
    rules when it edited them, OCR as stored in the database (on when there is no database yet)."""
    ocr = store is None or store.get_setting("ocr", "1") == "1"
    return {"rules_dir": effective_rules_dir(), "ocr": ocr}


def _shipped_dir() -> Path:
    from inference.resources import resources_dir

    return resources_dir() / "rules"


def read_rules() -> dict[str, str]:
    folder = effective_rules_dir() or _shipped_dir()
    return {name: (folder / name).read_text(encoding="utf-8") for name in RULE_FILES}


def shipped_rules() -> dict[str, str]:
    return {name: (_shipped_dir() / name).read_text(encoding="utf-8") for name in RULE_FILES}


def validate_rules(texts: dict[str, str]) -> None:
    """Raise RulesError (French, naming the file and the key) unless both files load."""
    from inference.completeness import CompletenessRules
    from inference.questions import QuestionTemplates

    with tempfile.TemporaryDirectory() as folder:
        for name, text in texts.items():
            (Path(folder) / name).write_text(text, encoding="utf-8")
        CompletenessRules.load(Path(folder) / "completeness.yaml")
        QuestionTemplates.load(Path(folder) / "questions.yaml")


def save_rules(texts: dict[str, str]) -> None:
    """Validate, then replace the clinic's files (each written beside and renamed, so never half written)."""
    validate_rules(texts)
    private_dir(data_dir())
    folder = private_dir(clinic_rules_dir())
    for name in RULE_FILES:
        partial = folder / f".{name}.tmp"
        partial.write_text(texts[name], encoding="utf-8")
        os.replace(partial, folder / name)


def reset_rules() -> None:
    shutil.rmtree(clinic_rules_dir(), ignore_errors=True)
