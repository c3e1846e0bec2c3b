"""Entry point of the one-folder application built by `python -m desktop.build`.

The French OCR data travels inside the folder (a clinic's computer has no Tesseract): it is used unless
TESSDATA_PREFIX names another folder.
"""
import os
import sys
from pathlib import Path

_BUNDLED_TESSDATA = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parent)) / "tessdata"
if "TESSDATA_PREFIX" not in os.environ and (_BUNDLED_TESSDATA / "fra.traineddata").is_file():
    os.environ["TESSDATA_PREFIX"] = str(_BUNDLED_TESSDATA)

from main import main  # noqa: E402  (after TESSDATA_PREFIX: the engine reads it when loaded)

sys.exit(main())
