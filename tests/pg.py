"""A throwaway PostgreSQL server for the test session: Debian's binaries, a temp cluster, loopback only.

PostgreSQL refuses to run as root, so when the tests run as root the cluster belongs to `nobody` and every
server command runs as that user. Each test gets a database of its own (CREATE DATABASE is cheap: a copy of
template1), dropped WITH (FORCE) afterwards so connections a test left open cannot keep it alive.
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

USER = "postgres"          # the cluster's superuser (initdb -U), not an OS account
DEFAULT_DB = "rectify_test"
UNPRIVILEGED = "nobody"


class PgUnavailable(RuntimeError):
    """The server binaries are missing or the server would not start; the message says which and why."""


def pg_bindir() -> Path:
    """The bin/ of the highest PostgreSQL version Debian installed (not /usr/local/bin, which may differ)."""
    found = []
    for initdb in glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        version = Path(initdb).parent.parent.name
        try:
            key = tuple(int(p) for p in version.split("."))
        except ValueError:
            continue
        found.append((key, Path(initdb).parent))
    if not found:
        raise PgUnavailable("PostgreSQL server not found (no /usr/lib/postgresql/*/bin/initdb): "
                            "apt-get install postgresql (see .ci/run)")
    bindir = max(found)[1]
    for tool in ("initdb", "pg_ctl", "postgres"):
        if not os.access(bindir / tool, os.X_OK):
            raise PgUnavailable(f"{bindir / tool} is missing or not executable: reinstall postgresql")
    return bindir


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self) -> None:
        self.bindir = pg_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="rectify-pg-"))
        self.data = self.root / "data"
        self.sock = self.root / "sock"
        self.log = self.root / "server.log"
        self.port: int | None = None
        self._ids = itertools.count(1)
        self._as: dict = {}
        if os.geteuid() == 0:
            pw = pwd.getpwnam(UNPRIVILEGED)
            self._as = dict(user=pw.pw_uid, group=pw.pw_gid, extra_groups=[])
            os.chown(self.root, pw.pw_uid, pw.pw_gid)
        self.sock.mkdir()
        if self._as:
            os.chown(self.sock, self._as["user"], self._as["group"])

    # --- running the server's own tools as the unprivileged user --------------------------------
    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        env = {"PATH": f"{self.bindir}:/usr/bin:/bin", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8",
               "HOME": str(self.root)}
        return subprocess.run([str(self.bindir / args[0]), *args[1:]], cwd=self.root, env=env,
                              capture_output=True, text=True, timeout=timeout, **self._as)

    def _check(self, what: str, proc: subprocess.CompletedProcess) -> None:
        if proc.returncode != 0:
            log = self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
            raise PgUnavailable(f"{what} failed (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}\n{log}")

    def start(self) -> "PgServer":
        self._check("initdb", self._run("initdb", "-D", str(self.data), "-U", USER, "-A", "trust",
                                        "--encoding=UTF8", "--no-locale", "--no-sync"))
        for _ in range(5):   # another process may take the free port between choosing and binding it
            self.port = _free_port()
            opts = (f"-p {self.port} -k {self.sock} -c listen_addresses=127.0.0.1 -c fsync=off "
                    "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
            proc = self._run("pg_ctl", "-D", str(self.data), "-o", opts, "-l", str(self.log), "-w",
                             "-t", "60", "start")
            if proc.returncode == 0:
                break
            if "already in use" not in self.log.read_text(errors="replace"):
                self._check("pg_ctl start", proc)
        else:
            self._check("pg_ctl start", proc)
        self.create_database(DEFAULT_DB)
        return self

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", timeout=60)
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    # --- databases ------------------------------------------------------------------------------
    def url(self, db: str = DEFAULT_DB) -> str:
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{db}"

    def _admin(self, sql: str) -> None:
        import psycopg
        with psycopg.connect(host="127.0.0.1", port=self.port, user=USER, dbname="postgres",
                             autocommit=True, connect_timeout=10) as conn:
            conn.execute(sql)

    def create_database(self, name: str) -> str:
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise ValueError(f"bad database name {name!r}")
        self._admin(f'CREATE DATABASE "{name}" TEMPLATE template1 ENCODING \'UTF8\'')
        return self.url(name)

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def fresh_database(self) -> tuple[str, str]:
        """(name, url) of a new, empty database."""
        name = f"t_{next(self._ids)}"
        return name, self.create_database(name)
