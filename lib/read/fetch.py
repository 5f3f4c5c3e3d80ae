"""A report's web address: its page (or the attachment a stub page links to) downloaded with care, read as a file."""
from __future__ import annotations

import email.message
import functools
import ipaddress
import os
import queue
import re
import socket
import ssl
import threading
import time
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from .errors import MAX_BYTES, ReadError
from .html import page_links
from .readers import read_bytes

CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 10.0          # the longest wait for any one piece of the answer
DEADLINE_S = 30.0              # the whole download, every redirect and a stub's attachment included
MAX_REDIRECTS = 5
STUB_CHARS = 200               # a page with less body text than this is a notice pointing at its attachment
ALLOW_PRIVATE_ENV = "RECTIFY_ALLOW_PRIVATE_URLS"

_USER_AGENT = "Mozilla/5.0 (compatible; rectify-dashboard; +reads one report page)"
_ATTACHMENT_EXTS = {".pdf", ".docx", ".doc", ".wps", ".xlsx", ".xls", ".et"}   # .et: WPS's spreadsheet
_ATTACHMENT_WORDS = ("附件", "下载", "原文")
_URL_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*://")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")

# The extension a reader expects for what the server says it sends.
_TYPE_EXTS = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "text/plain": ".txt",
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/msword": ".doc",
    "application/vnd.ms-excel": ".xls",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "text/csv": ".csv",
    "text/tab-separated-values": ".tsv",
}
_KNOWN_EXTS = {".html", ".htm", ".shtml", ".xhtml", ".txt", ".csv", ".tsv"} | _ATTACHMENT_EXTS
# Answers that are certainly not a report, whatever their bytes: said once, in the user's words.
_NOT_DOCUMENT = re.compile(r"^(?:image|audio|video|font)/|^application/(?:json|javascript|x-javascript|ecmascript"
                           r"|x-shockwave-flash|wasm)$|^text/(?:css|javascript)$")


# ---------------------------------------------------------------------------
# Failures, one line in each language


def _error(code: str, **kw) -> ReadError:
    zh, en = {
        "bad_url": ("无法读取该网址：地址不完整或格式有误", "Cannot read the address: it is incomplete or malformed"),
        "scheme": ("无法读取该网址：只支持 http:// 或 https:// 开头的网页地址",
                   "Cannot read the address: only http:// and https:// web addresses are supported"),
        "unreachable": ("无法读取该网址：无法连接到 {host}", "Cannot read the address: {host} cannot be reached"),
        "tls": ("无法读取该网址：{host} 的安全证书无效", "Cannot read the address: {host} has an invalid security certificate"),
        "timeout": ("无法读取该网址：网站响应超时（{seconds:g} 秒）",
                    "Cannot read the address: the site did not answer in time ({seconds:g} s)"),
        "too_large": (f"无法读取该网址：网页或文件超过 {MAX_BYTES // 2**20} MB 上限",
                      f"Cannot read the address: the page or file is larger than the {MAX_BYTES // 2**20} MB limit"),
        "private_address": ("无法读取该网址：{host} 指向内部网络地址，已拒绝访问",
                            "Cannot read the address: {host} points to an internal network address and is refused"),
        "http_status": ("无法读取该网址：网站返回错误 {status}", "Cannot read the address: the site answered with error {status}"),
        "too_many_redirects": (f"无法读取该网址：跳转超过 {MAX_REDIRECTS} 次",
                               f"Cannot read the address: it redirects more than {MAX_REDIRECTS} times"),
        "not_a_document": ("无法读取该网址：该地址不是网页或文档（{kind}）",
                           "Cannot read the address: it is not a web page or a document ({kind})"),
    }[code]
    return ReadError(code, zh.format(**kw), en.format(**kw))


# ---------------------------------------------------------------------------
# Which addresses may be visited


def is_url(value: str) -> bool:
    """Whether a command-line argument is a web address rather than a file path (any scheme, so that ftp://
    gets its own refusal instead of "no such file")."""
    return bool(_URL_LIKE.match(value.strip()))


def is_public_address(address: str) -> bool:
    """Whether an IP address is on the public internet: not loopback, private, link-local, multicast, reserved
    or unspecified. IPv6 forms that carry an IPv4 address (::ffff:a.b.c.d, 6to4, NAT64) are judged by it."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])      # fe80::1%eth0: the zone is not part of the address
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        elif ip.sixtofour is not None:
            ip = ip.sixtofour
        elif ip in _NAT64:       # an IPv6-only network's DNS64 gives every IPv4 site this form
            ip = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_loopback or ip.is_link_local
                                 or ip.is_private or ip.is_unspecified)


def _private_allowed() -> bool:
    return os.environ.get(ALLOW_PRIVATE_ENV) == "1"


def checked_addresses(host: str, port: int, deadline: "_Deadline | None" = None) -> list[str]:
    """The host's addresses, every one public (or a ReadError); the connection is made to these, not to a
    second lookup that a rebinding DNS server could answer differently. The lookup waits no longer than the
    connect limit and the download's deadline allow (a resolver that never answers would otherwise hold it for
    the system's own timeouts, tens of seconds)."""
    limit = CONNECT_TIMEOUT_S if deadline is None else min(CONNECT_TIMEOUT_S, deadline.left())
    try:
        infos = _lookup(host, port, limit)
    except TimeoutError:
        raise _error("timeout", seconds=deadline.seconds if deadline is not None and deadline.left() < 0.1
                     else CONNECT_TIMEOUT_S) from None
    except (socket.gaierror, UnicodeError, OSError):
        raise _error("unreachable", host=host) from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not addresses:
        raise _error("unreachable", host=host)
    if not _private_allowed() and not all(is_public_address(a) for a in addresses):
        raise _error("private_address", host=host)
    return addresses


def _lookup(host: str, port: int, limit: float) -> list:
    """socket.getaddrinfo in a daemon thread, given up after `limit` seconds (TimeoutError); the thread ends when
    the resolver does."""
    done: queue.Queue = queue.Queue(maxsize=1)

    def run() -> None:
        try:
            done.put(("ok", socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)))
        except Exception as exc:  # noqa: BLE001 - handed to the caller as it came
            done.put(("error", exc))
    threading.Thread(target=run, daemon=True, name=f"dns {host}").start()
    try:
        kind, value = done.get(timeout=max(limit, 0.01))
    except queue.Empty:
        raise TimeoutError(host) from None
    if kind == "error":
        raise value
    return value


# ---------------------------------------------------------------------------
# Downloading


@dataclass(frozen=True)
class Fetched:
    """What an address gave: the bytes, a file name whose extension suits the readers, the final address."""

    data: bytes
    filename: str
    url: str
    content_type: str | None
    charset: str | None


class _Deadline:
    """The whole download's time budget; every wait is cut to what is left of it."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            raise _error("timeout", seconds=self.seconds)
        return left


def _timeout(deadline: _Deadline, limit_s: float) -> ReadError:
    """A wait cut short: by the whole download's deadline when that is what ran out, else by the one wait's limit."""
    ran_out = deadline.end - time.monotonic() < 0.1
    return _error("timeout", seconds=deadline.seconds if ran_out else limit_s)


def _parse(url: str) -> httpx.URL:
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError):
        raise _error("bad_url") from None
    if parsed.scheme not in ("http", "https"):
        raise _error("scheme")
    if not parsed.host:
        raise _error("bad_url")
    return parsed


@functools.cache
def _tls() -> ssl.SSLContext:
    """One verifying TLS context for every download: building one loads the CA bundle, some 50 ms a time."""
    return httpx.create_ssl_context(trust_env=False)


def _client() -> httpx.Client:
    # trust_env=False: no proxy from the environment, which would connect to a host other than the one checked
    return httpx.Client(verify=_tls(), trust_env=False, follow_redirects=False, headers={
        "User-Agent": _USER_AGENT,
        "Accept": "text/html,application/xhtml+xml,application/pdf,application/vnd.openxmlformats-officedocument"
                  ".wordprocessingml.document,text/plain;q=0.9,*/*;q=0.5",
    })


def _send(client: httpx.Client, url: httpx.URL, deadline: _Deadline) -> httpx.Response:
    """One request, made to an address that passed the check; the site's name goes in Host and in TLS's SNI,
    so virtual hosts and certificates see the name while the socket goes to the checked address."""
    host = url.raw_host.decode("ascii")
    port = url.port or (443 if url.scheme == "https" else 80)
    addresses = checked_addresses(host, port, deadline)
    last: Exception | None = None
    for address in addresses:          # localhost's ::1 refused, its 127.0.0.1 may answer
        left = deadline.left()
        timeout = httpx.Timeout(min(READ_TIMEOUT_S, left), connect=min(CONNECT_TIMEOUT_S, left))
        request = client.build_request(
            "GET", url.copy_with(host=address), headers={"Host": url.netloc.decode("ascii")},
            timeout=timeout, extensions={"sni_hostname": host},
        )
        try:
            return client.send(request, stream=True)
        except httpx.ConnectError as exc:
            last = exc
            if "CERTIFICATE" in str(exc).upper():
                raise _error("tls", host=host) from None
        except httpx.TimeoutException as exc:
            raise _timeout(deadline, CONNECT_TIMEOUT_S if isinstance(exc, httpx.ConnectTimeout) else READ_TIMEOUT_S) \
                from None
        except httpx.TransportError:
            raise _error("unreachable", host=host) from None
    raise _error("unreachable", host=host) from last


def _body(response: httpx.Response, deadline: _Deadline) -> bytes:
    """The answer's bytes, refused as soon as they pass the size cap or the deadline."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise _error("too_large")
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > MAX_BYTES:
                raise _error("too_large")
            chunks.append(chunk)
            deadline.left()
    except httpx.TimeoutException:
        raise _timeout(deadline, READ_TIMEOUT_S) from None
    except httpx.TransportError:
        raise _error("unreachable", host=response.request.headers.get("host", "")) from None
    return b"".join(chunks)


def _content_type(headers: httpx.Headers) -> tuple[str | None, str | None]:
    """("text/html", "gbk") from "text/html; charset=GBK"."""
    raw = headers.get("content-type")
    if not raw:
        return None, None
    msg = email.message.Message()
    msg["content-type"] = raw
    charset = msg.get_param("charset")
    return msg.get_content_type(), (str(charset).strip().lower() or None) if charset else None


def _ext(name: str) -> str:
    suffix = PurePosixPath(name).suffix.lower()
    return suffix if suffix in _KNOWN_EXTS else ""


def _filename(url: httpx.URL, headers: httpx.Headers, content_type: str | None) -> str:
    """A name for the readers: the address's last segment, with the extension of the attachment's own name
    (Content-Disposition), else of the address, else of the content type."""
    segment = unquote(url.path.rstrip("/").rsplit("/", 1)[-1]) or "index"
    disposition = email.message.Message()
    disposition["content-disposition"] = headers.get("content-disposition", "")
    ext = _ext(disposition.get_filename() or "") or _ext(segment) or _TYPE_EXTS.get(content_type or "", "")
    stem = PurePosixPath(segment).stem if _ext(segment) or "." in segment else segment
    return (stem or "index") + ext


def _download(client: httpx.Client, url: str, deadline: _Deadline) -> Fetched:
    """Follow redirects by hand, each new address parsed and checked like the first."""
    current = _parse(url)
    for _ in range(MAX_REDIRECTS + 1):
        response = _send(client, current, deadline)
        try:
            location = response.headers.get("location")
            if response.is_redirect and location:
                current = _parse(urljoin(str(current), location))
                continue
            if response.status_code >= 400:
                raise _error("http_status", status=response.status_code)
            content_type, charset = _content_type(response.headers)
            if content_type and _NOT_DOCUMENT.match(content_type):
                raise _error("not_a_document", kind=content_type)
            data = _body(response, deadline)
        finally:
            response.close()
        return Fetched(data, _filename(current, response.headers, content_type), str(current), content_type, charset)
    raise _error("too_many_redirects")


def fetch(url: str) -> Fetched:
    """Download one http(s) address: public hosts only, at most MAX_REDIRECTS redirects, MAX_BYTES, DEADLINE_S."""
    with _client() as client:
        return _download(client, url, _Deadline(DEADLINE_S))


# ---------------------------------------------------------------------------
# Reading


def _read(fetched: Fetched) -> str:
    return read_bytes(fetched.data, fetched.filename, encoding=fetched.charset)


def _is_html(fetched: Fetched) -> bool:
    return fetched.content_type in ("text/html", "application/xhtml+xml") or _ext(fetched.filename) in (
        ".html", ".htm", ".shtml", ".xhtml")


def attachment_link(fetched: Fetched) -> str | None:
    """The address of the document a stub page offers: the first link to a .pdf/.docx/.doc/.wps/.xlsx/.xls/.et,
    else the first link whose words name an attachment (附件, 下载, 原文). Links in the site's menus do not count."""
    links = [(urljoin(fetched.url, href), text) for href, text in page_links(fetched.data, fetched.charset)]
    links = [(href, text) for href, text in links if href.startswith(("http://", "https://"))]
    for href, _text in links:
        if _ext(unquote(urlsplit(href).path)) in _ATTACHMENT_EXTS:
            return href
    for href, text in links:
        if any(word in text for word in _ATTACHMENT_WORDS) and href.split("#")[0] != fetched.url.split("#")[0]:
            return href
    return None


def read_url(url: str) -> tuple[str, str]:
    """The text of the report at a web address, and the address it was read from (after redirects; an
    attachment's own address when the page is only a notice linking to it). Raises ReadError."""
    deadline = _Deadline(DEADLINE_S)
    with _client() as client:
        page = _download(client, url, deadline)
        try:
            text = _read(page)
        except ReadError as exc:
            if exc.code != "empty" or not _is_html(page):
                raise
            text, empty = "", exc
        else:
            empty = None
        if _is_html(page) and len(re.sub(r"\s", "", text)) < STUB_CHARS:
            link = attachment_link(page)
            if link:
                document = _download(client, link, deadline)
                return _read(document), document.url
        if empty is not None:
            raise empty
        return text, page.url
