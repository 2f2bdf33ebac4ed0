"""Fetch http(s) URLs with timeouts, a size cap, few redirects, and no private addresses by default."""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

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


def _check_target(url: str, policy: FetchPolicy) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputRejected(url, f"only http and https URLs are fetched, not {parts.scheme or 'none'}")
    host = parts.hostname
    if not host:
        raise InputRejected(url, "URL has no host")
    if policy.allow_private:
        return
    try:
        infos = socket.getaddrinfo(host, parts.port or (443 if parts.scheme == "https" else 80))
    except socket.gaierror as exc:
        raise InputRejected(url, f"host not found ({exc.strerror})") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global:
            # A report URL pointing inside the network is how a crawler gets turned against it.
            raise InputRejected(
                url, f"refused: {host} is a private or loopback address (use --allow-private)"
            )


def fetch(url: str, policy: FetchPolicy) -> RawInput:
    """GET one URL; every hop of a redirect is checked like the first."""
    headers = {"User-Agent": f"casework/{__version__} (+research; detention reports)"}
    current = url
    try:
        with httpx.Client(timeout=policy.timeout, follow_redirects=False, headers=headers) as client:
            for _hop in range(policy.max_redirects + 1):
                _check_target(current, policy)
                with client.stream("GET", current) as response:
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
                    ctype = response.headers.get("content-type", "").split(";")[0].strip().lower()
                    return RawInput(
                        name=url,
                        data=bytes(body),
                        path=None,
                        url=str(response.url),
                        kind="url",
                        format="html" if "html" in ctype else None,
                    )
            raise InputRejected(url, f"more than {policy.max_redirects} redirects")
    except httpx.TimeoutException:
        raise InputRejected(url, f"timed out after {policy.timeout:g} s") from None
    except httpx.HTTPError as exc:
        raise InputRejected(url, f"fetch failed ({type(exc).__name__})") from None
