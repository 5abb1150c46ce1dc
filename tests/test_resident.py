"""`dipextract serve`: a resident process answers `dipextract FILE` with exactly what a fresh process prints."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dipextract.resident import forwardable, run_remote, socket_path

ARTICLE = (
    "Президент России Владимир Путин провёл переговоры с председателем КНР Си Цзиньпином в Пекине. "
    "Стороны договорились провести следующую встречу в Москве в сентябре."
)


def _cli(args: list[str], env: dict[str, str], stdin: bytes | None = None, cwd: Path | None = None):  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, "-m", "dipextract", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    folder = tmp_path_factory.mktemp("srv")
    sock = folder / "dx.sock"
    env = {**os.environ, "DIPEXTRACT_SOCKET": str(sock)}
    env.pop("DIPEXTRACT_SERVER", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "dipextract", "serve"], env=env, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 120
    while not sock.exists():
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.2)
    yield sock, env
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    assert not sock.exists()  # the server removes its socket on the way out (`kill` as well as Ctrl-C)


def test_server_output_equals_a_fresh_process(
    server, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    sock, env = server
    article = tmp_path / "article.txt"
    article.write_text(ARTICLE, encoding="cp1251")  # the server reads files like the CLI: any encoding
    args = [str(article), "--published", "2024-05-10"]
    remote = _cli(args, env)
    local = _cli(args, {**env, "DIPEXTRACT_SERVER": "0"})
    assert remote.returncode == local.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout
    # the answer really comes from the server (None would mean "no server, run here")
    capfd.readouterr()
    assert run_remote(args, sock) == 0
    assert capfd.readouterr().out.encode("utf-8") == local.stdout
    assert '"name":"Владимир Путин"'.encode() in remote.stdout


def test_relative_path_and_stdin_go_through_the_server(server, tmp_path: Path) -> None:
    _, env = server
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    by_path = _cli(["a.txt"], env, cwd=tmp_path)
    by_stdin = _cli(["-"], env, stdin=ARTICLE.encode("utf-8"), cwd=tmp_path)
    assert by_path.returncode == by_stdin.returncode == 0, by_path.stderr + by_stdin.stderr
    assert b'"source":"a.txt"' in by_path.stdout  # resolved against the caller's folder, not the server's
    assert b'"source":"<stdin>"' in by_stdin.stdout
    assert b'"type":"meeting"' in by_path.stdout and b'"type":"meeting"' in by_stdin.stdout


def test_bad_input_keeps_its_message_and_exit_code(server, tmp_path: Path) -> None:
    _, env = server
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    remote = _cli([str(binary)], env)
    local = _cli([str(binary)], {**env, "DIPEXTRACT_SERVER": "0"})
    assert remote.returncode == local.returncode == 1
    assert b"binary" in remote.stderr and remote.stderr == local.stderr
    assert remote.stdout == local.stdout == b""


def test_stale_socket_means_running_locally(tmp_path: Path) -> None:
    stale = tmp_path / "dead.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.bind(str(stale))  # bound, never listening: nobody answers
    assert stale.exists()
    assert run_remote([str(stale)], stale) is None


def test_what_is_forwarded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.delenv("DIPEXTRACT_SERVER", raising=False)
    assert forwardable([str(article), "--published", "2024-05-10"])
    assert forwardable(["-"])
    assert not forwardable([str(tmp_path)])  # a folder is a batch: workers, files, progress
    assert not forwardable(["evaluate", "nerel", str(tmp_path)])
    assert not forwardable(["serve"])
    assert not forwardable([str(article), "--dask", "local"])
    monkeypatch.setenv("DIPEXTRACT_SERVER", "0")
    assert not forwardable([str(article)])


def test_socket_path_is_per_user(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("DIPEXTRACT_SOCKET", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    assert socket_path() == tmp_path / f"dipextract-{os.getuid()}.sock"
    monkeypatch.setenv("DIPEXTRACT_SOCKET", str(tmp_path / "x.sock"))
    assert socket_path() == tmp_path / "x.sock"
