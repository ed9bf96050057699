"""Download one web address with firm limits, or refuse it with one clear line.

``fetch_url(url, *, progress)`` follows at most ``FetchLimits.max_redirects`` redirects by hand
(so every hop is checked: http and https only), streams the body in chunks and stops as soon as
it passes ``FetchLimits.max_bytes`` (a ``Content-Length`` over the cap is refused before any body
is read), and checks ``progress.cancelled()`` between chunks. Connect and read timeouts come from
httpx; ``FetchLimits.total_seconds`` also ends a page that trickles in forever.

Every expected failure is an ``InputError`` whose message starts with the address, e.g.
``https://x.test/a: the site's name was not found (x.test)``. httpx is imported inside the
function: start-up does not pay for it.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import urljoin, urlsplit

from storydiff.core.errors import Cancelled, InputError
from storydiff.core.progress import NullProgress, Progress

USER_AGENT = "StoryDiff/0.1 (article comparison; +offline desktop tool)"
_ACCEPT = "text/html,application/xhtml+xml,application/pdf;q=0.9,text/plain;q=0.8,*/*;q=0.5"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
# How often a waiting download looks at the Cancel button.
_POLL_SECONDS = 0.05


@dataclass(frozen=True)
class FetchLimits:
    """How long and how much a download may take: seconds and bytes."""

    connect_seconds: float = 10.0
    read_seconds: float = 20.0  # longest silence between two pieces of the answer
    total_seconds: float = 90.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5


@dataclass(frozen=True)
class Fetched:
    """A downloaded answer: the raw ``data``, where it ended up and when.

    ``content_type`` is the media type without parameters (lower case, may be ``""``);
    ``charset`` the one the header declares, if any; ``retrieved`` ISO 8601 UTC;
    ``raw_sha256`` the hex sha256 of ``data``.
    """

    url: str
    final_url: str
    data: bytes
    content_type: str
    charset: str | None
    retrieved: str
    raw_sha256: str


def check_url(url: str) -> str:
    """``url`` stripped, or ``InputError`` unless it is an http or https address with a host."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        shown = f"'{parts.scheme}:'" if parts.scheme else "no scheme"
        raise InputError(f"{url}: only http:// and https:// addresses can be imported ({shown})")
    if not parts.hostname:
        raise InputError(f"{url}: the address has no site name")
    return url


def looks_like_url(text: str) -> bool:
    """Whether ``text`` is one http(s) address (what a browser drop or a command line gives)."""
    text = text.strip()
    return (
        " " not in text
        and "\n" not in text
        and urlsplit(text).scheme.lower() in ("http", "https")
        and bool(urlsplit(text).hostname)
    )


def fetch_url(url: str, *, limits: FetchLimits = FetchLimits(), progress: Progress | None = None) -> Fetched:
    """Download ``url`` within ``limits``; ``progress`` gets the share of bytes received.

    Raises ``InputError`` (one line, starting with ``url``) on every expected failure and
    ``Cancelled`` when ``progress.cancelled()`` turns True.
    """
    progress = progress or NullProgress()
    url = check_url(url)
    return _cancellable(lambda: _download(url, limits, progress), progress)


def _cancellable(work, progress: Progress):
    """``work()`` on a helper thread, abandoned at once when ``progress`` is cancelled.

    A blocked socket (a server that has not answered yet) cannot be interrupted; the helper
    thread ends by itself at the next chunk or timeout, and its result is dropped.
    """
    outcome: dict[str, object] = {}
    done = threading.Event()

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # handed to the calling thread below
            outcome["error"] = error
        finally:
            done.set()

    threading.Thread(target=run, name="storydiff-download", daemon=True).start()
    while not done.wait(_POLL_SECONDS):
        if progress.cancelled():
            raise Cancelled("cancelled")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def _download(url: str, limits: FetchLimits, progress: Progress) -> Fetched:
    import httpx

    timeout = httpx.Timeout(limits.read_seconds, connect=limits.connect_seconds)
    headers = {"User-Agent": USER_AGENT, "Accept": _ACCEPT}
    deadline = time.monotonic() + limits.total_seconds
    try:
        with httpx.Client(timeout=timeout, headers=headers, follow_redirects=False) as client:
            return _follow(client, url, limits, deadline, progress)
    except httpx.HTTPError as error:
        raise InputError(f"{url}: {_explain(error, limits)}") from None


def _follow(client, url: str, limits: FetchLimits, deadline: float, progress: Progress) -> Fetched:
    current = url
    for _hop in range(limits.max_redirects + 1):
        if progress.cancelled():
            raise Cancelled("cancelled")
        with client.stream("GET", current) as response:
            if response.status_code in _REDIRECTS and "location" in response.headers:
                current = _next_hop(url, current, response.headers["location"])
                continue
            _check_status(url, response)
            data = _read_body(url, response, limits, deadline, progress)
            return _fetched(url, str(response.url), response.headers.get("content-type", ""), data)
    raise InputError(f"{url}: more than {limits.max_redirects} redirects; open it in a browser "
                     "and import the final address")


def _next_hop(url: str, current: str, location: str) -> str:
    target = urljoin(current, location)
    scheme = urlsplit(target).scheme.lower()
    if scheme not in ("http", "https"):
        raise InputError(f"{url}: redirected to a '{scheme}:' address, which cannot be imported")
    return target


def _check_status(url: str, response) -> None:
    if response.status_code < 400 and response.status_code not in _REDIRECTS:
        return
    phrase = response.reason_phrase or ""
    status = f"{response.status_code} {phrase}".strip()
    if response.status_code in _REDIRECTS:
        raise InputError(f"{url}: the server answered {status} without saying where to")
    side = "the page was not found or is not public" if response.status_code < 500 else "the site has a problem"
    raise InputError(f"{url}: the server answered {status} ({side})")


def _read_body(url: str, response, limits: FetchLimits, deadline: float, progress: Progress) -> bytes:
    """The body, stopped as soon as it passes the cap or the deadline."""
    declared = _declared_length(response)
    if declared is not None and declared > limits.max_bytes:
        raise InputError(f"{url}: {_size(declared)} is over the {_size(limits.max_bytes)} limit")
    chunks, received = [], 0
    for chunk in response.iter_bytes(_CHUNK):
        received += len(chunk)
        if received > limits.max_bytes:
            raise InputError(f"{url}: the page is over the {_size(limits.max_bytes)} limit "
                             "(download stopped)")
        if time.monotonic() > deadline:
            raise InputError(f"{url}: too slow: not complete after {limits.total_seconds:g} s")
        if progress.cancelled():
            raise Cancelled("cancelled")
        chunks.append(chunk)
        progress.report(received / (declared or limits.max_bytes), f"{_size(received)} received")
    return b"".join(chunks)


def _declared_length(response) -> int | None:
    try:
        return int(response.headers["content-length"])
    except (KeyError, ValueError):
        return None


def _fetched(url: str, final_url: str, content_type: str, data: bytes) -> Fetched:
    media, _, params = content_type.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.lower() == "charset" and value.strip('"\' '):
            charset = value.strip('"\' ')
    retrieved = datetime.now(timezone.utc).isoformat(timespec="seconds")
    return Fetched(url, final_url, data, media.strip().lower(), charset, retrieved,
                   hashlib.sha256(data).hexdigest())


def _explain(error: Exception, limits: FetchLimits) -> str:
    """One plain line for an httpx failure."""
    import httpx

    text = str(error)
    if isinstance(error, httpx.ConnectTimeout):
        return f"the site did not answer within {limits.connect_seconds:g} s"
    if isinstance(error, httpx.TimeoutException):
        return f"too slow: no data for {limits.read_seconds:g} s"
    if isinstance(error, httpx.ConnectError):
        lowered = text.lower()
        if any(m in lowered for m in ("name or service", "nodename", "getaddrinfo", "no address", "name resolution")):
            return "the site's name was not found (check the address, or the network)"
        if "refused" in lowered:
            return "the connection was refused (nothing answers at that address)"
        if "ssl" in lowered or "certificate" in lowered:
            return f"the secure connection failed ({text})"
        return f"cannot connect ({text or type(error).__name__})"
    if isinstance(error, httpx.RemoteProtocolError):
        return f"the server broke off the answer ({text or 'protocol error'})"
    return f"download failed ({text or type(error).__name__})"


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1024 ** 2:.1f}".removesuffix(".0") + " MB"
