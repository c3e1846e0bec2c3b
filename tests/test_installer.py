"""The installer build (issue 7): `python -m desktop.build` gives a one-folder application that starts offscreen
and analyses a PDF inside an empty network namespace. Builds once for the module (about a minute on 2 cores)."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

pytest.importorskip("PyInstaller", reason="PyInstaller n'est pas installé (extra dev : pyinstaller==6.22.3)")

from inference import Engine  # noqa: E402
from inference.analysis import SCHEMA_VERSION, Analysis  # noqa: E402
from desktop import build  # noqa: E402

SAMPLE = "02_avis_cardiologie.pdf"


def _isolated_network_available() -> bool:
    if shutil.which("unshare") is None:
        return False
    return subprocess.run(["unshare", "-rn", "true"], capture_output=True).returncode == 0


pytestmark = pytest.mark.skipif(
    not _isolated_network_available(), reason="`unshare -rn` indisponible : pas d'espace réseau vide pour l'essai"
)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The built executable."""
    root = tmp_path_factory.mktemp("installer")
    executable = build.build(root / "dist", root / "work")
    assert executable.is_file()
    return executable


def _run_offline(executable: Path, *args: str, home: Path, **env: str) -> subprocess.CompletedProcess:
    """Run the bundle with no network at all and a bare environment (no venv, no PYTHONPATH)."""
    environment = {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8", "MEDCLAIR_DATA_DIR": str(home),
                   **env}
    return subprocess.run(["unshare", "-rn", str(executable), *args], env=environment, capture_output=True,
                          text=True, timeout=180)


def test_the_bundle_shows_its_first_window_offline(bundle, tmp_path):
    result = _run_offline(bundle, home=tmp_path, QT_QPA_PLATFORM="offscreen", MEDCLAIR_SMOKE_EXIT_MS="300",
                          MEDCLAIR_REPORT_STARTUP="1")
    assert result.returncode == 0, result.stderr
    assert "création de la base chiffrée » affichée (Qt en français : oui)" in result.stderr
    assert "startup_ms=" in result.stderr


@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run absent : pas de serveur X virtuel pour l'essai")
def test_the_bundle_shows_its_first_window_on_an_x_server_offline(bundle, tmp_path):
    """The xcb platform plugin and the X libraries it needs travel in the folder too."""
    result = _run_offline(Path(shutil.which("xvfb-run")), "-a", str(bundle), home=tmp_path,
                          MEDCLAIR_SMOKE_EXIT_MS="300")
    assert result.returncode == 0, result.stderr
    assert "création de la base chiffrée » affichée" in result.stderr


def test_the_bundle_analyses_its_sample_offline(bundle, tmp_path):
    sample = next((bundle.parent / "_internal" / "resources" / "samples").glob(SAMPLE))
    result = _run_offline(bundle, "analyse", str(sample), "--json", home=tmp_path)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout.splitlines()[0])
    assert record["schema_version"] == SCHEMA_VERSION
    analysed = Analysis.from_dict(record)
    expected = Engine.load().analyse(sample)
    assert analysed.document.sha256 == expected.document.sha256
    assert analysed.request_type.code == expected.request_type.code
    assert analysed.elements.missing == expected.elements.missing
    assert [e.text for e in analysed.entities] == [e.text for e in expected.entities]
    assert analysed.models == expected.models


def test_the_bundle_imports_into_an_encrypted_database_offline(bundle, tmp_path):
    samples = bundle.parent / "_internal" / "resources" / "samples"
    result = _run_offline(bundle, "import", str(samples), home=tmp_path, MEDCLAIR_PASSPHRASE="phrase de l'essai")
    assert result.returncode == 0, result.stderr
    count = len([p for p in samples.iterdir() if p.suffix.lower() == ".pdf"])
    assert result.stdout.startswith(f"{count} importé(s), 0 déjà présent(s), 0 en erreur")
    assert not (tmp_path / "medclair.db").read_bytes().startswith(b"SQLite format 3")
