"""Shared fixtures: an isolated MedClair data directory and PDFs written by the tests themselves."""
from __future__ import annotations

import os
from pathlib import Path

import pymupdf
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """MEDCLAIR_DATA_DIR pointed at a fresh directory: the database never touches the real home."""
    directory = tmp_path / "data"
    monkeypatch.setenv("MEDCLAIR_DATA_DIR", str(directory))
    return directory


@pytest.fixture
def make_pdf(tmp_path: Path):
    """make_pdf(name, *page_texts) -> path of a real text PDF with one page per text."""

    def make(name: str, *pages: str) -> Path:
        path = tmp_path / name
        document = pymupdf.open()
        for text in pages:
            page = document.new_page()
            page.insert_textbox(pymupdf.Rect(50, 50, 550, 800), text, fontsize=11)
        document.save(path)
        document.close()
        return path

    return make
