"""Downloading and extracting versions from web addresses, against a local server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import socket
import time

import pytest
from import_support import LocalSite, article_page, simple_pdf

from storydiff.core.errors import Cancelled, InputError
from storydiff.ingest.fetch import FetchLimits, _explain, check_url, fetch_url, looks_like_url
from storydiff.ingest.imports import import_sources, import_url, url_label

PARAGRAPHS = [
    "The city council voted on Tuesday to close the Harbour Bridge for two years of repairs.",
    "\u201cThe bridge is no longer safe for heavy traffic,\u201d Mayor Ana Ruiz said after the vote.",
    "Engineers found cracks in three of the bridge\u2019s eight steel supports during an inspection in May.",
    "Repairs will cost an estimated $48 million, paid for by the state and the city.",
]
QUICK = FetchLimits(connect_seconds=2, read_seconds=0.5, total_seconds=5, max_bytes=1024 * 1024)


pytestmark = pytest.mark.usefixtures("no_proxy")  # every test, not only those with a site (conftest)


def article(site: LocalSite, path: str = "/news/bridge-closes") -> str:
    html = article_page("Harbour Bridge to close for repairs", PARAGRAPHS, canonical=site.url(path))
    return site.page(path, html)


def test_article_page_keeps_the_story_and_drops_navigation_ads_and_comments(site):
    url = article(site)
    imported = import_url(url)
    text, doc = imported.document.text, imported.document
    positions = [text.index(p) for p in PARAGRAPHS]
    assert positions == sorted(positions)
    for chrome in ("Politics", "Subscribe", "Widget Pro", "worst reporting", "Privacy policy", "Copyright"):
        assert chrome not in text
    assert doc.title == "Harbour Bridge to close for repairs"
    assert doc.author == "Jane Reporter" and doc.date == "2026-03-05"
    assert doc.canonical_url == url and doc.final_url == url and doc.source == url
    assert doc.raw_sha256 == hashlib.sha256(site.routes["/news/bridge-closes"].body).hexdigest()
    assert doc.retrieved.endswith("+00:00")
    assert imported.label == "127.0.0.1: Harbour Bridge to close for repairs"


def test_whole_page_text_brings_back_what_extraction_left_out(site):
    imported = import_url(article(site))
    whole = imported.reextract(whole_page=True)
    assert "worst reporting" in whole.text and PARAGRAPHS[2] in whole.text
    assert whole.raw_sha256 == imported.document.raw_sha256 and whole.final_url == imported.document.final_url


def test_redirects_within_the_limit_are_followed(site):
    target = article(site)
    start = site.redirect_chain("/hop", 5, "/news/bridge-closes")
    doc = import_url(start, limits=QUICK).document
    assert doc.source == start and doc.final_url == target
    assert PARAGRAPHS[0] in doc.text


def test_more_than_five_redirects_are_refused(site):
    article(site)
    start = site.redirect_chain("/loop", 6, "/news/bridge-closes")
    with pytest.raises(InputError, match=r"^http://127\.0\.0\.1:\d+/loop/6: more than 5 redirects"):
        fetch_url(start, limits=QUICK)


def test_redirect_to_another_scheme_is_refused(site):
    url = site.page("/to-ftp", b"", status=301, location="ftp://127.0.0.1/file", content_type=None)
    with pytest.raises(InputError, match="redirected to a 'ftp:' address"):
        fetch_url(url, limits=QUICK)


def test_slow_page_times_out_with_a_clear_message(site):
    url = site.page("/slow", article_page("Slow", PARAGRAPHS), delay=2.0)
    began = time.monotonic()
    with pytest.raises(InputError, match=r"/slow: too slow: no data for 0\.5 s$"):
        fetch_url(url, limits=QUICK)
    assert time.monotonic() - began < 1.9


def test_huge_page_is_stopped_early_not_read_whole(site):
    url = site.page("/huge", b"", endless=True)
    with pytest.raises(InputError, match=r"/huge: the page is over the 1 MB limit \(download stopped\)$"):
        fetch_url(url, limits=QUICK)
    time.sleep(0.2)  # the server notices the closed connection on its next write
    assert site.sent["/huge"] < 20 * 1024 * 1024


def test_declared_size_over_the_cap_is_refused_before_reading(site):
    url = site.page("/big", b"<html></html>", length=50 * 1024 * 1024)
    with pytest.raises(InputError, match=r"/big: 50 MB is over the 1 MB limit$"):
        fetch_url(url, limits=QUICK)


@pytest.mark.parametrize(("status", "words"), [(404, "404 Not Found (the page was not found or is not public)"),
                                               (500, "500 Internal Server Error (the site has a problem)")])
def test_http_errors_name_the_status(site, status, words):
    url = site.page(f"/e{status}", b"<html><body>error</body></html>", status=status)
    with pytest.raises(InputError) as caught:
        import_url(url, limits=QUICK)
    assert str(caught.value) == f"{url}: the server answered {words}"


def test_pdf_served_as_a_link_is_read_as_a_pdf(site):
    lines = ["Harbour Bridge to close", "", "The council voted on Tuesday to close the bridge for repairs.",
             "Mayor Ana Ruiz said the bridge was no longer safe."]
    url = site.page("/report.pdf", simple_pdf([lines]), content_type="application/pdf")
    imported = import_url(url, limits=QUICK)
    assert imported.kind == "pdf" and imported.document.encoding == "pdf"
    assert "The council voted on Tuesday to close the bridge for repairs." in imported.document.text
    assert imported.document.text.index("council") < imported.document.text.index("Mayor")


def test_cp1252_page_without_a_declared_charset(site):
    paragraphs = [p.replace("$48", "\u20ac48") for p in PARAGRAPHS] + ["The caf\u00e9 on the quay will stay open."]
    body = article_page("Caf\u00e9 stays open", paragraphs, charset=None).encode("cp1252")
    url = site.page("/cp1252", body, content_type="text/html")
    doc = import_url(url, limits=QUICK).document
    assert "\u201cThe bridge is no longer safe" in doc.text
    assert "\u20ac48 million" in doc.text and "caf\u00e9 on the quay" in doc.text
    assert doc.encoding == "cp1252"


def test_charset_from_the_http_header_is_used(site):
    body = article_page("Zagreb", ["Gradsko vije\u0107e je u utorak glasalo o zatvaranju mosta zbog popravaka."
                                   " Gradona\u010delnica je rekla da most vi\u0161e nije siguran za promet."],
                        charset=None).encode("cp1250")
    url = site.page("/cp1250", body, content_type="text/html; charset=windows-1250")
    assert "Gradona\u010delnica" in import_url(url, limits=QUICK).document.text


def test_page_without_article_text(site):
    # A page drawn by script: nothing to read without running it (which StoryDiff never does).
    url = site.page("/empty", "<html><head><title>App</title></head><body><div id='root'></div>"
                              "<script>document.getElementById('root').innerText = 'story';</script></body></html>")
    with pytest.raises(InputError, match="/empty: no article text found in this web page$"):
        import_url(url, limits=QUICK)


def test_not_a_web_page(site):
    url = site.page("/photo", b"\x89PNG\r\n\x1a\n" + bytes(100), content_type="image/png")
    with pytest.raises(InputError, match=r"/photo: is not a web page or a document \(the server sent image/png\)$"):
        import_url(url, limits=QUICK)


def test_refused_connection():
    with socket.socket() as probe:  # a port on 127.0.0.1 that nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/story"
    with pytest.raises(InputError, match=r"^http://127\.0\.0\.1:\d+/story: the connection was refused"):
        fetch_url(url, limits=QUICK)


def test_name_not_found_message():
    import httpx

    error = httpx.ConnectError("[Errno -2] Name or service not known")
    assert _explain(error, QUICK) == "the site's name was not found (check the address, or the network)"


@pytest.mark.parametrize("url", ["ftp://example.org/a", "file:///etc/passwd", "javascript:alert(1)", "example.org"])
def test_only_http_and_https(url):
    with pytest.raises(InputError, match="only http:// and https:// addresses can be imported"):
        check_url(url)
    assert not looks_like_url(url)


def test_looks_like_url():
    assert looks_like_url(" https://example.org/news/a?b=1 \n")
    assert not looks_like_url("https://example.org/a and more words")


def test_several_sources_in_order_with_failures_collected(site):
    good = article(site)
    missing = site.url("/missing")
    batch = import_sources((good, missing, good), limits=QUICK)
    assert [i.document.source for i in batch.imported] == [good, good]
    assert batch.failures == (f"{missing}: the server answered 404 Not Found (the page was not found or is not public)",)


class _CancelAfterFirst:
    def __init__(self) -> None:
        self.reports = 0

    def report(self, fraction: float, message: str = "") -> None:
        self.reports += 1

    def cancelled(self) -> bool:
        return self.reports > 0


def test_cancel_stops_a_download(site):
    url = site.page("/endless", b"", endless=True)
    with pytest.raises(Cancelled):
        fetch_url(url, limits=QUICK, progress=_CancelAfterFirst())


def test_url_label():
    assert url_label(None, "https://www.example.org/news/bridge-closes.html") == "example.org: bridge-closes"
    assert url_label("A" * 100, "https://example.org/").endswith("\u2026")
    assert url_label(None, "https://example.org/") == "example.org"


class _CancelAt:
    def __init__(self, when: float) -> None:
        self.when = when

    def report(self, fraction: float, message: str = "") -> None:
        pass

    def cancelled(self) -> bool:
        return time.monotonic() >= self.when


def test_cancel_is_immediate_while_the_server_has_not_answered(site):
    url = site.page("/sleepy", article_page("Slow", PARAGRAPHS), delay=3.0)
    began = time.monotonic()
    with pytest.raises(Cancelled):
        fetch_url(url, limits=FetchLimits(read_seconds=10), progress=_CancelAt(began + 0.2))
    assert time.monotonic() - began < 1.0
