"""`medclair analyse`: analyses files and folders without the GUI or the database; one bad file never stops the
batch. With `deidentify`, every string of the record is masked and its offsets index the masked text."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from inference.analysis import Analysis
from inference.completeness import RulesError
from inference.document import UnreadableDocument
from inference.files import expand_paths
from inference.pipeline import Engine
from inference.privacy import deidentified_analysis
from inference.summary import element_label


def run_analyse(
    paths: list[Path], as_json: bool = False, deidentify: bool = False, out: TextIO = sys.stdout, err: TextIO = sys.stderr
) -> int:
    """Folders stand for the PDF, text and image files they hold, recursively. Exit code 0 when every file was
    analysed, 1 when at least one could not be (or a folder held none), 2 when the engine cannot start."""
    empty = [path for path in map(Path, paths) if path.is_dir() and not expand_paths([path])]
    for folder in empty:
        print(f"medclair : {folder} : aucun document (PDF, texte ou image) dans ce dossier.", file=err)
    files = expand_paths(paths)
    if not files:
        return 1
    try:
        engine = Engine.load()
    except RulesError as error:
        print(f"medclair : {error}", file=err)
        return 2
    failures = 0
    for path in files:
        try:
            analysis = engine.analyse(path)
            if deidentify:
                analysis = deidentified_analysis(analysis)
        except UnreadableDocument as error:
            failures += 1
            print(f"medclair : {error}", file=err)
            continue
        except Exception as error:  # one file's bug must not stop the batch
            failures += 1
            print(f"medclair : {path.name} : erreur inattendue pendant l'analyse ({type(error).__name__} : {error}).", file=err)
            continue
        print(analysis.to_json() if as_json else describe(analysis), file=out, flush=True)
    if failures:
        print(f"medclair : {failures} fichier(s) sur {len(files)} n'ont pas pu être analysés.", file=err)
    return 1 if failures or empty else 0


def describe(analysis: Analysis) -> str:
    """A short French report for a terminal."""
    lines = [
        f"== {analysis.document.filename}",
        *(f"Attention : {warning}" for warning in analysis.warnings),
        f"Type de demande : {analysis.request_type.label} ({analysis.request_type.score:.2f})",
        f"Allergie mentionnée : {'oui' if analysis.allergy_mentioned.value else 'non'}",
        "Éléments présents : " + (", ".join(map(element_label, analysis.elements.present)) or "aucun"),
        "Éléments manquants : " + (", ".join(map(element_label, analysis.elements.missing)) or "aucun"),
    ]
    lines += [f"  - {question.text}" for question in analysis.questions]
    lines += [f"Alerte : {alert.text}" for alert in analysis.alerts]
    if analysis.summary:
        lines.append(f"Résumé : {analysis.summary}")
    return "\n".join(lines)
