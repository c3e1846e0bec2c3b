"""A learnt second opinion for de-identification, read from the entity model's pass (no pass of its own).

The rules (inference/deidentification.py) know French formats but only the contexts someone wrote down; each new
hand-written set showed forms they missed (names in lower case, "villa 14", a town after an unusual verb). The head
is two small convolutions over the encoder's `last_hidden_state` and a few word-shape and lexicon features of each
token, trained by `python -m export.deid_head train`. Its spans are only added where the rules found nothing
(recall first), and never on a word the rules' lexicons call medical or not a name, on an age, or where the
entity model itself is sure it reads a medical term: masking "Parkinson" hides what the document says.

Folder layout: `head.npz` (weights and feature standardisation), `deid.json` (labels, thresholds, the encoder it
was trained on and its sha256), MODEL_CARD.md.
"""
from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .analysis import PersonalData
from .deidentification import (_MONTHS, _NAMED_AFTER_TOWN_RE, _NUMBER_WORDS, _PREVIOUS_WORD_RE, _WEEKDAYS, _VERB_LIKE_RE,
                               _is_first_name, _key, _lexicons, _town_key)
from .encoder import Encoder, EncoderRun
from .lexicon import normalise_token
from .ner_model import decode, softmax

SHAPE_FEATURES = ("capitalised", "all_caps", "has_digit", "all_digits", "word_start", "line_start", "punctuation",
                  "capitalised_word", "first_name", "surname", "city", "medical")
_LETTERS_RE = re.compile(r"[^\W\d_]+")
_DIGIT_RE = re.compile(r"\d")
_ALNUM_RE = re.compile(r"[^\W_]")
_AGE_RE = re.compile(r"\bans?\b", re.IGNORECASE)
# What a date has that a count, a dose or a time has not: digits around a separator, a month, a weekday, a year, a
# number in words ("le dix-neuf"). A lone day number ("le 13") is a date only after a word that dates it.
_DATE_SHAPE_RE = re.compile(rf"\d(?:er|re)?[ /.\-|_]\s?[\dlO]|\b(?:1[0-9]|20)\d\d\b"
                            rf"|(?<![^\W\d_])(?:{_MONTHS}|{_WEEKDAYS}|{_NUMBER_WORDS})(?![^\W\d_])", re.IGNORECASE)
_DAY_AFTER_RE = re.compile(r"(?:\b(?:le|du|au|dès|depuis|avant|après|puis|jusqu['’]au|ce)|[,;(])[ \t]*$",
                           re.IGNORECASE)
_TIME_RE = re.compile(r"\d{1,2}[h:]\d{0,2}(?:-\d{1,2}h\d{0,2})?", re.IGNORECASE)
_DECIMAL_RE = re.compile(r"\d+,\d+")
# "2 stents", "15 séances", "294 patients", "3 280 g", "2 CGR": a count or a measure, whatever its label
_COUNT_RE = re.compile(r"\d[\d ]*[ \t]+(?:[a-zàâäçéèêëîïôöùûü-]{2,}[sx]"
                       r"|(?i:g|kg|mg|µg|ng|ml|ppm|sa|pa|h|min|mn|mois|cgr|cp|%|€))(?![\w-])")
# Codes that look like identifiers: mutations ("C282Y", "M184V"), CCAM acts ("DEQP003"), Prague's "C2M3"
_MEDICAL_CODE_RE = re.compile(r"[A-Z]\d{2,4}[A-Z]|[A-Z]{4}\d{3}|C\d+M\d+")
_NUMERIC_LABELS = {"CODE_POSTAL", "TELEPHONE", "IPP", "NDA", "RPPS", "NIR"}
_TITLES_BEFORE_LOWER_NAME = {"dr", "pr", "mr", "mme", "mlle", "m", "docteur", "madame", "monsieur", "mademoiselle"}


class StaleHead(ValueError):
    """The head's encoder was replaced (a retrained entity model): its features would mean nothing."""


def shape_features(text: str, offsets: list[tuple[int, int]]) -> np.ndarray:
    """[T, len(SHAPE_FEATURES)] of 0/1: what each token looks like and whether its word is in a lexicon (looked up
    once per word: a word cut into several tokens shares its lexicon flags)."""
    lexicons = _lexicons()
    first_names, surnames, cities, medical = (lexicons[name] for name in ("first_names", "surnames", "cities", "medical"))
    empty = (0,) * len(SHAPE_FEATURES)
    words: dict[tuple[int, int], tuple] = {}
    rows = []
    for start, end in offsets:
        while start < end and text[start].isspace():
            start += 1
        if start >= end:
            rows.append(empty)
            continue
        piece = text[start:end]
        word_start, word_end = start, end
        while word_start > 0 and text[word_start - 1].isalnum():
            word_start -= 1
        while word_end < len(text) and text[word_end].isalnum():
            word_end += 1
        flags = words.get((word_start, word_end))
        if flags is None:
            word = text[word_start:word_end]
            key = _key(word) if word else ""
            flags = words[word_start, word_end] = (word[:1].isupper() and len(word) > 1, key in first_names,
                                                   key in surnames, key in cities, key in medical)
        rows.append((
            piece[:1].isupper(), piece.isupper() and sum(char.isalpha() for char in piece) > 1,
            _DIGIT_RE.search(piece) is not None, piece.isdigit(), word_start == start,
            start == 0 or "\n" in text[max(0, start - 3):start], _ALNUM_RE.search(piece) is None, *flags,
        ))
    return np.array(rows, dtype=np.float32).reshape(len(offsets), len(SHAPE_FEATURES))


def token_features(run: EncoderRun, hidden: str = "last_hidden_state") -> np.ndarray:
    """The head's input: the encoder's hidden state of each token, then its shape features."""
    return np.concatenate([run.outputs[hidden].astype(np.float32), shape_features(run.text, run.offsets)], axis=1)


def _conv(x: np.ndarray, taps: np.ndarray, bias: np.ndarray) -> np.ndarray:
    """Same-padded 1-D convolution over tokens: x [T, C_in], taps [K, C_in, C_out]; one matrix product per tap
    (no [T, C_in, K] copy of the input)."""
    width = taps.shape[0]
    padded = np.pad(x, ((width // 2, width // 2), (0, 0)))
    out = padded[:len(x)] @ taps[0]
    for k in range(1, width):
        out += padded[k:k + len(x)] @ taps[k]
    return out + bias


@dataclass
class DeidHead:
    config: dict
    weights: dict[str, np.ndarray]
    encoder: Encoder
    medical_words: frozenset[str] = frozenset()  # one-word terms of the entity lexicon, as `normalise_token` gives them

    @classmethod
    def load(cls, folder: str | Path, encoder: Encoder, encoder_sha256: str,
             medical_words: frozenset[str] = frozenset()) -> "DeidHead":
        """`encoder` must be the one the head was trained on (named by sha256 in deid.json)."""
        folder = Path(folder)
        config = json.loads((folder / "deid.json").read_text(encoding="utf-8"))
        if config["encoder_sha256"] != encoder_sha256:
            raise StaleHead(f"{folder}: head trained on encoder {config['encoder_sha256'][:12]}, "
                            f"the entity model is {encoder_sha256[:12]}")
        with np.load(folder / "head.npz") as npz:
            weights = {name: npz[name].astype(np.float32) for name in npz.files}
        return cls(config, weights, encoder, medical_words)

    def __post_init__(self):
        # torch's Conv1d layout [C_out, C_in, K] as one contiguous [C_in, C_out] matrix per tap
        self._taps = {name: np.ascontiguousarray(self.weights[f"{name}.weight"].transpose(2, 1, 0))
                      for name in ("conv1", "conv2")}

    def probabilities(self, run: EncoderRun) -> np.ndarray:
        """[T, labels] for the tokens of one pass."""
        return self.probabilities_of(token_features(run))

    def probabilities_of(self, features: np.ndarray) -> np.ndarray:
        """[T, labels] for token features as `token_features` gives them."""
        w = self.weights
        x = (features - w["mean"]) / w["scale"]
        hidden = np.maximum(_conv(x, self._taps["conv1"], w["conv1.bias"]), 0.0)
        return softmax(_conv(hidden, self._taps["conv2"], w["conv2.bias"]))

    def find(self, text: str) -> list[PersonalData]:
        """Personal data the head reads in `text` (offsets into `text`), guarded against medical words."""
        if not text.strip():
            return []
        run = self.encoder.run(text)
        spans = decode(text, run.offsets, self.probabilities(run), self.config["id2label"])
        medical = 1.0 - softmax(run.outputs["logits"].astype(np.float32))[:, 0] if "logits" in run.outputs else None
        starts, ends = [a for a, _ in run.offsets], [b for _, b in run.offsets]
        found = []
        for span in spans:
            if span.score < self.config["threshold"] or self._is_protected(text, span.start, span.end, span.label):
                continue
            if medical is not None:
                first = bisect.bisect_right(ends, span.start)
                tokens = [t for t in range(first, bisect.bisect_left(starts, span.end)) if ends[t] > starts[t]]
                if tokens and float(medical[tokens].mean()) >= self.config["medical_threshold"]:
                    continue
            found.append(PersonalData(span.label, span.start, span.end, text[span.start:span.end],
                                      round(float(span.score), 4), source="model"))
        return found

    def _is_protected(self, text: str, start: int, end: int, label: str) -> bool:
        """What the rules never mask either: medical and non-name words of their lexicons and of the entity lexicon
        (a disease, a drug: "Dengue", "Tacrolimus"), ages, lone marks; and what cannot be of its label."""
        value = text[start:end]
        if sum(char.isalnum() for char in value) < 2 or label == "DATE" and _AGE_RE.search(value):
            return True
        lexicons = _lexicons()
        words = [word for word in _LETTERS_RE.findall(value) if len(word) > 1]
        if any(_key(word) in lexicons["not_names"] or _key(word) in lexicons["medical"]
               or normalise_token(word) in self.medical_words for word in words):
            return True
        return _implausible(text, start, end, label)


def _implausible(text: str, start: int, end: int, label: str) -> bool:
    """A span the head gave a label its text cannot have: a date with nothing of a date ("18 mois", "2,4",
    "14h20", "selle"), a count ("15 séances", "294 patients"), a number without a digit, a mutation or an act's
    code as an identifier, a word of a scale's name ("classification de Nice"), an address in lower case without a
    number ("accès", "voiture"), or a verb's form for a name ("voudrait", not after "dr" or "mme"). A word in lower
    case the head calls a town stays: it may be a surname in a hurried message."""
    value = text[start:end]
    compact = value.replace(" ", "")
    following = text[end:end + 30]
    if _COUNT_RE.match(value + following) and not _DATE_SHAPE_RE.match(value):
        return True
    if label == "DATE":
        if _TIME_RE.fullmatch(compact) or _DECIMAL_RE.fullmatch(compact):
            return True
        if not _DATE_SHAPE_RE.search(value):
            lone_day = compact.isdigit() and int(compact) <= 31
            return not (lone_day and _DAY_AFTER_RE.search(text[max(0, start - 20):start]))
    if _MEDICAL_CODE_RE.fullmatch(value) or label in _NUMERIC_LABELS and not any(char.isdigit() for char in value):
        return True
    if label == "VILLE" and (_NAMED_AFTER_TOWN_RE.search(text[max(0, start - 30):start])
                             or _town_key(value) in _lexicons()["regions"]):
        return True
    if value != value.lower() or not any(char.isalpha() for char in value):
        return False
    if label == "ADRESSE":
        return not any(char.isdigit() for char in value)
    if label == "PERSONNE" and _VERB_LIKE_RE.fullmatch(value):
        before = _PREVIOUS_WORD_RE.search(text[max(0, start - 30):start])
        first_names = _lexicons()["first_names"]
        # "dr kerhervé", "mme j. lagarde", "jean-marc dupré": a surname after a title, an initial or a first name
        titled = before is not None and (_key(before.group(1).rstrip(".")) in _TITLES_BEFORE_LOWER_NAME
                                         or re.fullmatch(r"[^\W\d_]\.", before.group(1)) is not None
                                         or _is_first_name(before.group(1), first_names))
        return not (titled or _is_first_name(value, first_names))
    return False


def add_model_findings(from_rules: list[PersonalData], from_model: list[PersonalData]) -> list[PersonalData]:
    """The rules' findings, plus the model's where no rule found anything, in reading order."""
    added = [item for item in from_model
             if not any(rule.start < item.end and item.start < rule.end for rule in from_rules)]
    return sorted(from_rules + added, key=lambda item: (item.start, item.end))
