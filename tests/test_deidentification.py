"""Personal data found by rules and lexicons, replaced by placeholders; medical words that look like names stay."""
from __future__ import annotations

import pytest

from export.deid_eval import made_letters, parse_snippet, score
from inference.deidentification import _valid_nir, deidentify, find_personal_data

LETTER = """Nantes, le 12/03/2024
Dr Paul LEMOINE - RPPS 10003456789
CHU de Nantes, 1 place Alexis-Ricordeau, 44093 Nantes Cedex 1
Tél. : 02 40 08 33 33 - paul.lemoine@chu-nantes.fr - https://www.chu-nantes.fr/cardiologie

Cher confrère,
Je vous adresse Mme Jeanne DURAND, née le 04/07/1952 (IPP : 00123456), N° SS 2 52 07 44 109 234 47,
demeurant 12 rue des Lilas, 44000 Nantes, joignable au +33 6 12 34 56 78.
Elle est suivie pour une maladie de Parkinson et une maladie de Crohn ; traitement : Lévothyrox 75 µg,
Modopar 125 mg. Pas de maladie d'Alzheimer. Antécédent de maladie de Basedow.
Connexion depuis le poste 192.168.1.20.
Cordialement,
Dr Paul Lemoine"""


def _labels(text: str) -> dict[str, set[str]]:
    labels: dict[str, set[str]] = {}
    for item in find_personal_data(text):
        assert text[item.start:item.end] == item.text
        labels.setdefault(item.label, set()).add(item.text)
    return labels


def test_a_letter_has_every_kind_of_personal_data_found() -> None:
    labels = _labels(LETTER)
    assert {"Paul LEMOINE", "Jeanne DURAND", "Paul Lemoine"} <= labels["PERSONNE"]
    assert labels["DATE"] == {"12/03/2024"}
    assert labels["DATE_NAISSANCE"] == {"04/07/1952"}
    assert labels["RPPS"] == {"10003456789"}
    assert labels["IPP"] == {"00123456"}
    assert labels["NIR"] == {"2 52 07 44 109 234 47"}
    assert labels["TELEPHONE"] == {"02 40 08 33 33", "+33 6 12 34 56 78"}
    assert labels["EMAIL"] == {"paul.lemoine@chu-nantes.fr"}
    assert labels["URL"] == {"https://www.chu-nantes.fr/cardiologie"}
    assert labels["IP"] == {"192.168.1.20"}
    assert labels["ADRESSE"] == {"1 place Alexis-Ricordeau", "12 rue des Lilas"}
    assert labels["CODE_POSTAL"] == {"44093", "44000"}
    assert {"Nantes Cedex 1", "Nantes"} <= labels["VILLE"]


def test_placeholders_replace_personal_data_and_leave_medical_words() -> None:
    view = deidentify(LETTER, find_personal_data(LETTER))
    assert "Je vous adresse Mme [NOM], née le [DATE] (IPP : [IPP]), N° SS [NIR]," in view
    assert "demeurant [ADRESSE], [CP] [VILLE], joignable au [TEL]." in view
    assert "Tél. : [TEL] - [EMAIL] - [URL]" in view
    assert "Dr [NOM] - RPPS [RPPS]" in view
    assert "poste [IP]." in view
    for word in ("Parkinson", "Crohn", "Lévothyrox", "Modopar", "Alzheimer", "Basedow"):
        assert word in view, word
    for secret in ("DURAND", "Lemoine", "LEMOINE", "Lilas", "1952", "234 47", "33 33", "chu-nantes.fr/"):
        assert secret not in view, secret


@pytest.mark.parametrize(
    "sentence",
    [
        "Maladie de Parkinson évoluée, maladie de Crohn iléale.",
        "Sous Lévothyrox 100 µg et Kardégic 75 mg.",
        "Démence de type Alzheimer, goitre de Basedow, thyroïdite de Hashimoto.",
        "Syndrome de Guillain-Barré, phénomène de Raynaud, lymphome de Hodgkin.",
        "Holter ECG, écho-Doppler des troncs supra-aortiques, sonde de Foley.",
        "Diabète Type 2, Insuffisance Cardiaque Chronique, Douleur Thoracique Gauche.",
    ],
)
def test_medical_terms_that_look_like_names_are_never_masked(sentence: str) -> None:
    assert [item for item in find_personal_data(sentence) if item.label == "PERSONNE"] == []
    assert deidentify(sentence) == sentence


def test_a_title_makes_a_name_even_when_it_is_also_an_eponym() -> None:
    labels = _labels("Vu ce jour par le Dr Charcot et Mme Paget.")
    assert labels["PERSONNE"] == {"Charcot", "Paget"}


def test_nir_key_check_with_corsica() -> None:
    assert _valid_nir("252074410923447")
    assert not _valid_nir("252074410923448")
    assert _valid_nir("185052A12345633")
    assert _valid_nir("269072B12345650")
    assert not _valid_nir("185052A12345650")
    assert _labels("NIR : 1 85 05 2A 123 456 33")["NIR"] == {"1 85 05 2A 123 456 33"}


@pytest.mark.parametrize(
    "text,label,value",
    [
        ("Rappeler le 06.12.34.56.78 demain.", "TELEPHONE", "06.12.34.56.78"),
        ("Fax : 01 45 81 42 50", "TELEPHONE", "01 45 81 42 50"),
        ("Vue le 3 janvier 2025 en consultation.", "DATE", "3 janvier 2025"),
        ("Opérée en mars 2019.", "DATE", "mars 2019"),
        ("DDN : 21/05/1956", "DATE_NAISSANCE", "21/05/1956"),
        ("Patient né en 1940, hospitalisé.", "DATE_NAISSANCE", "1940"),
        ("Dossier n° 9281973 ouvert.", "IPP", "9281973"),
        ("Contact : marie.roux@example.org", "EMAIL", "marie.roux@example.org"),
        ("Elle habite 12 rue des lilas depuis un an.", "ADRESSE", "12 rue des lilas"),
        ("Domicile : sept allée des roses", "ADRESSE", "sept allée des roses"),
        ("Voir www.has-sante.fr pour les recommandations.", "URL", "www.has-sante.fr"),
    ],
)
def test_single_kinds(text: str, label: str, value: str) -> None:
    assert value in _labels(text).get(label, set())


def test_ordinary_numbers_and_doses_are_not_personal_data() -> None:
    text = "Hb 12,5 g/dL, plaquettes 250 G/L, créatinine 85 µmol/L, TA 130/80 mmHg, 2 cp 3 fois par jour."
    assert find_personal_data(text) == []


def test_the_evaluation_scores_the_made_letters_without_a_miss() -> None:
    result = score(made_letters())
    assert result["misses"] == {}
    assert result["labels"]["ALL"]["recall_masked"] == 1.0


def test_evaluation_snippets_are_parsed_with_exact_offsets() -> None:
    sample = parse_snippet("Dr [Anne](PRENOM) [ROUX](NOM) le [12/03/2024](DATE), [Lariboisière](HOPITAL).")
    assert sample.text == "Dr Anne ROUX le 12/03/2024, Lariboisière."
    assert [(gold.label, sample.text[gold.start:gold.end]) for gold in sample.gold] == [
        ("PERSONNE", "Anne"), ("PERSONNE", "ROUX"), ("DATE", "12/03/2024")
    ]
    assert [gold.label for gold in sample.unscored] == ["HOPITAL"]
