"""Lab values from prose, rows and a real PDF table, with ranges from the report or the reference table."""
import pymupdf
import pytest

from inference.lab_results import LabRanges, find_lab_results, normalised, severity


def by_test(results):
    return {r.test: r for r in results}


def test_user_examples_use_the_report_range():
    text = "Hémoglobine 9,8 g/dL (12,0 - 16,0)\nCRP 48 mg/L (< 5)"
    got = by_test(find_lab_results(text))
    hb, crp = got["Hémoglobine"], got["CRP"]
    assert (hb.value, hb.unit, hb.low, hb.high, hb.flag) == (9.8, "g/dL", 12.0, 16.0, "L")
    assert (crp.value, crp.low, crp.high, crp.flag) == (48.0, None, 5.0, "H")
    assert text[hb.start:hb.end] == "Hémoglobine 9,8 g/dL (12,0 - 16,0)"


def test_reference_table_is_sex_aware_and_converts_units():
    text = "Créatinine à 100 µmol/L. Créatinine 11 mg/L."
    women = find_lab_results(text, sex="F")
    men = find_lab_results(text, sex="M")
    assert [r.flag for r in women] == ["H", "H"]
    assert [r.flag for r in men] == ["N", "N"]
    assert women[1].high == pytest.approx(90 / 8.84, rel=1e-3)


def test_unknown_sex_takes_the_widest_range():
    assert find_lab_results("Hb 12,5 g/dL")[0].flag == "N"
    assert find_lab_results("Hb 12,5 g/dL", sex="M")[0].flag == "L"


def test_age_adjusted_d_dimers():
    assert find_lab_results("D-dimères 640 ng/mL", age=80)[0].flag == "N"
    assert find_lab_results("D-dimères 640 ng/mL", age=40)[0].flag == "H"


def test_table_from_a_real_pdf(tmp_path):
    rows = [("Examen", "Résultat", "Unité", "Valeurs de référence"), ("Potassium", "6,4", "mmol/L", "3,5 - 5,1"),
            ("Leucocytes", "12 500", "/mm3", "4 000 - 10 000"), ("Plaquettes", "210", "G/L", "150 - 400")]
    doc = pymupdf.open()
    page = doc.new_page()
    for i, row in enumerate(rows):
        for x, cell in zip((50, 200, 300, 400), row):
            page.insert_text((x, 100 + 20 * i), cell, fontname="helv", fontsize=10)
    path = tmp_path / "labo.pdf"
    doc.save(path)
    text = pymupdf.open(path)[0].get_text()
    got = by_test(find_lab_results(text))
    assert (got["Potassium"].value, got["Potassium"].flag) == (6.4, "H")
    assert (got["Leucocytes"].value, got["Leucocytes"].high, got["Leucocytes"].flag) == (12500, 10000, "H")
    assert got["Plaquettes"].flag == "N"
    assert severity(got["Potassium"]) == "sévère"
    assert severity(got["Leucocytes"]) == "légère"


def test_names_without_values_and_dates_are_not_results():
    text = "Merci de faire NFS, CRP, créatinine le 12/03/2024. Contrôle INR dans 7 jours."
    assert find_lab_results(text) == []


def test_severity_uses_critical_limits():
    ranges = LabRanges.default()
    (crp,) = find_lab_results("CRP 48 mg/L (< 5)", ranges=ranges)
    (sodium,) = find_lab_results("Natrémie 121 mmol/L", ranges=ranges)
    assert severity(crp, ranges) == "modérée"
    assert severity(sodium, ranges) == "sévère"


def test_a_date_after_the_value_is_not_a_range():
    (dfg,) = find_lab_results("DFG 68 mL/min (10/12/2025)")
    assert (dfg.value, dfg.low, dfg.high, dfg.flag) == (68.0, 60.0, None, "N")


def test_prose_with_words_between_test_and_value():
    (k,) = find_lab_results("Appel du labo : kaliémie de M. Petit à 6,4 mmol/L, à recontrôler.")
    assert (k.test, k.value, k.flag) == ("Potassium", 6.4, "H")


def test_values_normalised_to_the_table_unit():
    creat, glucose = find_lab_results("Créatinine 18 mg/L. Glycémie 7,2 mmol/L.")
    assert normalised(creat) == (159.12, "µmol/L")
    assert normalised(glucose) == (pytest.approx(1.2974), "g/L")
