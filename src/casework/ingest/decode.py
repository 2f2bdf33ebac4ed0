"""Bytes -> str, refusing what is not text."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from casework.errors import InputRejected

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > max(4, len(sample) // 100)


_RU_COMMON = set("оеаинтсрвлкмдпу")


def _legacy_cyrillic(data: bytes) -> tuple[str, str] | None:
    """cp1251 and koi8-r are common in this region and easy to tell apart by letter frequency."""
    best: tuple[float, str, str] | None = None
    for encoding in ("cp1251", "koi8_r"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        letters = [c for c in text if c.isalpha()]
        if not letters:
            return None
        score = sum(1 for c in letters if c in _RU_COMMON) / len(letters)
        if best is None or score > best[0]:
            best = (score, text, encoding)
    if best is not None and best[0] > 0.3:
        return best[1], best[2]
    return None


def _western(data: bytes) -> str | None:
    """Latin-1 / Windows-1252 text, when every non-ASCII character it gives is a letter or common sign.

    Central European cp1250 text read this way shows stray signs (³, ¹, ¿), so it falls through.
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    extra = [c for c in text if ord(c) > 127]
    ok = sum(1 for c in extra if c.isalpha() or c in "’‘“”–—…€£°«»·©®")
    return text if extra and ok == len(extra) else None


def _mostly_utf8(data: bytes) -> tuple[str, str] | None:
    """UTF-8 with the few bad bytes replaced, when nine in ten non-ASCII characters are valid UTF-8.

    One stray byte used to send a whole UTF-8 report to a legacy code page (Жапаров as mojibake);
    the encoding stored says how many bytes were replaced, so the reader is warned."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    valid = sum(1 for c in text if ord(c) > 127) - bad
    if bad > 0 and valid >= 9 * bad:
        return text, f"utf-8 ({bad} bad bytes)"
    return None


def decode_bytes(name: str, data: bytes) -> tuple[str, str]:
    """Return (text, encoding) or raise InputRejected naming the reason."""
    if not data.strip():
        raise InputRejected(name, "empty input")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise InputRejected(name, f"invalid {encoding} after byte-order mark") from exc
    if _looks_binary(data):
        raise InputRejected(name, "binary data, not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    cyrillic = _legacy_cyrillic(data)
    if cyrillic is not None:
        return cyrillic
    western = _western(data)
    if western is not None:
        return western, "cp1252"
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputRejected(name, "undecodable: no text encoding fits")
    return str(best), best.encoding
