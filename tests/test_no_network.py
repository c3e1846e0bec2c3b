"""MedClair never needs the network: `medclair analyse` and `medclair import` succeed with no network at all,
and no connection is even attempted (Python socket guard, and the kernel's view through strace when present)."""
from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from desktop.store import Store
from tests.pdf_factory import make_text_pdf
from tests.processes import PASSPHRASE, medclair_command, medclair_env, run

REPO = Path(__file__).resolve().parents[1]
SCANNED_SAMPLE = REPO / "resources" / "samples" / "08_scan_consultation.pdf"
LETTER = (
    "Dr Claire Martin, 12 rue des Lilas, 69003 Lyon. Lyon, le 3 mars 2026.\n"
    "Je vous adresse Mme Dupont Jeanne, 67 ans, pour avis cardiologique : dyspnée d'effort.\n"
    "Traitement : Ramipril 5 mg le matin. Allergies : aucune connue.\n"
)
# Modules whose presence would mean a download path or the training stack got into the runtime.
FORBIDDEN_MODULES = ("torch", "transformers", "huggingface_hub", "requests", "urllib3", "http.client")

GUARD = textwrap.dedent(
    """
    # Installed by tests/test_no_network.py: every socket connection attempt is logged, then refused.
    import atexit, os, socket, sys

    _log_path = os.environ["MEDCLAIR_NET_LOG"]

    def _log(kind, detail):
        with open(_log_path, "a", encoding="utf-8") as log:
            log.write(f"{kind} {detail!r}\\n")

    def _refuse(kind):
        def guarded(self, address, *args, **kwargs):
            _log(kind, (self.family, address))
            raise OSError("network disabled by the test guard")
        return guarded

    socket.socket.connect = _refuse("connect")
    socket.socket.connect_ex = _refuse("connect_ex")

    def _no_sendto(self, data, *args):
        _log("sendto", (self.family, args[-1]))
        raise OSError("network disabled by the test guard")

    socket.socket.sendto = _no_sendto

    def _no_lookup(*args, **kwargs):
        _log("getaddrinfo", args[:2])
        raise OSError("name resolution disabled by the test guard")

    socket.getaddrinfo = _no_lookup

    @atexit.register
    def _modules():
        with open(_log_path + ".modules", "w", encoding="utf-8") as out:
            out.write("\\n".join(sorted(sys.modules)))
    """
)


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    return make_text_pdf(tmp_path / "courrier.pdf", [LETTER])


def _unshare_available() -> str | None:
    if shutil.which("unshare") is None:
        return "unshare is not installed (util-linux)"
    probe = subprocess.run(["unshare", "-rn", "true"], capture_output=True, text=True)
    if probe.returncode:
        return f"unprivileged network namespaces unavailable here: {probe.stderr.strip()}"
    return None


def test_analyse_and_import_inside_an_empty_network_namespace(letter: Path, tmp_path: Path) -> None:
    reason = _unshare_available()
    if reason:
        pytest.skip(reason)
    data_dir = tmp_path / "data"
    env = medclair_env(data_dir)
    interfaces = subprocess.run(["unshare", "-rn", "cat", "/proc/net/dev"], capture_output=True, text=True, check=True)
    assert [line.split(":")[0].strip() for line in interfaces.stdout.splitlines()[2:]] == ["lo"]

    analysed = run(["unshare", "-rn", *medclair_command("analyse", "--json", letter, SCANNED_SAMPLE)], env)
    assert analysed.returncode == 0, analysed.stderr
    assert len([line for line in analysed.stdout.splitlines() if line.startswith("{")]) == 2

    imported = run(["unshare", "-rn", *medclair_command("import", letter, SCANNED_SAMPLE)], env)
    assert imported.returncode == 0, imported.stderr
    with Store.open(PASSPHRASE, data_dir / "medclair.db") as store:
        assert store.count_documents() == 2


def test_no_connection_attempt_under_a_socket_guard(letter: Path, tmp_path: Path) -> None:
    guard_dir = tmp_path / "guard"
    guard_dir.mkdir()
    (guard_dir / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    log = tmp_path / "net.log"
    env = medclair_env(tmp_path / "data", PYTHONPATH=str(guard_dir), MEDCLAIR_NET_LOG=str(log))

    for command in (medclair_command("analyse", letter, SCANNED_SAMPLE), medclair_command("import", letter)):
        result = run(command, env)
        assert result.returncode == 0, result.stderr
        modules = Path(f"{log}.modules").read_text(encoding="utf-8").split()
        assert "inference.pipeline" in modules, "the guard must have run inside medclair"
        assert not [name for name in FORBIDDEN_MODULES if name in modules]
    assert not log.exists() or log.read_text(encoding="utf-8") == ""


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed (apt-get install strace)")
def test_kernel_sees_no_inet_connect(letter: Path, tmp_path: Path) -> None:
    env = medclair_env(tmp_path / "data")
    trace = tmp_path / "trace.log"
    probe = subprocess.run(["strace", "-o", str(tmp_path / "probe.log"), "true"], capture_output=True, text=True)
    if probe.returncode:
        pytest.skip(f"strace cannot trace here: {probe.stderr.strip()}")
    for name, command in (("analyse", medclair_command("analyse", letter, SCANNED_SAMPLE)),
                          ("import", medclair_command("import", letter))):
        traced = run(["strace", "-f", "-e", "trace=connect,sendto,sendmsg", "-o", f"{trace}.{name}", *command], env)
        assert traced.returncode == 0, traced.stderr
        calls = Path(f"{trace}.{name}").read_text(encoding="utf-8")
        inet = [line for line in calls.splitlines() if re.search(r"AF_INET6?\b", line)]
        assert not inet, f"{name} tried the network:\n" + "\n".join(inet)


def test_nothing_written_outside_the_data_directory(letter: Path, tmp_path: Path) -> None:
    """No library may keep its own files (telemetry queues, device ids, caches) in the user's home: what
    MedClair writes goes to its encrypted database only."""
    home = tmp_path / "home"
    home.mkdir()
    env = medclair_env(tmp_path / "data", HOME=str(home))
    for name in ("XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"):
        env.pop(name, None)
    for command in (medclair_command("analyse", letter), medclair_command("import", letter)):
        result = run(command, env)
        assert result.returncode == 0, result.stderr
    written = sorted(str(path.relative_to(home)) for path in home.rglob("*") if path.is_file())
    assert written == []
