"""`python -m desktop.build`: the one-folder application (PyInstaller) a clinic installs, models and resources inside.

The result is `<dist>/medclair/medclair`: no argument starts the GUI, `analyse` and `import` work as with
`python main.py`. Only what the runtime imports is bundled (the model factory's torch, transformers and onnx,
present in a development venv, are excluded), plus resources/ and the French Tesseract data when found.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "medclair"
# Installed beside the runtime in a development venv, never imported by it.
EXCLUDED = (
    "torch", "transformers", "optimum", "onnx", "onnxruntime.quantization", "onnxruntime.transformers",
    "onnxruntime.tools", "pandas", "scipy", "sympy", "sklearn", "matplotlib", "IPython", "tkinter", "pytest",
    "PyInstaller", "export", "tests", "PySide6.QtNetwork", "PySide6.QtQml", "PySide6.QtOpenGL",
)
NOT_SHIPPED = ("eval",)  # resources/eval: the evaluation sets, for the factory and the tests
KEPT_TRANSLATIONS = ("qtbase_fr.qm",)  # Qt's own words in French (desktop.app.install_french)


def pyinstaller_args(dist: Path, work: Path) -> list[str]:
    from inference.ocr import LANGUAGE, tessdata_dir

    args = [
        str(ROOT / "desktop" / "frozen_entry.py"),
        "--name", NAME,
        "--onedir",
        "--noconfirm",
        "--log-level", "WARN",
        "--distpath", str(dist),
        "--workpath", str(work),
        "--specpath", str(work),
        "--paths", str(ROOT),
        "--collect-submodules", "inference",
        "--collect-submodules", "desktop",
    ]
    for item in sorted((ROOT / "resources").iterdir()):
        if item.name not in NOT_SHIPPED:
            target = "resources" if item.is_file() else f"resources/{item.name}"
            args += ["--add-data", f"{item}:{target}"]
    tessdata = tessdata_dir()
    if tessdata is not None:
        args += ["--add-data", f"{tessdata / f'{LANGUAGE}.traineddata'}:tessdata"]
    for module in EXCLUDED:
        args += ["--exclude-module", module]
    return args


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def build(dist: Path, work: Path) -> Path:
    """Build into `dist`; returns the executable's path."""
    try:
        import PyInstaller.__main__
    except ImportError as error:
        raise SystemExit("PyInstaller manque : pip install pyinstaller==6.22.3") from error
    PyInstaller.__main__.run(pyinstaller_args(dist, work))
    folder = dist / NAME
    for catalogue in folder.glob("_internal/PySide6/Qt/translations/*.qm"):
        if catalogue.name not in KEPT_TRANSLATIONS:
            catalogue.unlink()
    return folder / NAME


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.build", description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="where the folder goes (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder")
    args = parser.parse_args(argv)
    started = time.monotonic()
    executable = build(args.dist.resolve(), args.work.resolve())
    size = folder_size(executable.parent)
    print(f"{executable} : {time.monotonic() - started:.0f} s, {size / 1e6:.0f} Mo", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
