"""The engine: composes the named components into document -> Analysis (SPEC §2).

Everything slow (rules, lexicons, models) is loaded once in `Engine.load`; `analyse` is then cheap and does not
change the engine, so a batch or a GUI worker reuses one engine.

The components read the clean view of the text (`inference.cleaning`); every span they find is mapped back to
the extracted text before it enters the record, so that `analysis.text[start:end]` is always what was found.
"""
from __future__ import annotations

import bisect
import gc
import hashlib
import logging
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterator

from threadpoolctl import threadpool_limits

from inference.alerts import find_alerts
from inference.allergy import detect_allergy_mention
from inference.analysis import (Alert, Analysis, DocumentInfo, Elements, Entity, LabResult, PersonalData, Relation,
                                Span)
from inference.cleaning import MODEL_MAX_CHARS, CleanText, clean, model_text
from inference.completeness import CompletenessRules, find_missing_elements
from inference.deid_model import DeidHead, StaleHead, add_model_findings
from inference.deidentification import deidentify, find_personal_data
from inference.document import Document, Page, read_document
from inference.dosage import drugs_without_dose, find_doses
from inference.encoder import RECENT_RUNS, Encoder
from inference.elements import find_patient_facts, find_present_elements
from inference.folding import fold
from inference.lab_results import LabRanges, find_lab_results
from inference.language import looks_french
from inference.lexicon import Lexicons
from inference.fusion import fuse_allergy, fuse_elements, fuse_request_type, fuse_urgency
from inference.ner_model import NerModel
from inference.qualifiers import qualify
from inference.questions import QuestionTemplates
from inference.relations import find_treats
from inference.request_model import RequestModel, StaleHeads
from inference.request_type import best_request_type, request_type_scores
from inference.resources import file_sha256, read_word_list, resources_dir
from inference.summary import summarise
from inference.urgency import classify_urgency

log = logging.getLogger("medclair.engine")

# The model adds what the lexicons cannot list (unknown brand names, anatomy, paraphrased symptoms); doses are
# better found by the dose rules, which also attach them to their drug.
MODEL_LABELS = {"MEDICAMENT", "PATHOLOGIE", "SYMPTOME", "EXAMEN", "ANATOMIE", "ALLERGENE"}
MODEL_MIN_SCORE = 0.85

# Analysed once at load so that the first real document does not pay for lazily built tables and model sessions.
_WARM_UP_TEXT = (
    "Le 02/01/2024. Je vous adresse Mme Test, 40 ans, pour toux depuis 3 jours. Sous amoxicilline 1 g x 3/j. "
    "Allergie à la pénicilline. CRP 12 mg/L (< 5). Dr Exemple"
)


@dataclass
class Engine:
    rules: CompletenessRules
    questions: QuestionTemplates
    lexicons: Lexicons
    lab_ranges: LabRanges
    models: dict[str, str]
    ner: NerModel | None = None
    request_model: RequestModel | None = None
    deid_head: DeidHead | None = None
    ocr: bool = True
    germ_genera: frozenset[str] = frozenset()
    not_entities: frozenset[str] = frozenset()  # words never a model mention on their own (calendar, professions...)

    @classmethod
    def load(cls, resources: Path | None = None, rules_dir: Path | None = None, ocr: bool = True,
             model_threads: int | None = None, ner: NerModel | None = None) -> "Engine":
        """`rules_dir` holds a clinic's own completeness.yaml/questions.yaml; the shipped ones otherwise.
        `model_threads`: onnxruntime threads per model pass (default: two). One document at a time is fastest on
        two; a batch that runs the next document's pass beside the current one's rules wants one (the rules take
        the other core). `ner`: the entity model of `resources`, already loaded (with the first documents' passes
        that `inference.first_passes` ran while the rest loaded)."""
        # numpy's BLAS on one thread: on two cores its workers fought onnxruntime's for the CPU right after each
        # model pass, when the heads multiply (text PDF p50 130 -> 67 ms with the de-identification head).
        threadpool_limits(limits=1, user_api="blas")
        root = Path(resources) if resources else resources_dir()
        rules = Path(rules_dir) if rules_dir else root / "rules"
        models = {"request_type": "rules-v1", "elements": "rules-v1", "lexicons": _file_version(root / "lexicons" / "terms.tsv"),
                  # which completeness rules and questions made the missing list (a clinic may edit its own)
                  "rules": _version(hashlib.sha256(b"".join(
                      (rules / name).read_bytes() for name in ("completeness.yaml", "questions.yaml"))).hexdigest())}
        ner_folder = root / "models" / "ner"
        if ner is None and (ner_folder / "model.onnx").is_file():
            ner = NerModel.load(ner_folder, threads=model_threads)
        shared = {}  # encoders already loaded, by folder, with their model's sha256
        if ner:
            ner_sha256 = file_sha256(ner_folder / "model.onnx")
            models["ner"] = _version(ner_sha256)
            shared[ner_folder.resolve()] = (ner.encoder, ner_sha256)
        deid_head = None
        lexicons = Lexicons.load(root)
        if ner and (root / "models" / "deid" / "deid.json").is_file():
            try:
                deid_head = DeidHead.load(root / "models" / "deid", ner.encoder, ner_sha256, lexicons.one_word_terms())
            except StaleHead as error:
                log.warning("de-identification head not used, rules only: %s", error)
            else:
                models["deid"] = _file_version(root / "models" / "deid" / "head.npz")
        request_folder = root / "models" / "request"
        request_model = None
        if (request_folder / "request.json").is_file():
            try:
                request_model = RequestModel.load(request_folder, threads=model_threads, loaded=shared)
            except StaleHeads as error:
                log.warning("request heads not used, rules only: %s", error)
            else:
                models["request_type"] = models["elements"] = _file_version(request_folder / "heads.npz")
        engine = cls(
            rules=CompletenessRules.load(rules / "completeness.yaml"),
            questions=QuestionTemplates.load(rules / "questions.yaml"),
            lexicons=lexicons,
            lab_ranges=LabRanges.load(root / "lab_ranges.yaml"),
            models=models,
            ner=ner,
            request_model=request_model,
            deid_head=deid_head,
            ocr=ocr,
            germ_genera=frozenset(word.casefold() for word in read_word_list(root / "deid" / "germs.txt")),
            not_entities=frozenset(fold(word) for word in read_word_list(root / "lexicons" / "not_model_entities.txt")),
        )
        engine.analyse_text(_WARM_UP_TEXT)
        # The tables just loaded live as long as the engine. Left to the garbage collector, every full collection
        # walks them all (about 45 ms, holding the GIL, so the GUI's window froze that long during imports:
        # longest UI gap 80-100 ms, 45-57 ms frozen); refcounting still frees them when the engine goes.
        gc.freeze()
        return engine

    def _is_germ(self, entity: Entity, text: str) -> bool:
        """The entity model sometimes takes a germ ("E. coli" in a urine culture, or just its "coli") for a drug."""
        words = entity.text.split()
        with_genus = text[max(0, entity.start - 4):entity.start] + entity.text
        return (bool(_ABBREVIATED_SPECIES.search(with_genus)) and " " not in entity.text.strip()
                or bool(_ABBREVIATED_SPECIES.match(entity.text))
                or bool(words) and words[0].casefold() in self.germ_genera)

    def _is_common_word(self, entity: Entity) -> bool:
        """The entity model, trained on drug leaflets and abstracts, tags some everyday words of clinic letters
        ("mercredi" as a drug, "Cabinet" as an exam, "rhumatologue" as a disease)."""
        word = fold(entity.text.strip())
        return (word in self.not_entities or sum(char.isalpha() for char in word) < 2
                or " " not in word and word.endswith(_SPECIALIST_SUFFIXES))

    def find_personal_data(self, text: str, view: CleanText | None = None) -> list[PersonalData]:
        """Personal data in `text`: the rules' findings, plus the de-identification head's where the rules found
        nothing (it reads the cleaned text, as the entity model does, in the same pass; offsets mapped back)."""
        found = find_personal_data(text)
        if self.deid_head is None:
            return found
        view = view or clean(text)
        from_model = []
        for item in self.deid_head.find(view.text[:MODEL_MAX_CHARS]):
            start, end = view.to_original(item.start, item.end)
            from_model.append(replace(item, start=start, end=end, text=text[start:end]))
        return add_model_findings(found, from_model)

    def prefetch_model_pass(self, document: Document) -> None:
        """Run the transformer pass that `analyse_document` will need, now (typically from a worker thread while
        the previous document goes through the rules and the store): the encoder keeps it for the analysis."""
        text = model_text(document.text)
        for encoder in self._encoders():
            encoder.run_ahead(text)

    def keep_model_passes(self, count: int) -> None:
        """Keep the last `count` documents' passes (a batch import runs several ahead)."""
        for encoder in self._encoders():
            encoder.kept_runs = max(count, RECENT_RUNS)

    def _encoders(self) -> list[Encoder]:
        encoders = [self.ner.encoder if self.ner else None, self.request_model.encoder if self.request_model else None]
        return list(dict.fromkeys(encoder for encoder in encoders if encoder is not None))

    def analyse(self, path: Path | str) -> Analysis:
        """Read and analyse one file; raises UnreadableDocument with a French message when it cannot be read."""
        timings: dict[str, float] = {}
        with _timed(timings, "read"):
            document = read_document(path, ocr=self.ocr)
        return self.analyse_document(document, timings)

    def analyse_text(self, text: str, filename: str = "texte.txt") -> Analysis:
        """Analyse text given directly (evaluation sets, pasted text)."""
        data = text.encode("utf-8")
        document = Document(filename, hashlib.sha256(data).hexdigest(), data, text, [Page(1, 0, len(text))])
        return self.analyse_document(document, {})

    def analyse_document(self, document: Document, timings: dict[str, float] | None = None) -> Analysis:
        timings = {} if timings is None else timings
        with _timed(timings, "clean"):
            view = clean(document.text)
        text = view.text
        with _timed(timings, "deidentify"):
            personal_data = self.find_personal_data(document.text, view)
            deidentified = deidentify(document.text, personal_data)
            people = [
                Span(*view.to_clean(item.start, item.end), item.text)
                for item in personal_data
                # the head only widens what is masked: what the analysis asserts (who the patient is) rests on rules
                if item.label in ("PERSONNE", "IPP") and item.source == "rules"
            ]
        with _timed(timings, "entities"):
            entities = self.lexicons.find_entities(text)
            if self.ner:
                from_model = self.ner.find_entities(text[:MODEL_MAX_CHARS])
                kept = [entity for entity in from_model if not _overlaps(entity, people)
                        and not self._is_germ(entity, text) and not self._is_common_word(entity)]
                entities = merge_entities(entities, kept)
            qualify(text, entities)
            entities += find_doses(text, entities)
            entities.sort(key=lambda entity: (entity.start, -entity.end))
            undosed = drugs_without_dose(text, entities)
            relations = find_treats(text, entities)
        with _timed(timings, "classify"):
            type_scores = request_type_scores(text)
            request_type = best_request_type(type_scores)
            allergy = detect_allergy_mention(text)
            urgency = classify_urgency(text)
            prediction = self.request_model.predict(text[:MODEL_MAX_CHARS]) if self.request_model else None
            if prediction:
                request_type = fuse_request_type(type_scores, prediction)
                allergy = fuse_allergy(allergy, prediction)
                urgency = fuse_urgency(urgency, prediction)
        with _timed(timings, "lab_results"):
            facts = find_patient_facts(text)
            lab_results = find_lab_results(text, facts.sex, facts.age, self.lab_ranges)
        with _timed(timings, "elements"):
            back = _BackToOriginal(view, document)
            found = find_present_elements(text, entities, lab_results, people)
            present = {**_header_elements(view, document), **back.elements(found)}
            if prediction:
                present = fuse_elements(present, prediction)
            missing = find_missing_elements(self.rules, request_type.code, present, entities, undosed, facts, text)
            questions = self.questions.draft_questions(missing)
        with _timed(timings, "alerts"):
            alerts = find_alerts(text, entities, lab_results)
        warnings = list(document.warnings)
        if not looks_french(text):
            warnings.append("Le document ne semble pas rédigé en français : l'analyse est peu fiable.")
        treats = [Relation("traite", back.span(_span_of(drug)), back.span(_span_of(cond))) for drug, cond in relations]
        analysis = Analysis(
            document=DocumentInfo(
                sha256=document.sha256,
                filename=document.filename,
                pages=max(len(document.pages), 1),
                ocr_pages=document.ocr_pages,
                chars=len(document.text),
            ),
            text=document.text,
            request_type=request_type,
            allergy_mentioned=allergy,
            urgency=urgency,
            entities=[back.entity(entity) for entity in entities],
            lab_results=[back.lab_result(result) for result in lab_results],
            relations=treats,
            elements=Elements(present=present, missing=_unique(item.element for item in missing)),
            questions=questions,
            alerts=[back.alert(alert) for alert in alerts],
            warnings=warnings,
            deidentified_text=deidentified,
            personal_data=personal_data,
            models=dict(self.models),
            timings_ms=timings,
        )
        with _timed(timings, "summary"):
            analysis.summary = summarise(analysis)
        return analysis


def merge_entities(from_lexicon: list[Entity], from_model: list[Entity]) -> list[Entity]:
    """Lexicon entities win where both found something (they carry ATC/CIM-10 codes); the model adds the rest."""
    taken = sorted((entity.start, entity.end) for entity in from_lexicon)
    starts = [start for start, _ in taken]
    merged = list(from_lexicon)
    for entity in from_model:
        if entity.label not in MODEL_LABELS or entity.score < MODEL_MIN_SCORE or not entity.text[:1].isalnum():
            continue
        index = bisect.bisect_left(starts, entity.end)
        if not any(start < entity.end and entity.start < end for start, end in taken[max(0, index - 8) : index]):
            merged.append(entity)
    return sorted(merged, key=lambda entity: (entity.start, -entity.end))


def _file_version(path: Path) -> str:
    """A model or lexicon file's identity in the record: the start of its sha256."""
    return _version(file_sha256(path))


def _version(sha256: str) -> str:
    return f"sha256:{sha256[:16]}"


# "-iste" is not among them: "bêta-agoniste", "antagoniste" are drug classes (the -iste professions are listed).
_SPECIALIST_SUFFIXES = ("logue", "logues", "iatre", "iatres")
_ABBREVIATED_SPECIES = re.compile(r"\b[A-Z]\. ?[a-z]{3,}$")  # E. coli, S. aureus, K. pneumoniae


def _overlaps(entity: Entity, spans: list[Span]) -> bool:
    """A model entity on a person's name ("Secrétaire : Nadia ...") is a name the model took for a brand."""
    return any(span.start < entity.end and entity.start < span.end for span in spans)


def _span_of(entity: Entity) -> Span:
    return Span(entity.start, entity.end, entity.text)
@dataclass
class _BackToOriginal:
    """Maps spans found in the clean view back to the document's extracted text."""

    view: CleanText
    document: Document

    def span(self, span: Span) -> Span:
        start, end = self.view.to_original(span.start, span.end)
        return Span(start, end, self.document.text[start:end])

    def elements(self, present: dict[str, list[Span]]) -> dict[str, list[Span]]:
        return {element: [self.span(span) for span in spans] for element, spans in present.items()}

    def lab_result(self, result: LabResult) -> LabResult:
        result.start, result.end = self.view.to_original(result.start, result.end)
        return result

    def alert(self, alert: Alert) -> Alert:
        alert.evidence = [self.span(span) for span in alert.evidence]
        return alert

    def entity(self, entity: Entity) -> Entity:
        start, end = self.view.to_original(entity.start, entity.end)
        entity.start, entity.end, entity.text = start, end, self.document.text[start:end]
        entity.page = self.document.page_at(start)
        return entity


def _header_elements(view: CleanText, document: Document) -> dict[str, list[Span]]:
    """Elements shown only in a letterhead repeated on every page (removed from the clean view): its first copy."""
    first_page_end = document.pages[0].end if document.pages else len(document.text)
    found: dict[str, list[Span]] = {}
    for start, end in view.removed:
        if start >= first_page_end:
            break
        for element, spans in find_present_elements(document.text[start:end], [], []).items():
            found.setdefault(element, []).extend(
                Span(span.start + start, span.end + start, span.text) for span in spans
            )
    return found


def _unique(items: Iterator[str]) -> list[str]:
    return list(dict.fromkeys(items))


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    start = time.perf_counter()
    yield
    timings[stage] = round(timings.get(stage, 0.0) + (time.perf_counter() - start) * 1000, 3)
