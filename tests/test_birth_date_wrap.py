"""A date of birth that wraps onto the next line still gives the patient's age (no question asked for it)."""
from __future__ import annotations

import pytest

from inference.pipeline import Engine
from tests.pdf_factory import make_text_pdf

LETTER = (
    "Demande d'échographie abdominale\n"
    "Merci de réaliser une échographie abdominale pour douleurs de l'hypochondre droit chez\n"
    "Mme Jeanne Morel, {birth}\n"
    "Dr Paul Bernard"
)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine.load(ocr=False)


@pytest.mark.parametrize("birth", [
    "née le\n03/04/1952.",
    "née le 03/04/1952.",
    "né le\n3 avril 1952.",
    "DDN :\n03/04/1952.",
    "Date de naissance :\n03/04/1952.",
])
def test_age_is_present_when_the_birth_date_is_on_the_next_line(engine, tmp_path, birth):
    pdf = make_text_pdf(tmp_path / "echographie.pdf", [LETTER.format(birth=birth)])
    analysis = engine.analyse(pdf)
    assert analysis.request_type.code == "imagerie"  # a type that needs the age
    assert "age" not in analysis.elements.missing
    assert not any(question.element == "age" for question in analysis.questions)
    (span,) = analysis.elements.present["age"]
    assert " ".join(span.text.split()) == " ".join(birth.rstrip(".").split())


def test_a_date_two_lines_below_is_not_a_birth_date(engine):
    analysis = engine.analyse_text(LETTER.format(birth="née le\n\n03/04/1952."))
    assert "age" not in analysis.elements.present
