"""Lab results from report text and tables: test, value, unit, reference range, flag and severity (SPEC §2.4, §2.7).

Prose ("Hb à 9,8 g/dL"), one-line rows ("Hémoglobine 9,8 g/dL (12,0 - 16,0)") and tables as PyMuPDF extracts
them (test, value, unit and range each on its own line) are read the same way: a known test name, then within a
few lines a value, a unit and optionally the report's range. The report's range wins; otherwise the reference
table ``resources/lab_ranges.yaml`` gives one for the patient's sex and age, converted to the reported unit.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from inference.analysis import LabResult
from inference.folding import fold
from inference.resources import read_yaml

RANGES_FILE = Path(__file__).resolve().parent.parent / "resources" / "lab_ranges.yaml"

_NUMBER = r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?"
_UNIT = (
    r"m[lL]\s*/\s*min(?:\s*/\s*1[,.]73\s*m(?:²|2)?)?|10\s*(?:\^|\*|x)?\s*(?:9|12|⁹|¹²|3)\s*/\s*(?:[lL]|mm3|mm³|µ[lL])"
    r"|(?:[mµunpf]?g|[mµunp]?mol|[mµ]?U?I|[mµ]?U|T|G|giga|tera|mEq|m?M)\s*/\s*(?:100\s*m[lL]|[dmµ]?[lL]|mm3|mm³)"
    r"|/\s*(?:mm3|mm³|µ[lL])|mm\s*/\s*h(?:eure)?|%|‰|fL|fl|pg|sec|µ3"
)
VALUE = re.compile(
    rf"(?P<cmp>[<>≤≥]\s*)?(?P<num>{_NUMBER})(?![\d/.]\d|\s*/\s*\d{{2}}\b)(?:\s*[*↑↓]+|\s+[HLB]\b)?"
    rf"[ \t]*(?:\n[ \t]*)?(?P<unit>{_UNIT})?(?![\w])",
)
_FILLER = re.compile(r"(?:[\s:=.…_*-]|\([^()\n]{0,25}\)|\b(?:à|a|est|était|reste|de|du|sanguine?|plasmatique|sérique|mesurée?|normale?|élevée?|basse?|augmentée?|abaissée?|diminuée?|stable|contrôlée?)\b)*", re.I)
_PROSE_GAP = re.compile(r"[^\d\n;]{1,30}?\s(?:à|a|=)\s+")
RANGE = re.compile(
    rf"[ \t]*(?:\n[ \t]*){{0,2}}(?:(?:N|VR|VN|Réf\.?|Ref\.?|Valeurs?\s+(?:de\s+)?(?:référence|normales?)|Normes?|"
    rf"soit)\s*[:=]?\s*)?[(\[]?\s*"
    rf"(?:(?P<low>{_NUMBER})\s*(?:-|–|à|a)\s*(?P<high>{_NUMBER})(?![/.]\d)"
    rf"|(?P<lt>[<≤]|inf\.?\s*(?:à|a)|inférieure?\s*(?:à|a))\s*(?P<max>{_NUMBER})"
    rf"|(?P<gt>[>≥]|sup\.?\s*(?:à|a)|supérieure?\s*(?:à|a))\s*(?P<min>{_NUMBER}))"
    rf"[ \t]*(?:{_UNIT})?[ \t]*[)\]]?",
    re.I,
)


def unit_key(unit: str) -> str:
    key = re.sub(r"\s+", "", unit).lower().replace("μ", "µ").replace("³", "3").replace("⁹", "9").replace("¹²", "12")
    key = re.sub(r"^u(mol|g)", r"µ\1", key)
    key = re.sub(r"^10[*x](\d)", r"10^\1", key)
    return key.replace("/heure", "/h")


def to_float(number: str) -> float:
    return float(re.sub(r"[ \u00a0\u202f]", "", number).replace(",", "."))


@dataclass
class LabTest:
    name: str
    unit: str
    units: dict[str, float]
    ranges: list[dict]
    critical_low: float | None = None
    critical_high: float | None = None
    aliases: list[str] = field(default_factory=list)

    def factor(self, unit: str) -> float | None:
        """Multiply a value in ``unit`` by this to get the table's unit; None if the unit is unknown."""
        return self.units.get(unit_key(unit))

    def reference(self, sex: str | None, age: float | None) -> tuple[float | None, float | None]:
        """The range for this patient; with sex unknown, the widest of the sexes (no false flag)."""
        sexes = [sex] if sex in ("F", "M") else ["F", "M"]
        found = []
        for patient_sex in sexes:
            for entry in self.ranges:
                if entry.get("sex", patient_sex) != patient_sex:
                    continue
                if "age_min" in entry and (age is None or age < entry["age_min"]):
                    continue
                if "age_max" in entry and (age is None or age > entry["age_max"]):
                    continue
                high = entry.get("high")
                if "high_per_year_of_age" in entry:
                    high = entry["high_per_year_of_age"] * age
                found.append((entry.get("low"), high))
                break
        lows = [low for low, _ in found if low is not None]
        highs = [high for _, high in found if high is not None]
        return (min(lows) if len(lows) == len(found) and lows else None,
                max(highs) if len(highs) == len(found) and highs else None)


class LabRanges:
    """The reference table and the name matcher built from its aliases."""

    def __init__(self, tests: list[LabTest]):
        self.tests = tests
        self.by_name = {t.name: t for t in tests}
        folded, exact = {}, {}
        for test in tests:
            for alias in test.aliases:
                if alias.startswith("="):
                    exact[alias[1:]] = test
                else:
                    folded[fold(alias)] = test
        self._folded = folded
        self._exact = exact

        def alternation(names):
            return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))

        self._folded_re = re.compile(rf"(?<![\w-])(?:{alternation(folded)})(?![\w])")
        self._exact_re = re.compile(rf"(?<![\w-])(?:{alternation(exact)})(?![\w])")

    @classmethod
    def load(cls, path: str | Path = RANGES_FILE) -> "LabRanges":
        data = read_yaml(path)
        tests = []
        for item in data["tests"]:
            tests.append(LabTest(
                name=item["name"], unit=item["unit"],
                units={unit_key(str(k)): float(v) for k, v in item.get("units", {}).items()},
                ranges=item.get("ranges", []), critical_low=item.get("critical_low"),
                critical_high=item.get("critical_high"), aliases=[str(a) for a in item["aliases"]],
            ))
        return cls(tests)

    @classmethod
    @lru_cache(maxsize=1)
    def default(cls) -> "LabRanges":
        return cls.load(RANGES_FILE)

    def canonical(self, name: str) -> str | None:
        """The table's name for a test name as written, or None."""
        test = self._folded.get(fold(name.strip())) or self._exact.get(name.strip())
        return test.name if test else None

    def mentions(self, text: str) -> list[tuple[int, int, LabTest]]:
        """Non-overlapping test names in ``text``, longest first at each place."""
        found = [(m.start(), m.end(), self._folded[m.group()]) for m in self._folded_re.finditer(fold(text))]
        found += [(m.start(), m.end(), self._exact[m.group()]) for m in self._exact_re.finditer(text)]
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        kept: list[tuple[int, int, LabTest]] = []
        for item in found:
            if kept and item[0] < kept[-1][1]:
                continue
            gap = text[kept[-1][1]:item[0]] if kept else ""
            if kept and item[2] is kept[-1][2] and len(gap) < 25 and not re.search(r"\d", gap):
                continue  # "DFG (CKD-EPI)": one test named twice
            kept.append(item)
        return kept


def _flag(value: float, low: float | None, high: float | None) -> str:
    if high is not None and value > high:
        return "H"
    if low is not None and value < low:
        return "L"
    return "N"


def _read_value(text: str, start: int, stop: int, test: LabTest):
    """The value (and unit) that follows a test name, skipping fillers and at most two line breaks."""
    filler = _FILLER.match(text, start, stop)
    pos = filler.end() if filler else start
    if text[start:pos].count("\n") > 2 or pos >= stop:
        return None
    match = VALUE.match(text, pos, stop)
    if not match or not match.group("unit"):
        gap = _PROSE_GAP.match(text, start, stop)  # "kaliémie de M. Petit à 6,4 mmol/L"
        later = VALUE.match(text, gap.end(), stop) if gap else None
        if later and later.group("unit"):
            match = later
    if not match or (not match.group("unit") and test.unit):
        return None
    if match.group("unit") and test.factor(match.group("unit")) is None and unit_key(match.group("unit")) == "%":
        second = VALUE.match(text, _FILLER.match(text, match.end(), stop).end(), stop)
        if second and second.group("unit") and test.factor(second.group("unit")) is not None:
            return second
    return match


def find_lab_results(text: str, sex: str | None = None, age: float | None = None,
                     ranges: LabRanges | None = None) -> list[LabResult]:
    """Every lab value of ``text`` with its range (report first, else the table) and flag H/L/N."""
    ranges = ranges or LabRanges.default()
    mentions = ranges.mentions(text)
    results = []
    for i, (start, end, test) in enumerate(mentions):
        stop = mentions[i + 1][0] if i + 1 < len(mentions) else len(text)
        stop = min(stop, end + 120)
        match = _read_value(text, end, stop, test)
        if match is None:
            continue
        value = to_float(match.group("num"))
        unit = (match.group("unit") or "").strip()
        low = high = None
        span_end = match.end()
        reported = RANGE.match(text, match.end(), stop)
        if reported:
            span_end = reported.end()
            if reported.group("low"):
                low, high = to_float(reported.group("low")), to_float(reported.group("high"))
            elif reported.group("max"):
                high = to_float(reported.group("max"))
            else:
                low = to_float(reported.group("min"))
        else:
            factor = test.factor(unit)
            if factor:
                ref_low, ref_high = test.reference(sex, age)
                low = None if ref_low is None else round(ref_low / factor, 4)
                high = None if ref_high is None else round(ref_high / factor, 4)
        results.append(LabResult(test=test.name, value=value, unit=unit, low=low, high=high,
                                 flag=_flag(value, low, high), start=start, end=span_end))
    return results


def normalised(result: LabResult, ranges: LabRanges | None = None) -> tuple[float, str] | None:
    """The value in the reference table's unit (créatinine 18 mg/L -> 159.1 µmol/L), or None if not convertible."""
    ranges = ranges or LabRanges.default()
    test = ranges.by_name.get(result.test)
    factor = test.factor(result.unit) if test else None
    return (round(result.value * factor, 4), test.unit) if factor else None


def severity(result: LabResult, ranges: LabRanges | None = None) -> str | None:
    """"légère", "modérée" or "sévère" for a flagged result (None when normal).

    Sévère: beyond the test's critical limit or, for a test without one, more than three times the upper limit /
    under a third of the lower one. Modérée: beyond 1.5 times the upper limit or under two thirds of the lower.
    """
    if result.flag == "N":
        return None
    ranges = ranges or LabRanges.default()
    test = ranges.by_name.get(result.test)
    factor = test.factor(result.unit) if test else None
    critical = None
    if test and factor:
        critical = test.critical_high if result.flag == "H" else test.critical_low
        value = result.value * factor
        if critical is not None and (value >= critical if result.flag == "H" else value <= critical):
            return "sévère"
    if result.flag == "H" and result.high:
        ratio = result.value / result.high
        return "sévère" if ratio > 3 and critical is None else "modérée" if ratio > 1.5 else "légère"
    if result.flag == "L" and result.low:
        ratio = result.value / result.low
        return "sévère" if ratio < 1 / 3 and critical is None else "modérée" if ratio < 2 / 3 else "légère"
    return "légère"
