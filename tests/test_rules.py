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


def test_the_record_names_the_rules_that_made_its_missing_list(tmp_path) -> None:
    """A clinic may edit its rules: a stored analysis says which completeness rules and questions produced it."""
    import shutil

    from inference import Engine
    from inference.resources import resources_dir

    shipped = Engine.load(ocr=False)
    own = tmp_path / "rules"
    shutil.copytree(resources_dir() / "rules", own)
    (own / "completeness.yaml").write_text((own / "completeness.yaml").read_text(encoding="utf-8") + "\n# édité\n",
                                           encoding="utf-8")
    edited = Engine.load(rules_dir=own, ocr=False)
    text = "Merci de renouveler le Kardégic 75 mg de Mme Roux."
    first, second = shipped.analyse_text(text).models["rules"], edited.analyse_text(text).models["rules"]
    assert first.startswith("sha256:") and second.startswith("sha256:") and first != second
