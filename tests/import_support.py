"""Test helpers for importing: a local web server on 127.0.0.1 and a tiny PDF writer.

``LocalSite`` serves pages the tests write (``site.page(path, body, ...)``), redirects,
slow and endless answers, and counts the bytes it sent, so a test can check that a download
stopped early. Nothing here reaches any other address.
"""

from __future__ import annotations

import threading
import time
import zlib
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

NAV = """<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe</a></li></ul></nav></header>"""
ADS = """<aside class="advertisement"><p>Advertisement</p><p>Buy the new Widget Pro today and save
40 per cent on every order over fifty dollars.</p></aside>"""
COMMENTS = """<section id="comments" class="comments"><h3>Comments (3)</h3>
<div class="comment"><p>Reader42: This is the worst reporting I have ever seen, shame on you.</p></div>
<div class="comment"><p>Anon: Totally agree with the mayor, the bridge was a disgrace.</p></div>
</section><footer><p>Copyright 2026 Example Daily. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>"""


def article_page(title: str, paragraphs: list[str], *, charset: str | None = "utf-8",
                 author: str = "Jane Reporter", date: str = "2026-03-05",
                 canonical: str | None = None) -> str:
    """A news page: navigation, an ad, the article with its metadata, comments and a footer."""
    meta = f'<meta charset="{charset}">' if charset else ""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html><head>{meta}<title>{title} | Example Daily</title>{link}
<meta name="author" content="{author}"><meta property="article:published_time" content="{date}">
</head><body>{NAV}{ADS}<main><article><h1>{title}</h1><p class="byline">By {author}</p>
{body}</article></main>{COMMENTS}</body></html>"""


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    location: str | None = None
    delay: float = 0.0
    endless: bool = False  # send zeros in chunks until the client hangs up
    length: int | None = None  # a Content-Length to declare instead of the real one


class LocalSite:
    """A threaded HTTP server on 127.0.0.1 with routes set by the test. Use as a context manager."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.sent: dict[str, int] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                site._answer(self)

            def log_message(self, *_args) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> LocalSite:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, body: str | bytes, **route) -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(body=data, **route)
        return self.url(path)

    def redirect_chain(self, prefix: str, hops: int, target: str) -> str:
        """``prefix/hops`` redirects to ``prefix/hops-1`` ... and ``prefix/1`` to ``target``."""
        for n in range(1, hops + 1):
            location = target if n == 1 else f"{prefix}/{n - 1}"
            self.routes[f"{prefix}/{n}"] = Route(status=302, location=location, content_type=None)
        return self.url(f"{prefix}/{hops}")

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        route = self.routes.get(handler.path) or Route(status=404, body=b"<html><body>not here</body></html>")
        if route.delay:
            time.sleep(route.delay)
        try:
            handler.send_response(route.status)
            if route.content_type:
                handler.send_header("Content-Type", route.content_type)
            if route.location:
                handler.send_header("Location", route.location)
            if not route.endless:
                handler.send_header("Content-Length", str(route.length or len(route.body)))
            handler.end_headers()
            self._send_body(handler, route)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading, as it should for a huge page

    def _send_body(self, handler, route: Route) -> None:
        path = handler.path
        self.sent[path] = 0
        if not route.endless:
            handler.wfile.write(route.body)
            self.sent[path] = len(route.body)
            return
        chunk = b"<p>" + b"x" * 65530 + b"</p>"
        for _ in range(100_000):  # 6.5 GB: a client without a cap would never finish
            handler.wfile.write(chunk)
            self.sent[path] += len(chunk)


def simple_pdf(pages: list[list[str]], *, title: str | None = None) -> bytes:
    """A valid PDF with one text line per string, Helvetica 11 pt, one list per page."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * len(pages)
    kids = []
    for lines in pages:
        stream = _page_stream(lines)
        content = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
                        b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)))
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids)))
    info = add(b"<< /Title (%s) >>" % _pdf_string(title)) if title else None
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    return _assemble(objects, catalog, info)


def _page_stream(lines: list[str]) -> bytes:
    ops = [b"BT /F1 11 Tf 14 TL 72 740 Td"]
    for line in lines:
        ops.append(b"(%s) Tj T*" % _pdf_string(line))
    ops.append(b"ET")
    return zlib.compress(b"\n".join(ops))


def _pdf_string(text: str) -> bytes:
    data = text.encode("cp1252")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _assemble(objects: list[bytes], catalog: int, info: int | None) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    trailer += b" /Info %d 0 R >>" % info if info else b" >>"
    out += b"trailer\n" + trailer + b"\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
