"""A resident `dipextract serve` process, so that `dipextract FILE` need not load the models every time.

Loading spaCy, navec, slovnet and the tagger takes 2–3 s, longer than analysing an article. `dipextract
serve` loads them once and listens on a Unix socket private to the user; while it runs, the console
script hands a single-article invocation (`dipextract FILE [OPTIONS]`, `dipextract - [OPTIONS]`) to it
and prints what it answers. The client side imports only the standard library. Anything else, or any
failure to reach the server, runs in the calling process as before: the server is an optimisation,
never a requirement. `DIPEXTRACT_SOCKET` names the socket; `DIPEXTRACT_SERVER=0` turns the client off.
"""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import socket
import struct
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

_HEADER = struct.Struct("!Q")  # message length, then that many bytes of UTF-8 JSON
_LOCAL_COMMANDS = frozenset({"serve", "evaluate", "schema", "extract", "-h", "--help"})
_CONNECT_TIMEOUT = 0.5  # seconds to reach a server before falling back to running in-process
_MAX_STDIN = 64 * 1024 * 1024


def socket_path() -> Path:
    """`DIPEXTRACT_SOCKET`, else a per-user socket in the runtime (or temporary) directory."""
    explicit = os.environ.get("DIPEXTRACT_SOCKET")
    if explicit:
        return Path(explicit)
    folder = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return Path(folder) / f"dipextract-{os.getuid()}.sock"


def _send(sock: socket.socket, payload: dict[str, Any]) -> None:
    data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    sock.sendall(_HEADER.pack(len(data)) + data)


def _receive(sock: socket.socket) -> dict[str, Any]:
    def exactly(n: int) -> bytes:
        chunks, left = [], n
        while left:
            chunk = sock.recv(min(left, 1 << 20))
            if not chunk:
                raise ConnectionError("the other side closed the connection")
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)

    (length,) = _HEADER.unpack(exactly(_HEADER.size))
    return json.loads(exactly(length).decode("utf-8"))  # type: ignore[no-any-return]


# ---------------------------------------------------------------- client


def forwardable(argv: Sequence[str]) -> bool:
    """A single-article run (`FILE` or `-` first): the case where loading dominates."""
    if not argv or argv[0] in _LOCAL_COMMANDS or os.environ.get("DIPEXTRACT_SERVER") == "0":
        return False
    if "--dask" in argv or any(a.startswith("--dask=") for a in argv):
        return False
    return argv[0] == "-" or Path(argv[0]).is_file()


def run_remote(argv: Sequence[str], path: Path | None = None) -> int | None:
    """Run `argv` in the resident server and copy its output here; None when no server answers."""
    path = path or socket_path()
    if not path.exists():
        return None
    stdin = sys.stdin.buffer.read(_MAX_STDIN + 1) if argv and argv[0] == "-" else b""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(_CONNECT_TIMEOUT)
            sock.connect(str(path))
            sock.settimeout(None)  # an article may take a while; the server answers every request
            _send(
                sock,
                {"argv": list(argv), "cwd": os.getcwd(), "stdin": base64.b64encode(stdin).decode("ascii")},
            )
            reply = _receive(sock)
    except (OSError, ConnectionError, ValueError):
        if stdin:  # stdin is consumed: run locally on the bytes already read
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        return None
    sys.stdout.write(reply["stdout"])
    sys.stdout.flush()
    sys.stderr.write(reply["stderr"])
    return int(reply["code"])


def main() -> None:
    """Console-script entry point: the resident server when one runs and the call suits it, else the CLI."""
    from .collector import pace_this_command

    pace_this_command()
    argv = sys.argv[1:]
    if forwardable(argv):
        code = run_remote(argv)
        if code is not None:
            raise SystemExit(code)
    from .cli import main as cli_main

    cli_main()


# ---------------------------------------------------------------- server


def _execute(request: dict[str, Any]) -> dict[str, Any]:
    """One CLI invocation inside this process, its stdout/stderr captured."""
    from .cli import app

    out, err = io.StringIO(), io.StringIO()
    stdin = base64.b64decode(request.get("stdin") or "")
    saved_stdin, saved_cwd = sys.stdin, os.getcwd()
    code = 0
    try:
        os.chdir(request["cwd"])
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:  # standalone mode: usage errors are printed and every outcome ends in SystemExit
                app(args=list(request["argv"]), prog_name="dipextract")
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except Exception as exc:  # noqa: BLE001 - a failed request must not take the server down
        err.write(f"error: dipextract serve: {type(exc).__name__}: {exc}\n")
        code = 1
    finally:
        sys.stdin = saved_stdin
        os.chdir(saved_cwd)
    return {"stdout": out.getvalue(), "stderr": err.getvalue(), "code": code}


def _claim(path: Path) -> None:
    """Remove a stale socket left by a server that died; refuse when a live one answers."""
    if not path.exists():
        return
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(str(path))
        except OSError:
            path.unlink()
            return
    raise RuntimeError(f"a dipextract server already listens on {path}")


def serve(path: Path | None = None, *, ready: Any = None) -> None:
    """Load the pipeline, then answer CLI invocations on the socket one at a time until interrupted."""
    import signal
    import threading

    from .api import load

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt  # `kill` and Ctrl-C both end the loop below and remove the socket

    if threading.current_thread() is threading.main_thread():  # signals reach the main thread only
        signal.signal(signal.SIGTERM, stop)
    load()  # the whole point: models are loaded once, before the first request
    path = path or socket_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    _claim(path)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        old_umask = os.umask(0o177)  # the socket is the user's alone: it reads any file they can
        try:
            server.bind(str(path))
        finally:
            os.umask(old_umask)
        server.listen(16)
        if ready is not None:
            ready(path)
        try:
            while True:
                conn, _ = server.accept()
                with conn:
                    try:
                        request = _receive(conn)
                    except (ConnectionError, ValueError, OSError):
                        continue
                    with contextlib.suppress(OSError):
                        _send(conn, _execute(request))
        except KeyboardInterrupt:
            pass
        finally:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
