"""lib.read.fetch against a real HTTP server on loopback: encodings, stub pages, redirects, the address guard, limits."""
from __future__ import annotations

import socket
import time

import pytest

from lib.read import fetch as F
from lib.read.errors import MAX_BYTES, ReadError
from lib.read.readers import read_bytes
from tests import makers
from tests.webserver import Answer, Server, forever, self_signed

SEED = makers.seed_text()
HTML = "text/html; charset=utf-8"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Every character here is two GBK bytes that also make a valid UTF-8 sequence: without the header's charset
# the page decodes as UTF-8 nonsense (ѧϰʵʩ…), so only a reader that honours the header gets it right.
UTF8_LOOKALIKE = "学习实施细目\n压实为要"


@pytest.fixture(scope="module")
def server():
    s = Server()
    yield s
    s.close()


@pytest.fixture
def local(monkeypatch):
    """The loopback server is a private address: allowed, as the deployment switch allows it."""
    monkeypatch.setenv(F.ALLOW_PRIVATE_ENV, "1")


def no_meta(page: str) -> str:
    stripped = page.replace('<meta charset="utf-8">', "")
    assert stripped != page
    return stripped


def stub_page(link: str) -> str:
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>通报</title></head><body>'
            '<nav><a href="/download-center/">下载中心</a></nav>'
            f'<div class="article"><h1>关于巡视整改进展情况的通报</h1><p>{link}</p></div>'
            '<footer>版权所有</footer></body></html>')


def fails(url: str) -> ReadError:
    with pytest.raises(ReadError) as info:
        F.read_url(url)
    e = info.value
    # one line in each language, never a traceback's worth
    assert e.zh and e.en and "\n" not in e.zh + e.en
    return e


# ---------------------------------------------------------------------------
# Pages and encodings


def test_a_utf8_page_reads_as_the_same_page_saved_to_a_file(server, local):
    data = makers.to_html(SEED).encode("utf-8")
    server.routes["/utf8.html"] = Answer(data, headers={"Content-Type": HTML})
    text, url = F.read_url(server.url("/utf8.html"))
    assert text == read_bytes(data, "utf8.html")
    assert url == server.url("/utf8.html")
    assert "根据省委统一部署" in text and "版权所有" not in text


def test_a_gbk_page_with_its_charset_only_in_the_header(server, local):
    data = no_meta(makers.to_html(SEED)).encode("gb18030")
    server.routes["/gbk.html"] = Answer(data, headers={"Content-Type": "text/html; charset=GBK"})
    fetched = F.fetch(server.url("/gbk.html"))
    assert (fetched.content_type, fetched.charset, fetched.filename) == ("text/html", "gbk", "gbk.html")
    text, _ = F.read_url(server.url("/gbk.html"))
    assert text == read_bytes(data, "gbk.html")            # as the page saved to a file
    assert text == read_bytes(makers.to_html(SEED).encode("utf-8"), "seed.html")   # and as the right text


def test_the_header_charset_decides_where_the_bytes_would_also_pass_for_utf8(server, local):
    page = no_meta(makers.to_html(UTF8_LOOKALIKE, chrome=False))
    data = page.encode("gbk")
    assert read_bytes(data, "p.html") != UTF8_LOOKALIKE     # what the bytes alone say: UTF-8 nonsense
    server.routes["/lookalike"] = Answer(data, headers={"Content-Type": "text/html; charset=gb2312"})
    assert F.read_url(server.url("/lookalike"))[0] == UTF8_LOOKALIKE


def test_a_latin1_header_is_a_server_default_and_the_markup_decides(server, local):
    data = makers.to_html(SEED).encode("utf-8")
    server.routes["/tomcat.html"] = Answer(data, headers={"Content-Type": "text/html; charset=ISO-8859-1"})
    assert F.read_url(server.url("/tomcat.html"))[0] == read_bytes(data, "seed.html")


# ---------------------------------------------------------------------------
# Stub pages: a notice that links to the report as an attachment


def test_a_stub_page_is_read_through_its_docx_attachment(server, local):
    docx = makers.to_docx(SEED)
    server.routes["/notice.html"] = Answer(
        stub_page('详见附件：<a href="files/%E9%80%9A%E6%8A%A5.docx">关于巡视整改进展情况的通报</a>').encode(),
        headers={"Content-Type": HTML})
    server.routes["/files/%E9%80%9A%E6%8A%A5.docx"] = Answer(docx, headers={"Content-Type": DOCX})
    text, url = F.read_url(server.url("/notice.html"))
    assert text == read_bytes(docx, "通报.docx")
    assert url == server.url("/files/%E9%80%9A%E6%8A%A5.docx")


def test_a_stub_page_is_read_through_a_download_link_to_a_pdf(server, local):
    pdf = makers.to_pdf(SEED)
    server.routes["/notice2.html"] = Answer(
        stub_page('<a href="/download?id=7">点击下载</a>').encode(), headers={"Content-Type": HTML})
    # the address says nothing of the kind; the server's name for the attachment does
    server.routes["/download?id=7"] = Answer(pdf, headers={
        "Content-Type": "application/octet-stream", "Content-Disposition": 'attachment; filename="report.pdf"'})
    assert F.fetch(server.url("/download?id=7")).filename == "download.pdf"
    text, url = F.read_url(server.url("/notice2.html"))
    assert text == read_bytes(pdf, "report.pdf")
    assert "根据省委统一部署" in text and url.endswith("/download?id=7")


def test_a_stub_page_is_read_through_its_spreadsheet_ledger(server, local):
    xlsx = makers.forestry_ledger()
    server.routes["/notice3.html"] = Answer(stub_page('<a href="/files/tz.xlsx">整改台账</a>').encode(),
                                            headers={"Content-Type": HTML})
    server.routes["/files/tz.xlsx"] = Answer(xlsx, headers={"Content-Type": "application/octet-stream"})
    text, url = F.read_url(server.url("/notice3.html"))
    assert text == read_bytes(xlsx, "tz.xlsx") and url.endswith("/files/tz.xlsx")


def test_a_full_page_that_links_a_pdf_is_read_itself(server, local):
    page = makers.to_html(SEED).replace("</div>", '<p><a href="/other.pdf">附件</a></p></div>', 1)
    server.routes["/full.html"] = Answer(page.encode(), headers={"Content-Type": HTML})
    text, url = F.read_url(server.url("/full.html"))
    assert url == server.url("/full.html") and "根据省委统一部署" in text
    assert "/other.pdf" not in [p for p, _ in server.requests]


def test_a_menu_link_is_not_an_attachment(server, local):
    # the stub's only 下载 link is the site's 下载中心 in <nav>: nothing to follow, the stub's own text
    server.routes["/menu.html"] = Answer(stub_page("正文待发布").encode(), headers={"Content-Type": HTML})
    text, _ = F.read_url(server.url("/menu.html"))
    assert text == "关于巡视整改进展情况的通报\n正文待发布"
    assert "/download-center/" not in [p for p, _ in server.requests]


def test_a_stub_attachment_fails_in_its_own_words(server, local):
    server.routes["/stub404.html"] = Answer(stub_page('<a href="/gone.pdf">原文</a>').encode(),
                                            headers={"Content-Type": HTML})
    e = fails(server.url("/stub404.html"))
    assert e.code == "http_status" and "404" in e.zh and "404" in e.en


# ---------------------------------------------------------------------------
# Redirects, followed by hand


def chain(server, name: str, hops: int) -> str:
    """/name/hops → /name/hops-1 → … → /name/0, the page."""
    for k in range(hops, 0, -1):
        server.routes[f"/{name}/{k}"] = Answer(status=302 if k % 2 else 301,
                                               headers={"Location": f"/{name}/{k - 1}"})
    server.routes[f"/{name}/0"] = Answer(makers.to_html(SEED).encode(), headers={"Content-Type": HTML})
    return server.url(f"/{name}/{hops}")


@pytest.mark.parametrize("hops", [1, 3, F.MAX_REDIRECTS])
def test_redirects_up_to_the_limit_are_followed(server, local, hops):
    text, url = F.read_url(chain(server, f"ok{hops}", hops))
    assert url == server.url(f"/ok{hops}/0") and "根据省委统一部署" in text


def test_one_redirect_more_than_the_limit_is_refused(server, local):
    e = fails(chain(server, "long", F.MAX_REDIRECTS + 1))
    assert e.code == "too_many_redirects" and "5" in e.zh and "5" in e.en
    assert "/long/0" not in [p for p, _ in server.requests]


def test_a_redirect_to_another_scheme_is_refused(server, local):
    server.routes["/to-file"] = Answer(status=302, headers={"Location": "file:///etc/passwd"})
    assert fails(server.url("/to-file")).code == "scheme"


# ---------------------------------------------------------------------------
# The address guard


@pytest.mark.parametrize("address, public", [
    # loopback, private ranges, link-local (the cloud metadata address), unspecified
    ("127.0.0.1", False), ("127.8.9.10", False), ("10.1.2.3", False), ("172.16.0.1", False),
    ("172.31.255.255", False), ("192.168.1.1", False), ("169.254.169.254", False), ("0.0.0.0", False),
    ("100.64.0.1", False),           # carrier-grade NAT
    # multicast and reserved
    ("224.0.0.1", False), ("240.0.0.1", False), ("255.255.255.255", False),
    # IPv6: loopback, link-local (with a zone), unique local, unspecified, multicast
    ("::1", False), ("fe80::1", False), ("fe80::1%eth0", False), ("fc00::1", False), ("::", False),
    ("ff02::1", False),
    # IPv6 that carries an IPv4 address is judged by it
    ("::ffff:127.0.0.1", False), ("::ffff:10.0.0.1", False), ("2002:7f00:1::", False), ("64:ff9b::7f00:1", False),
    ("::ffff:8.8.8.8", True), ("64:ff9b::808:808", True),
    # public
    ("8.8.8.8", True), ("1.1.1.1", True), ("2001:4860::", True), ("2001:4860:4860::8888", True),
    ("172.32.0.1", True),
])
def test_address_classifier(address, public):
    assert F.is_public_address(address) is public


def fake_dns(monkeypatch, names: dict[str, list[str]]) -> list[str]:
    """getaddrinfo answering for made-up names (and passing real ones through); returns the names looked up."""
    real = socket.getaddrinfo
    looked_up: list[str] = []

    def getaddrinfo(host, port, *args, **kwargs):
        looked_up.append(host)
        if host in names:
            return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6, "", (a, port))
                    for a in names[host]]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return looked_up


def test_a_name_for_a_private_address_is_refused_before_connecting(server, monkeypatch):
    monkeypatch.delenv(F.ALLOW_PRIVATE_ENV, raising=False)
    fake_dns(monkeypatch, {"intranet.example.cn": ["127.0.0.1"]})
    before = len(server.requests)
    e = fails(server.url("/utf8.html", host="intranet.example.cn"))
    assert e.code == "private_address" and "intranet.example.cn" in e.zh
    assert len(server.requests) == before


def test_every_address_of_a_name_must_be_public(monkeypatch):
    monkeypatch.delenv(F.ALLOW_PRIVATE_ENV, raising=False)
    fake_dns(monkeypatch, {"mixed.example.cn": ["8.8.8.8", "10.0.0.1"]})
    assert fails("http://mixed.example.cn/report.html").code == "private_address"


@pytest.mark.parametrize("url", ["http://127.0.0.1/", "http://[::1]/", "http://[::ffff:127.0.0.1]/",
                                 "http://169.254.169.254/latest/meta-data/", "http://0.0.0.0/", "http://10.0.0.8/"])
def test_private_address_literals_are_refused(monkeypatch, url):
    monkeypatch.delenv(F.ALLOW_PRIVATE_ENV, raising=False)
    assert fails(url).code == "private_address"


def test_a_redirect_to_loopback_is_refused_after_a_public_first_hop(server, monkeypatch):
    """The first hop's name passes the guard (an allow-list of one name, standing in for a public site whose
    address is, in this test, the loopback server); its redirect to 127.0.0.1 must be checked afresh."""
    monkeypatch.delenv(F.ALLOW_PRIVATE_ENV, raising=False)
    looked_up = fake_dns(monkeypatch, {"reports.example.cn": ["127.0.0.1"]})
    real_check = F.checked_addresses
    monkeypatch.setattr(F, "checked_addresses", lambda host, port, deadline=None: (
        [socket.getaddrinfo(host, port)[0][4][0]] if host == "reports.example.cn" else real_check(host, port, deadline)))
    server.routes["/to-loopback"] = Answer(status=302, headers={"Location": server.url("/secret")})
    server.routes["/secret"] = Answer(b"internal", headers={"Content-Type": "text/plain"})
    e = fails(server.url("/to-loopback", host="reports.example.cn"))
    assert e.code == "private_address" and "127.0.0.1" in e.zh
    paths = [p for p, _ in server.requests]
    assert ("/to-loopback", f"reports.example.cn:{server.port}") in server.requests   # the first hop was made
    assert "/secret" not in paths
    assert looked_up.count("reports.example.cn") == 1


def test_the_connection_goes_to_the_checked_address_not_a_second_lookup(server, local, monkeypatch):
    # a rebinding DNS server answers the check with one address and the connection with another; here a
    # second lookup of the made-up name would fail outright, and the Host header still names the site
    looked_up = fake_dns(monkeypatch, {"pinned.example.cn": ["127.0.0.1"]})
    server.routes["/pinned.html"] = Answer(makers.to_html(SEED).encode(), headers={"Content-Type": HTML})
    text, url = F.read_url(server.url("/pinned.html", host="pinned.example.cn"))
    assert "根据省委统一部署" in text and url == server.url("/pinned.html", host="pinned.example.cn")
    assert looked_up.count("pinned.example.cn") == 1
    assert server.requests[-1] == ("/pinned.html", f"pinned.example.cn:{server.port}")


def test_every_address_of_a_name_is_tried_in_turn(server, local, monkeypatch):
    # localhost may say ::1 first while the server listens on 127.0.0.1 only
    fake_dns(monkeypatch, {"dual.example.cn": ["::1", "127.0.0.1"]})
    server.routes["/dual.html"] = Answer(makers.to_html(SEED).encode(), headers={"Content-Type": HTML})
    assert "根据省委统一部署" in F.read_url(server.url("/dual.html", host="dual.example.cn"))[0]


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    cert, key = self_signed(tmp_path_factory.mktemp("tls"), "secure.example.cn")
    s = Server(tls=(cert, key))
    s.routes["/report.html"] = Answer(makers.to_html(SEED).encode(), headers={"Content-Type": HTML})
    yield s, cert
    s.close()


@pytest.mark.parametrize("name, ok", [("secure.example.cn", True), ("impostor.example.cn", False)])
def test_https_to_the_checked_address_verifies_the_site_s_name(tls_server, local, monkeypatch, name, ok):
    # the socket goes to 127.0.0.1, yet the certificate is checked against the name (sent as SNI), as it
    # must be: a certificate for another name is refused
    import ssl
    server, cert = tls_server
    monkeypatch.setattr(F, "_tls", lambda: ssl.create_default_context(cafile=cert))
    fake_dns(monkeypatch, {name: ["127.0.0.1"]})
    url = server.url("/report.html", host=name)
    if ok:
        assert "根据省委统一部署" in F.read_url(url)[0]
    else:
        e = fails(url)
        assert e.code == "tls" and name in e.zh


# ---------------------------------------------------------------------------
# Limits: time and size


def test_a_page_that_never_ends_is_cut_at_the_deadline(server, local, monkeypatch):
    monkeypatch.setattr(F, "DEADLINE_S", 1.0)
    server.routes["/forever"] = Answer(forever, headers={"Content-Type": HTML}, pause_s=0.01)
    started = time.monotonic()
    e = fails(server.url("/forever"))
    elapsed = time.monotonic() - started
    assert e.code == "timeout" and 1.0 <= elapsed < 2.0
    assert "1 秒" in e.zh and "1 s" in e.en


def test_a_page_that_trickles_is_cut_at_the_deadline(server, local, monkeypatch):
    # one byte every 0.3 s never trips the per-read timeout; only the whole download's deadline stops it
    monkeypatch.setattr(F, "DEADLINE_S", 1.0)
    server.routes["/trickle"] = Answer(lambda: forever(b"x"), headers={"Content-Type": HTML}, pause_s=0.3)
    started = time.monotonic()
    assert fails(server.url("/trickle")).code == "timeout"
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize("answer", [
    Answer(b"late", headers={"Content-Type": HTML}, before_s=2.0),                       # no status line
    Answer([b"<p>", b"late</p>"], headers={"Content-Type": HTML}, pause_s=2.0),          # a body that stalls
])
def test_a_slow_server_hits_the_read_timeout(server, local, monkeypatch, answer):
    monkeypatch.setattr(F, "READ_TIMEOUT_S", 0.5)
    path = f"/slow{answer.before_s}"
    server.routes[path] = answer
    started = time.monotonic()
    e = fails(server.url(path))
    assert e.code == "timeout" and "0.5" in e.en
    assert time.monotonic() - started < 1.5


def test_an_unreachable_host(local):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]        # bound, never listening: the connection is refused
        e = fails(f"http://127.0.0.1:{port}/report.html")
    assert e.code == "unreachable" and "127.0.0.1" in e.zh


def test_a_name_that_does_not_resolve(monkeypatch):
    def no_such_name(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)
    e = fails("https://no-such-site.example.cn/report.html")
    assert e.code == "unreachable" and "no-such-site.example.cn" in e.en


def test_a_declared_length_over_the_cap_is_refused_before_the_body(server, local):
    server.routes["/declared"] = Answer(lambda: forever(b"x" * 65536),
                                        headers={"Content-Type": HTML, "Content-Length": str(MAX_BYTES + 1)})
    started = time.monotonic()
    e = fails(server.url("/declared"))
    assert e.code == "too_large" and "20 MB" in e.zh and time.monotonic() - started < 1.0


def test_a_body_over_the_cap_is_cut_while_streaming(server, local):
    # no Content-Length and no end: only counting the bytes as they come stops this download
    server.routes["/endless-big"] = Answer(lambda: forever(b"x" * 65536), headers={"Content-Type": HTML})
    started = time.monotonic()
    assert fails(server.url("/endless-big")).code == "too_large"
    assert time.monotonic() - started < F.DEADLINE_S


def test_a_body_at_the_cap_is_read(server, local):
    data = makers.to_html(SEED).encode()
    data = data + b" " * (MAX_BYTES - len(data))
    server.routes["/at-cap"] = Answer(data, headers={"Content-Type": HTML})
    assert len(F.fetch(server.url("/at-cap")).data) == MAX_BYTES


# ---------------------------------------------------------------------------
# What is not a report, and what is not an address


def test_404_names_its_status(server, local):
    e = fails(server.url("/missing"))
    assert e.code == "http_status" and "404" in e.zh and "404" in e.en


def test_500_names_its_status(server, local):
    server.routes["/boom"] = Answer(b"oops", status=503, headers={"Content-Type": "text/plain"})
    e = fails(server.url("/boom"))
    assert e.code == "http_status" and "503" in e.en


def test_an_image_is_not_a_document(server, local):
    server.routes["/logo.png"] = Answer(b"\x89PNG\r\n\x1a\n" + b"\0" * 64, headers={"Content-Type": "image/png"})
    e = fails(server.url("/logo.png"))
    assert e.code == "not_a_document" and "image/png" in e.en


@pytest.mark.parametrize("url, code", [
    ("ftp://example.cn/report.pdf", "scheme"),
    ("file:///etc/passwd", "scheme"),
    ("javascript:alert(1)", "scheme"),
    ("gopher://example.cn/", "scheme"),
    ("www.example.cn/report.html", "scheme"),     # no scheme at all
    ("http://", "bad_url"),
    ("http://[::1/", "bad_url"),
])
def test_addresses_that_are_not_http(url, code):
    assert fails(url).code == code


@pytest.mark.parametrize("value, is_url", [
    ("https://www.example.cn/a.html", True), ("HTTP://EXAMPLE.CN", True), ("ftp://x/y", True),
    ("report.docx", False), ("C:\\reports\\a.pdf", False), ("/tmp/a.html", False), ("http.txt", False),
])
def test_is_url_tells_addresses_from_paths(value, is_url):
    assert F.is_url(value) is is_url


# ---------------------------------------------------------------------------
# A name the readers can use


@pytest.mark.parametrize("path, headers, name", [
    ("/art/2023/12/t20231219_1.html", {}, "t20231219_1.html"),
    ("/content.jsp?id=3", {"Content-Type": "text/html; charset=gbk"}, "content.html"),
    ("/files/", {"Content-Type": "application/pdf"}, "files.pdf"),
    ("/", {"Content-Type": "text/html"}, "index.html"),
    ("/get", {"Content-Type": "application/octet-stream",
              "Content-Disposition": "attachment; filename*=UTF-8''%E9%80%9A%E6%8A%A5.docx"}, "get.docx"),
    ("/%E9%80%9A%E6%8A%A5.pdf", {"Content-Type": "application/octet-stream"}, "通报.pdf"),
    ("/notes", {"Content-Type": "text/plain"}, "notes.txt"),
    ("/export?fmt=csv", {"Content-Type": "text/csv; charset=gbk"}, "export.csv"),
])
def test_filename_from_address_disposition_or_type(path, headers, name):
    import httpx
    h = httpx.Headers(headers)
    assert F._filename(httpx.URL("https://example.cn" + path), h, F._content_type(h)[0]) == name


def test_a_resolver_that_never_answers_is_given_up_within_the_deadline(monkeypatch):
    """DNS is bounded like the rest: a lookup that hangs ends in the timeout message once the download's time is
    spent, not after the system resolver's own tens of seconds."""
    import threading

    release = threading.Event()

    def hanging(host, port, *args, **kwargs):
        release.wait(30)
        raise socket.gaierror("gave up")
    monkeypatch.setattr(socket, "getaddrinfo", hanging)
    monkeypatch.setattr(F, "DEADLINE_S", 0.5)
    started = time.monotonic()
    try:
        e = fails("http://reports.example.cn/notice.html")
    finally:
        release.set()
    assert e.code == "timeout" and time.monotonic() - started < 3
    assert "0.5" in e.zh and "0.5" in e.en
