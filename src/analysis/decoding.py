"""Bytes to text: UTF-8, UTF-16 with a BOM, the cp1252 fallback, and web pages decoded as browsers do."""

from __future__ import annotations

import codecs
import re

from .files import Unreadable

_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE
)


def decode(
    data: bytes, *, html: bool = False, advice: str = "re-save the file as UTF-8"
) -> tuple[str, str | None, int | None]:
    """Text, and a warning reason plus line when the cp1252 fallback was used."""
    if html:
        return _decode_html(data)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None, None
        except UnicodeDecodeError:
            raise Unreadable(f"starts like UTF-16 but is not valid UTF-16; {advice}") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise Unreadable(f"binary file (NUL byte at offset {nul}); not text, remove it or convert it to UTF-8 text")
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode("utf-8"), None, None
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
    try:
        text = data[skip:].decode("cp1252")
    except UnicodeDecodeError as exc:
        bad = skip + exc.start
        raise Unreadable(
            f"not text: not UTF-8 (byte 0x{data[offset]:02X} at offset {offset}) and byte 0x{data[bad]:02X} "
            f"at offset {bad} is not cp1252 either; remove the file or {advice}"
        ) from None
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\x0c")
    if controls > max(2, len(text) // 100):
        raise Unreadable("binary file (control bytes, not UTF-8); not text, remove it or convert it to UTF-8 text")
    line = data.count(b"\n", 0, offset) + 1
    reason = f"not valid UTF-8 (byte 0x{data[offset]:02X} at offset {offset}); read as cp1252, {advice} to silence this"
    return text, reason, line


# what browsers decode these labels as (WHATWG Encoding: latin-1 and ASCII pages are read as windows-1252)
_BROWSER_ENCODING = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso8859-1": "cp1252",
    "l1": "cp1252",
}


def _decode_html(data: bytes) -> tuple[str, str | None, int | None]:
    """A web page decoded as a browser would: BOM, declared charset, then detection.

    Bytes invalid in the chosen encoding become U+FFFD one by one (never the whole page
    re-decoded in another encoding), NUL bytes are dropped; only a file that is mostly
    NUL or control bytes is refused as binary.
    """
    nuls = data.count(b"\x00")
    if nuls and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if nuls > len(data) // 10:
            raise Unreadable(
                f"binary file ({nuls} NUL bytes of {len(data)}); not a web page, remove it or save the page again"
            )
        data = data.replace(b"\x00", b"")
    for bom, bom_encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return _decode_replacing(data, bom_encoding, f"starts with a {bom_encoding} byte-order mark")
    declared = _CHARSET.search(data[:8192])
    if declared:
        label = (declared.group(1) or declared.group(2)).decode("ascii", "replace").lower()
        try:
            encoding: str | None = codecs.lookup(_BROWSER_ENCODING.get(label, label)).name
        except LookupError:
            encoding = None
        if encoding:
            return _decode_replacing(data, encoding, f"declares charset {label}")
    try:
        return data.decode("utf-8"), None, None
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # a broken install: the browsers' own default for undeclared pages
        best = None
    else:
        best = from_bytes(data).best()
    encoding = best.encoding if best is not None else "cp1252"
    text, _, _ = _decode_replacing(data, encoding, "")
    return (
        text,
        (
            f"declares no charset and is not UTF-8; decoded as {encoding} (detected), "
            f"check its accents or add <meta charset> to the page"
        ),
        None,
    )


def _decode_replacing(data: bytes, encoding: str, why: str) -> tuple[str, str | None, int | None]:
    try:
        return data.decode(encoding), None, None
    except UnicodeDecodeError as exc:
        offset = exc.start
    text = data.decode(encoding, errors="replace")
    line = data.count(b"\n", 0, offset) + 1
    return (
        text,
        (
            f"{why} but byte 0x{data[offset]:02X} at offset {offset} is not {encoding}; "
            f"invalid bytes shown as \ufffd, as browsers do"
        ),
        line,
    )
