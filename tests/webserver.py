"""A real HTTP server on loopback for the fetch tests: each test puts the answers it needs on paths of its own."""
from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    """What the server sends for one path. body may be bytes or an iterable of chunks (sent one by one,
    each after `pause_s`); `before_s` is a wait before the status line."""

    body: bytes | Iterable[bytes] | Callable[[], Iterable[bytes]] = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    pause_s: float = 0.0
    before_s: float = 0.0


class Server:
    """ThreadingHTTPServer in a daemon thread; `requests` records (path, Host header) as they arrive."""

    def __init__(self, tls: tuple[str, str] | None = None) -> None:
        """tls: (certificate file, key file) to serve https instead of http."""
        self.scheme = "https" if tls else "http"
        self.routes: dict[str, Answer] = {}
        self.requests: list[tuple[str, str]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:   # the test output is not the place for an access log
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                server.requests.append((self.path, self.headers.get("Host", "")))
                answer = server.routes.get(self.path, Answer(b"not found", 404, {"Content-Type": "text/plain"}))
                time.sleep(answer.before_s)
                body = answer.body() if callable(answer.body) else answer.body
                try:
                    self.send_response(answer.status)
                    for k, v in answer.headers.items():
                        self.send_header(k, v)
                    if isinstance(body, bytes) and "Content-Length" not in answer.headers:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    for chunk in [body] if isinstance(body, bytes) else body:
                        self.wfile.write(chunk)
                        self.wfile.flush()
                        time.sleep(answer.pause_s)
                except (BrokenPipeError, ConnectionResetError):
                    pass   # the client gave up: what the deadline and size tests want

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        if tls:
            import ssl
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def forever(chunk: bytes = b"<p>" + "整改".encode() * 100 + b"</p>\n") -> Iterable[bytes]:
    """A page that never ends."""
    while True:
        yield chunk


def self_signed(folder, name: str) -> tuple[str, str]:
    """A certificate for `name` (its own issuer) made by the openssl command; (certificate, key) paths."""
    import shutil
    import subprocess

    openssl = shutil.which("openssl")
    if openssl is None:
        raise RuntimeError("the openssl command is needed to make a test certificate (Debian's openssl package)")
    cert, key = f"{folder}/{name}.pem", f"{folder}/{name}.key"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={name}",
                    "-addext", f"subjectAltName=DNS:{name}", "-keyout", key, "-out", cert],
                   check=True, capture_output=True, timeout=60)
    return cert, key
