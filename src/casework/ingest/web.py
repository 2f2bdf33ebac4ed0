"""Fetch http(s) URLs with timeouts, a size cap, few redirects, and no private addresses by default."""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from casework import __version__
from casework.errors import InputRejected
from casework.ingest.loader import MAX_BYTES, RawInput


@dataclass(frozen=True)
class FetchPolicy:
    timeout: float = 20.0
    max_bytes: int = MAX_BYTES
    max_redirects: int = 5
    allow_private: bool = False


def is_url(arg: str) -> bool:
    return arg.lower().startswith(("http://", "https://"))


def _embedded_ipv4(address: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses an IPv6 one carries (mapped, compatible, 6to4, NAT64, Teredo): each reaches that host."""
    out = [a for a in (address.ipv4_mapped, address.sixtofour) if a is not None]
    if address.teredo is not None:
        out.append(address.teredo[1])
    packed = int(address)
    if packed >> 32 == 0 or address in _NAT64:  # ::a.b.c.d (deprecated "compatible") and 64:ff9b::/96
        out.append(ipaddress.IPv4Address(packed & 0xFFFFFFFF))
    return out


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def _refused(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if not address.is_global:
        return True
    if isinstance(address, ipaddress.IPv6Address):
        return any(not a.is_global for a in _embedded_ipv4(address))
    return False


def _split(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of a URL, or InputRejected for one that is malformed."""
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError as exc:  # "http://[::1/", "http://x:99999/"
        raise InputRejected(url, f"malformed URL ({exc})") from None
    if parts.scheme not in ("http", "https"):
        raise InputRejected(url, f"only http and https URLs are fetched, not {parts.scheme or 'none'}")
    if not host:
        raise InputRejected(url, "URL has no host")
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80)


def _check_target(url: str, policy: FetchPolicy) -> str | None:
    """Refuse what may not be fetched; return the address that was checked, to connect to it and no
    other (a second lookup by the client could answer differently: DNS rebinding)."""
    _scheme, host, port = _split(url)
    if policy.allow_private:
        return None
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise InputRejected(url, f"host not found ({exc.strerror})") from None
    except (UnicodeError, ValueError) as exc:
        raise InputRejected(url, f"malformed URL ({exc})") from None
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if _refused(address):
            # A report URL pointing inside the network is how a crawler gets turned against it.
            raise InputRejected(
                url, f"refused: {host} is a private or loopback address (use --allow-private)"
            )
    return str(infos[0][4][0]) if infos else None


def _pinned(url: str, address: str | None) -> tuple[str, dict[str, str], dict[str, str]]:
    """(URL to connect to, extra headers, request extensions): the checked address in place of the name,
    with the name kept for the Host header and for TLS (SNI and certificate check)."""
    if address is None:
        return url, {}, {}
    parts = urlsplit(url)
    host = parts.hostname or ""
    literal = f"[{address}]" if ":" in address else address
    netloc = literal + (f":{parts.port}" if parts.port else "")
    host_header = (f"[{host}]" if ":" in host else host) + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc)), {"Host": host_header}, {"sni_hostname": host}


@dataclass(frozen=True)
class Fetched:
    """A conditional GET's answer: the page (None when the server said 304 Not Modified) and the
    validators to send next time."""

    raw: RawInput | None
    etag: str | None = None
    last_modified: str | None = None


def fetch(url: str, policy: FetchPolicy) -> RawInput:
    """GET one URL; every hop of a redirect is checked like the first; `timeout` bounds the whole fetch."""
    raw = fetch_if_changed(url, policy).raw
    assert raw is not None  # no validators were sent, so no 304 can come back
    return raw


def fetch_if_changed(
    url: str, policy: FetchPolicy, etag: str | None = None, last_modified: str | None = None
) -> Fetched:
    """fetch(), sending If-None-Match / If-Modified-Since when the last answer gave validators."""
    headers = {"User-Agent": f"casework/{__version__} (+research; detention reports)"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    current = url
    deadline = time.monotonic() + policy.timeout

    def left() -> float:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise httpx.TimeoutException("whole-fetch deadline")
        return remaining

    try:
        with httpx.Client(timeout=policy.timeout, follow_redirects=False, headers=headers) as client:
            for _hop in range(policy.max_redirects + 1):
                target, extra, extensions = _pinned(current, _check_target(current, policy))
                with client.stream(
                    "GET", target, headers=extra, extensions=extensions, timeout=left()
                ) as response:
                    if response.status_code == 304 and (etag or last_modified):
                        return Fetched(None, etag, last_modified)
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise InputRejected(url, f"HTTP {response.status_code} without a Location")
                        current = urljoin(current, location)
                        continue
                    if response.status_code >= 400:
                        raise InputRejected(url, f"HTTP {response.status_code} {response.reason_phrase}")
                    declared = int(response.headers.get("content-length") or 0)
                    if declared > policy.max_bytes:
                        raise InputRejected(url, f"too large ({declared} bytes, limit {policy.max_bytes})")
                    body = bytearray()
                    for chunk in response.iter_bytes():
                        body.extend(chunk)
                        if len(body) > policy.max_bytes:
                            raise InputRejected(url, f"too large (over {policy.max_bytes} bytes)")
                        left()  # a server dripping a byte at a time keeps each read short, not the fetch
                    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
                    raw = RawInput(
                        name=url,
                        data=bytes(body),
                        path=None,
                        url=str(httpx.URL(current)),  # as the server was asked, by name
                        kind="url",
                        format="html" if "html" in ctype else None,
                    )
                    return Fetched(raw, response.headers.get("etag"), response.headers.get("last-modified"))
            raise InputRejected(url, f"more than {policy.max_redirects} redirects")
    except httpx.TimeoutException:
        raise InputRejected(url, f"timed out after {policy.timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise InputRejected(url, f"fetch failed ({type(exc).__name__})") from None
    except (httpx.InvalidURL, ValueError) as exc:  # a Location such as "http://[::1" or a bad port
        raise InputRejected(url, f"malformed URL on the way ({exc})") from None
