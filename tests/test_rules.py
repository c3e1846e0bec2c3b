"""The completeness rules file is the clinic's to edit: a mistake must be named, never silently ignored."""
from __future__ import annotations

import shutil

import pytest
import yaml

from inference import Engine
from inference.completeness import CompletenessRules, RulesError
from inference.resources import resources_dir


def test_shipped_rules_match_the_spec_for_renewals():
    rules = CompletenessRules.load(resources_dir() / "rules" / "completeness.yaml")
    assert rules.required_for("renouvellement") == [
        "identite_patient", "traitement_en_cours", "posologie", "diagnostic", "allergies", "medecin_demandeur",
        "symptomes",
    ]
    assert rules.required_for("certificat") == ["identite_patient", "motif", "date_demande"]


@pytest.mark.parametrize(
    "edit, named",
    [
        (lambda d: d.update(requierd={}), "requierd"),
        (lambda d: d["required"].update(radio=["age"]), "radio"),
        (lambda d: d["required"]["imagerie"].append("poids"), "poids"),
        (lambda d: d["conditional"].update(drug_without_dose="oui"), "drug_without_dose"),
    ],
)
def test_invalid_rules_name_the_bad_key(tmp_path, edit, named):
    rules = shutil.copytree(resources_dir() / "rules", tmp_path / "rules")
    path = rules / "completeness.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(RulesError, match=named):
        Engine.load(rules_dir=rules)


def test_a_clinic_can_drop_an_element_from_a_type(tmp_path):
    rules = shutil.copytree(resources_dir() / "rules", tmp_path / "rules")
    path = rules / "completeness.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["required"]["consultation"].remove("antecedents")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    analysis = Engine.load(rules_dir=rules).analyse_text("Mme Roux consulte pour une toux depuis 3 semaines.")
    assert "antecedents" not in analysis.elements.missing
