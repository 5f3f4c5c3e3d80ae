"""Plotly figures → PNG and HTML → PDF, through one headless system Chromium per process (kaleido)."""
from __future__ import annotations

import asyncio
import atexit
import base64
import os
import shutil
import tempfile
import threading
from pathlib import Path

from ..views.labels import t
from .templates import render

PATH_ENV = "BROWSER_PATH"   # the variable kaleido's choreographer reads too
# Debian's package first; kaleido's own download (kaleido.get_chrome) needs the internet and is never tried.
CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
              "/usr/bin/google-chrome-stable")
START_TIMEOUT_S = 60
RENDER_TIMEOUT_S = 60


class ImageError(Exception):
    """Charts or the PDF could not be drawn; zh/en are one-line messages for the user."""

    def __init__(self, code: str, zh: str, en: str):
        super().__init__(f"{zh} / {en}")
        self.code, self.zh, self.en = code, zh, en

    def message(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class ChromiumMissing(ImageError):
    def __init__(self, path: str):
        super().__init__("no_chromium", t("err_no_chromium", "zh", path=path), t("err_no_chromium", "en", path=path))
        self.path = path


def _is_exe(path: str) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def chromium_path() -> str:
    """BROWSER_PATH when it is set (and then only that), else the usual system places; ChromiumMissing if none."""
    wanted = os.environ.get(PATH_ENV)
    if wanted:
        if _is_exe(wanted):
            return wanted
        raise ChromiumMissing(wanted)
    for path in CANDIDATES:
        if _is_exe(path):
            return path
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if found := shutil.which(name):
            return found
    raise ChromiumMissing(CANDIDATES[0])


class _Renderer:
    """A Kaleido browser on an event loop of its own thread: callers from any thread (every Streamlit
    session) submit coroutines to that loop, so the browser starts once and each image costs a fraction of
    a second. kaleido's own start_sync_server is a single queue without per-caller replies, which mixes up
    results when two sessions render at once; run_coroutine_threadsafe gives each caller its own future."""

    def __init__(self, path: str):
        self.path = path
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="deck-chromium", daemon=True)
        self.thread.start()
        self.kaleido = None
        try:
            self.kaleido = self.run(self._open(), START_TIMEOUT_S)
        except BaseException:
            self.close()
            raise

    async def _open(self):
        import kaleido  # imported here: the app starts, and lib.outputs.deck imports, without a browser

        k = kaleido.Kaleido(path=self.path, n=1, timeout=RENDER_TIMEOUT_S, mathjax=False)  # no CDN: offline
        await k.open()
        return k

    def run(self, coro, timeout: float):
        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def close(self) -> None:
        if self.kaleido is not None:
            try:
                self.run(self.kaleido.close(), 15)
            except Exception:   # noqa: BLE001 (a browser that already died has nothing left to close)
                pass
            self.kaleido = None
        if self.loop.is_running():
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(5)


_lock = threading.Lock()
_renderer: _Renderer | None = None


def _get() -> _Renderer:
    global _renderer
    path = chromium_path()
    with _lock:
        if _renderer is not None and _renderer.path != path:
            _renderer.close()
            _renderer = None
        if _renderer is None:
            try:
                _renderer = _Renderer(path)
            except Exception as e:  # noqa: BLE001
                raise _failed("chromium_failed", e, path=path) from e
        return _renderer


def _failed(code: str, e: BaseException, **kw) -> ImageError:
    first = e.args[0] if e.args and isinstance(e.args[0], str) else str(e)
    detail = f"{type(e).__name__}: {first}".strip()[:200]
    key = "err_chromium_failed" if code == "chromium_failed" else "err_render_failed"
    return ImageError(code, t(key, "zh", detail=detail, **kw), t(key, "en", detail=detail, **kw))


def _call(make_coro, timeout: float = RENDER_TIMEOUT_S):
    """Run a coroutine on the browser; a failure drops the browser so the next call starts a fresh one."""
    global _renderer
    renderer = _get()
    try:
        return renderer.run(make_coro(renderer.kaleido), timeout)
    except Exception as e:  # noqa: BLE001 (a timeout, a crashed browser, a figure plotly.js refused)
        with _lock:
            if _renderer is renderer:
                _renderer = None
        renderer.close()
        raise _failed("render_failed", e) from e


def start() -> None:
    """Start the browser now (a warm-up), rather than on the first image."""
    _get()


def stop() -> None:
    global _renderer
    with _lock:
        if _renderer is not None:
            _renderer.close()
            _renderer = None


atexit.register(stop)


def figure_png(fig, width: int, height: int, scale: float = 2.0) -> bytes:
    """The figure as a PNG of width×height CSS pixels, times scale (2: sharp on a projector and on paper)."""
    spec = fig.to_dict() if hasattr(fig, "to_dict") else fig   # in the caller's thread, not the browser's
    opts = {"format": "png", "width": int(width), "height": int(height), "scale": scale}
    return _call(lambda k: k.calc_fig(spec, opts))


async def _print(k, url: str, footer_html: str | None, timeout: float) -> bytes:
    tab = await k.create_tab("")
    try:
        await tab.send_command("Emulation.setScriptExecutionDisabled", params={"value": True})  # our page is inert
        await tab.send_command("Page.enable")
        loaded = tab.subscribe_once("Page.loadEventFired")
        await tab.send_command("Page.navigate", params={"url": url})
        await asyncio.wait_for(loaded, timeout)
        params = {"printBackground": True, "preferCSSPageSize": True, "displayHeaderFooter": footer_html is not None}
        if footer_html is not None:
            params.update(headerTemplate="<span></span>", footerTemplate=footer_html)
        res = await tab.send_command("Page.printToPDF", params=params)
        if "error" in res:
            raise RuntimeError(res["error"].get("message", "printToPDF failed"))
        return base64.b64decode(res["result"]["data"])
    finally:
        await k.close_tab(tab)


FOOTER_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", sans-serif'


def _footer_html(text: str) -> str:
    """Chromium's footer template: the text (escaped) on the left, page n / N on the right."""
    return render("pdf_footer.html.j2", font=FOOTER_FONT, text=text)


def html_pdf(html_text: str, footer: str | None = None) -> bytes:
    """Print an HTML page (self-contained: images as data: URLs; page size from its CSS @page) to PDF,
    with `footer` (plain text) and the page numbers at the foot of every page when given."""
    footer_html = _footer_html(footer) if footer is not None else None
    with tempfile.TemporaryDirectory(prefix="deck-") as tmp:
        page = Path(tmp) / "handout.html"
        page.write_text(html_text, encoding="utf-8")
        return _call(lambda k: _print(k, page.as_uri(), footer_html, RENDER_TIMEOUT_S), RENDER_TIMEOUT_S + 5)
