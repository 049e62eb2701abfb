"""Saved web pages (``.html``, ``.htm``): main text, title, date, URL and site name, with trafilatura, offline."""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator

from ..cleanup import clean, one_line, strip_site_suffix, title_and_body
from .registry import Problem, ReadOptions, Record, Source, category_of, file_stem, first_line, register

HTML_SUFFIXES = (".html", ".htm")


@register(*HTML_SUFFIXES, decoding="html")
def read_html(source: Source, options: ReadOptions) -> Iterator[Record | Problem]:
    """One article from a page; a page where trafilatura finds no article text is an error row."""
    rel, text = source.rel, source.text()
    trafilatura = _import_trafilatura(options.memo)
    if trafilatura is None:
        yield Problem(rel, None, "error", options.memo["trafilatura_error"])
        return
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    page_limit = 4 * options.max_article_bytes if options.max_article_bytes else None
    if page_limit and len(text) > page_limit:
        # markup is several times its text; past that, parsing costs minutes and gigabytes
        yield Problem(
            rel,
            None,
            "warning",
            f"page is {len(text) / 1e6:,.1f} million characters, over 4 x max_article_bytes; "
            f"only its first {page_limit / 1e6:,.1f} million parsed",
        )
        text = text[:page_limit]
    from dateutil.parser import UnknownTimezoneWarning

    try:
        with warnings.catch_warnings():
            # htmldate parses "... EST" with dateutil, which warns on the terminal; the date stays naive
            warnings.simplefilter("ignore", UnknownTimezoneWarning)
            doc = trafilatura.bare_extraction(
                text,
                with_metadata=True,
                include_comments=False,
                include_images=False,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
    except Exception as exc:  # trafilatura/lxml raise many kinds on odd markup
        yield Problem(
            rel, None, "error", f"trafilatura could not parse the page ({type(exc).__name__}); nothing loaded"
        )
        return
    if doc is not None and not isinstance(doc, dict):
        doc = doc.as_dict()
    body = (doc or {}).get("text") or ""
    cleaned = clean(body.replace("\n", "\n\n"), options.drop_line)
    if not cleaned:
        yield Problem(rel, None, "error", "trafilatura found no article text in this page; nothing loaded")
        return
    title = one_line(doc.get("title"))
    site, url = one_line(doc.get("sitename")), one_line(doc.get("url"))
    if title and options.strip_site_suffix is not False:
        title = strip_site_suffix(title, site, url)
    title, body, _ = title_and_body(title, cleaned)
    yield Record(
        doc_id=file_stem(rel),
        title=title,
        body=body,
        published=doc.get("date"),
        source=site,
        url=url,
        category=category_of(rel),
        path=rel,
        alternative_id=rel,
    )


def _import_trafilatura(memo: dict):
    """trafilatura, or None with ``memo["trafilatura_error"]`` set (then each page is one error row)."""
    if "trafilatura_error" in memo:
        return None
    try:
        import trafilatura
    except ImportError as exc:  # e.g. lxml_html_clean left out by an old pip
        missing = getattr(exc, "name", None) or first_line(exc)
        memo["trafilatura_error"] = (
            f"cannot read web pages: trafilatura does not import ({first_line(exc)}); "
            f"install the missing package ({missing}) with pip, then run again"
        )
        return None
    return trafilatura
