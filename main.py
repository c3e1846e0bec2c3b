"""MedClair entry point: no argument starts the GUI; `analyse` and `import` run headless (SPEC §7)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        from desktop.app import run_gui

        return run_gui()
    parser = argparse.ArgumentParser(prog="medclair", description="Lecture des documents médicaux entrants.")
    commands = parser.add_subparsers(dest="command", required=True)
    analyse = commands.add_parser("analyse", help="analyser des fichiers sans interface ni base de données")
    analyse.add_argument("files", nargs="+", type=Path,
                         help="fichiers ou dossiers (un dossier : ses PDF, textes et images, sous-dossiers compris)")
    analyse.add_argument("--json", action="store_true", help="une ligne JSON (SPEC §6) par fichier")
    analyse.add_argument(
        "--deidentify", action="store_true",
        help="masquer les données personnelles ([NOM], [DATE], [IPP]...) partout : texte, extraits, entités, "
             "alertes, questions, résumé, nom du fichier ; les positions sont recalculées sur le texte masqué "
             "(text[start:end] reste l'extrait), aucun extrait n'est retiré",
    )
    store = commands.add_parser("import", help="analyser et ranger dans la base chiffrée")
    store.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    if args.command == "analyse":
        from inference.cli import run_analyse

        return run_analyse(args.files, as_json=args.json, deidentify=args.deidentify)
    from desktop.importer import run_import

    return run_import(args.paths)


if __name__ == "__main__":
    sys.exit(main())
