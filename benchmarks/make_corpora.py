"""Build the large benchmark corpora from ../shared/data (outside the repository).

    python benchmarks/make_corpora.py bbc-replica --articles 100000 --out /tmp/bbc100k
    python benchmarks/make_corpora.py reuters --out /tmp/reuters

bbc-replica: copies of the 2,225 BBC articles as ``<category>/copy-NNN/<file>.txt`` until
``--articles`` are written; each copy's title gets " (copy NNN)" so the articles have distinct
doc_ids and texts (otherwise every copy would be flagged as an exact duplicate).
reuters: the 21,578 Reuters-21578 SGML records as JSON Lines (title, text, published, topics,
places), one file per SGML file, so the project's ordinary JSONL loader reads them.
"""

from __future__ import annotations

import argparse
import html
import json
import re
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def bbc_replica(out: Path, articles: int, source: Path = SHARED / "bbc_news") -> int:
    files = sorted(source.glob("*/*.txt"))
    written = 0
    copy = 0
    while written < articles:
        for path in files:
            if written >= articles:
                break
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("cp1252")
            title, _, body = text.partition("\n")
            target = out / path.parent.name / f"copy-{copy:03d}" / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"{title.strip()} (copy {copy:03d})\n{body}", encoding="utf-8")
            written += 1
        copy += 1
    return written


_RECORD = re.compile(r"<REUTERS(?P<attrs>[^>]*)>(?P<body>.*?)</REUTERS>", re.S)


def _field(record: str, tag: str) -> str:
    match = re.search(rf"<{tag}[^>]*>(.*?)</{tag}>", record, re.S)
    return html.unescape(match.group(1)).replace("\x03", "").strip() if match else ""


def _items(record: str, tag: str) -> list[str]:
    block = _field(record, tag)
    return re.findall(r"<D>(.*?)</D>", block)


def reuters(out: Path, source: Path = SHARED / "reuters21578") -> int:
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for sgm in sorted(source.glob("reut2-*.sgm")):
        rows = []
        for match in _RECORD.finditer(sgm.read_text(encoding="latin-1")):
            record = match.group("body")
            newid = re.search(r'NEWID="(\d+)"', match.group("attrs")).group(1)
            # the bodies are hard-wrapped at ~70 columns; a paragraph starts with an indent
            paragraphs = re.split(r"\n[ \t]+", _field(record, "BODY"))
            body = "\n\n".join(re.sub(r"\s+", " ", p).strip() for p in paragraphs if p.strip())
            rows.append(
                {
                    "id": f"reuters-{newid}",
                    "title": _field(record, "TITLE"),
                    "text": body,
                    "published": _field(record, "DATE"),
                    "topics": ";".join(_items(record, "TOPICS")),
                    "places": ";".join(_items(record, "PLACES")),
                    "source": "Reuters",
                }
            )
        (out / f"{sgm.stem}.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        count += len(rows)
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("which", choices=["bbc-replica", "reuters"])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    if args.which == "bbc-replica":
        print(f"wrote {bbc_replica(args.out, args.articles):,} articles to {args.out}")
    else:
        print(f"wrote {reuters(args.out):,} records to {args.out}")


if __name__ == "__main__":
    main()
