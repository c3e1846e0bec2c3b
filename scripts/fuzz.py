"""Fuzzing MedClair's input side with Hypothesis: PDF reading on mutated PDFs, text cleaning, and the rules.

    python scripts/fuzz.py --minutes 10            # every target, round robin, for ten minutes
    python scripts/fuzz.py --minutes 30 --target pdf

Each target states properties that must hold for ANY input, not just for well-formed ones:
- pdf:   read_document on a mutated PDF either returns a coherent Document or raises UnreadableDocument
         (never another exception); a Document then goes through the whole engine (rules).
- clean: clean() keeps a valid map from every clean character back to the original text.
- rules: Engine.analyse_text on arbitrary French-looking text gives a record whose every span is the text it
         points at, and which survives a JSON round trip.
Failures are shrunk by Hypothesis, printed, and kept in .work/fuzz/ (the example database replays them on the
next run; failing PDFs are also written there as files). Exit code 1 when anything failed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
import traceback
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

import pymupdf  # noqa: E402
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402
from hypothesis.database import DirectoryBasedExampleDatabase  # noqa: E402

from inference import Engine, UnreadableDocument  # noqa: E402
from inference.analysis import Analysis  # noqa: E402
from inference.cleaning import clean  # noqa: E402
from inference.document import PAGE_SEPARATOR, Document, read_document  # noqa: E402

WORK = REPO / ".work" / "fuzz"
SAMPLES = REPO / "resources" / "samples"
EVAL_SET = REPO / "resources" / "eval" / "requests_handwritten.jsonl"

# Characters that cleaning rewrites or that break naive offset arithmetic.
TRICKY = (
    "\f\n\r\t \u00a0\u202f\u00ad\u200b\ufeff\u2019\u201c\u201d\u00ab\u00bb\u2013\u2014\u2010\ufb01\ufb02\u2026"
    "\u2022\uf0b7e\u0301a\u0300c\u0327-'\".,;:/()[]0123456789%"
)
WORDS = (
    "Metformine 1000 mg", "Ramipril 5 mg/j", "allergie à la pénicilline", "pas d'allergie connue", "HbA1c 7,2 %",
    "Dr Martin", "Mme Dupont Jeanne", "née le 03/04/1958", "67 ans", "merci de renouveler", "IRM lombaire",
    "scanner injecté", "créatinine 180 µmol/L", "Objet :", "Antécédents :", "Traitement :", "Page 1/2", "urgent",
    "dyspnée", "fièvre", "sans particularité", "CIM-10 I10", "-\n", "\n\n", "\f",
)


@cache
def engine() -> Engine:
    return Engine.load(ocr=False)


@cache
def sentences() -> tuple[str, ...]:
    lines = EVAL_SET.read_text(encoding="utf-8").splitlines() if EVAL_SET.exists() else []
    return tuple(json.loads(line)["text"] for line in lines if line.strip()) or ("Renouvellement d'ordonnance.",)


@cache
def seed_pdfs() -> tuple[bytes, ...]:
    """Real PDFs to mutate: the shipped text samples and a few small ones made here (fonts, two pages)."""
    seeds = [path.read_bytes() for path in sorted(SAMPLES.glob("0[1-7]_*.pdf"))]
    for pages in ([sentences()[0]], [sentences()[1], sentences()[2]]):
        pdf = pymupdf.open()
        for text in pages:
            pdf.new_page().insert_textbox(pymupdf.Rect(50, 50, 550, 800), text, fontsize=11)
        seeds.append(pdf.tobytes())
        seeds.append(pdf.tobytes(deflate=True, garbage=3))
        pdf.close()
    return tuple(seeds)


# -- strategies --------------------------------------------------------------------------------------------

def french_text() -> st.SearchStrategy[str]:
    piece = st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(sentences()),
        st.text(alphabet=st.sampled_from(TRICKY), max_size=12),
        st.text(max_size=20),
    )
    return st.lists(piece, max_size=25).map(" ".join)


@st.composite
def mutated_pdf(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(seed_pdfs())))
    for _ in range(draw(st.integers(1, 8))):
        kind = draw(st.sampled_from(("flip", "insert", "delete", "truncate", "duplicate", "token")))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        if kind == "flip" and data:
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 4096))]
        elif kind == "truncate":
            del data[max(at, 8):]
        elif kind == "duplicate":
            size = draw(st.integers(1, 4096))
            data[at:at] = data[at:at + size]
        elif kind == "token":
            token = draw(st.sampled_from((b"obj", b"endobj", b"stream", b"endstream", b"/Length", b"xref", b"R",
                                          b"/Kids", b"/Count", b"/FlateDecode", b"<<", b">>", b"[", b"]")))
            replacement = draw(st.sampled_from((b"", b"9999999999", b"-1", b"<<", b"[[[[", b"0 0 R", b"null")))
            found = bytes(data).find(token, at)
            if found >= 0:
                data[found:found + len(token)] = replacement
    return bytes(data)


# -- properties --------------------------------------------------------------------------------------------

def check_clean(text: str) -> None:
    view = clean(text)
    assert len(view.starts) == len(view.ends) == len(view.text)
    assert view.original == text
    for index, (start, end) in enumerate(zip(view.starts, view.ends)):
        assert 0 <= start <= end <= len(text), (index, start, end)
        if index:
            assert view.starts[index - 1] <= start, ("starts go backwards", index)
    for start, end in view.removed:
        assert 0 <= start <= end <= len(text)
    for start in range(0, len(view.text) + 1, max(1, len(view.text) // 7)):
        first, last = view.to_original(start, len(view.text))
        assert 0 <= first <= last <= len(text)


def check_analysis(analysis: Analysis) -> None:
    text = analysis.text
    for spans in analysis.elements.present.values():
        for span in spans:
            assert 0 <= span.start <= span.end <= len(text) and text[span.start:span.end] == span.text, span
    for entity in analysis.entities:
        assert 0 <= entity.start <= entity.end <= len(text) and text[entity.start:entity.end] == entity.text, entity
    for result in analysis.lab_results:
        assert 0 <= result.start <= result.end <= len(text), result
    for alert in analysis.alerts:
        for span in alert.evidence:
            assert text[span.start:span.end] == span.text, span
    assert all(question.text.strip() for question in analysis.questions)
    assert not set(analysis.elements.missing) & {key for key, spans in analysis.elements.present.items() if spans
                                                 and key not in ("posologie",)}, "an element both present and missing"
    assert Analysis.from_json(analysis.to_json()) == analysis


def check_rules(text: str) -> None:
    check_analysis(engine().analyse_text(text))


def check_document(document: Document) -> None:
    text = document.text
    assert document.pages, "a Document has at least one page"
    assert text.count(PAGE_SEPARATOR) >= len(document.pages) - 1
    previous_end = 0
    for page in document.pages:
        assert previous_end <= page.start <= page.end <= len(text), page
        if page.boxes:
            assert len(page.boxes) == page.end - page.start, (page.number, len(page.boxes), page.end - page.start)
        previous_end = page.end
    document.locate(0, len(text))


def check_pdf(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.pdf"
        path.write_bytes(data)
        try:
            document = read_document(path, ocr=False)
        except UnreadableDocument as error:
            assert str(error).startswith("fuzz.pdf : "), str(error)
            return
        except Exception:
            keep(data)
            raise
    try:
        check_document(document)
        check_analysis(engine().analyse_document(document))
    except Exception:
        keep(data)
        raise


def keep(data: bytes) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    (WORK / f"finding-{hashlib.sha256(data).hexdigest()[:16]}.pdf").write_bytes(data)


TARGETS = {
    "pdf": (mutated_pdf, check_pdf),
    "clean": (french_text, check_clean),
    "rules": (french_text, check_rules),
}


def fuzz_once(target: str, examples: int, database: Path | None = None, derandomize: bool = False) -> None:
    """Run `examples` Hypothesis examples of one target; raises the (shrunk) failure if a property breaks."""
    strategy, check = TARGETS[target]
    configured = settings(
        max_examples=examples,
        deadline=None,
        derandomize=derandomize,
        database=DirectoryBasedExampleDatabase(str(database)) if database else None,
        suppress_health_check=list(HealthCheck),
        print_blob=True,
    )
    configured(given(strategy())(check))()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="time budget (default 1 minute)")
    parser.add_argument("--target", choices=[*TARGETS, "all"], default="all")
    parser.add_argument("--batch", type=int, default=200, help="examples per round and target")
    args = parser.parse_args(argv)
    pymupdf.TOOLS.mupdf_display_errors(False)
    pymupdf.TOOLS.mupdf_display_warnings(False)
    targets = list(TARGETS) if args.target == "all" else [args.target]
    deadline = time.monotonic() + args.minutes * 60
    failures: dict[str, str] = {}
    rounds = {target: 0 for target in targets}
    while time.monotonic() < deadline and len(failures) < len(targets):
        for target in targets:
            if target in failures or time.monotonic() >= deadline:
                continue
            try:
                fuzz_once(target, args.batch, WORK / "examples")
            except Exception:
                failures[target] = traceback.format_exc()
                print(f"\n=== {target}: property broken\n{failures[target]}", file=sys.stderr, flush=True)
            rounds[target] += 1
    for target in targets:
        state = "FAILED" if target in failures else "ok"
        print(f"{target:6s} {state:6s} {rounds[target]} round(s) of up to {args.batch} examples")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
