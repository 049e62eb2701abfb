"""A folder of real export shapes, side by side, prepares and runs with no traceback.

Every file is written here, with the field names of the tools that produce such exports
(news-please, NewsAPI, a GDELT DOC artlist, a scraper's JSON Lines, an RSS feed, a CMS's CSV and
Parquet with odd columns and dates); the texts are ours.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import cli
from analysis.load import load_articles
from analysis.prepare import Corpus

HARBOUR = (
    "Ministers from both countries agreed on Friday to rebuild the old harbour wall, ending a dispute that "
    'had lasted more than a year. "This is a good day for the town," said Mayor Ana Lopez. The deal covers '
    "new cranes, a ferry terminal and two miles of road, and the work is due to take three years."
)
BRIDGE = (
    "The river bridge reopened on Saturday after six months of repairs. Drivers queued from dawn, and the "
    "council said traffic in the town centre should ease within a week. Shops on Mill Street reported "
    "their best morning since the spring, though some owners warned the repairs had cost them dearly."
)
FERRY = (
    "Ferry fares will rise by a tenth from April, the operator said on Monday, blaming fuel costs. "
    "Passenger groups called the rise unfair and asked the regulator to step in before the summer season."
)
GERMAN = (
    "Die Regierung hat am Freitag beschlossen, die alte Hafenmauer wieder aufzubauen. Nach Jahren des "
    "Streits sagte der Minister, der Plan koste rund zehn Prozent mehr als erwartet."
)
HTML = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Bridge reopens | River Post</title>
<meta property="og:site_name" content="River Post"><meta property="article:published_time" content="2019-02-02T09:00:00Z">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Bridge reopens</h1><p>{BRIDGE}</p><p>Repairs were paid for by the county.</p></article>
<footer>Copyright River Post. All rights reserved.</footer></body></html>"""


def write_mixed(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plain.txt").write_text(f"Harbour deal agreed\n\n{HARBOUR}\n")
    (folder / "front.txt").write_text(
        f"---\npublished: 27 November 2026\nsource: Harbour Times\n---\nFerry fares to rise\n\n{FERRY}\n"
    )
    (folder / "german.txt").write_text(f"Hafenmauer wird neu gebaut\n\n{GERMAN}\n")
    (folder / "page.html").write_text(HTML)
    (folder / "news-please.json").write_text(
        json.dumps(
            {
                "authors": ["Ben Okoro"],
                "date_download": "2019-02-02 08:00:00",
                "date_modify": None,
                "date_publish": "2019-02-01 15:15:00",
                "description": None,
                "filename": "deal.json",
                "image_url": None,
                "language": "en",
                "localpath": None,
                "maintext": HARBOUR,
                "source_domain": "harbour.example",
                "title": "Harbour wall to be rebuilt",
                "title_page": None,
                "title_rss": None,
                "url": "https://harbour.example/deal",
            }
        )
    )
    (folder / "newsapi.json").write_text(
        json.dumps(
            {
                "status": "ok",
                "totalResults": 2,
                "articles": [
                    {
                        "source": {"id": None, "name": "River Post"},
                        "author": None,
                        "title": "Fares up by a tenth",
                        "description": "Ferry fares will rise.",
                        "url": "https://river.example/fares",
                        "urlToImage": None,
                        "publishedAt": "2019-02-04T07:00:00Z",
                        "content": FERRY[:180] + "… [+512 chars]",
                    },
                    {
                        "source": {"id": "bbc-news", "name": "BBC News"},
                        "author": "A. Writer",
                        "title": "Bridge open again",
                        "description": None,
                        "url": "https://bbc.example/bridge",
                        "urlToImage": None,
                        "publishedAt": "2019-02-02T10:00:00+01:00",
                        "content": BRIDGE,
                    },
                ],
            }
        )
    )
    (folder / "scraped.jsonl").write_text(
        "\n".join(
            json.dumps(row)
            for row in [
                {
                    "headline": "Harbour deal",
                    "body": HARBOUR,
                    "date": "Fri, 01 Feb 2019 16:00:00 +0000",
                    "tags": ["port"],
                },
                {"headline": "Ferry", "content": FERRY, "date": None, "tags": "transport"},
                "not an object",
            ]
        )
        + "\n{broken json\n"
    )
    (folder / "gdelt.csv").write_text(
        "url,url_mobile,title,seendate,socialimage,domain,language,sourcecountry\n"
        "https://harbour.example/3,,Port strike ends,20190203T101500Z,,harbour.example,English,United Kingdom\n"
    )
    (folder / "cms.csv").write_text(
        "ID,Headline,Story,Published,Views,Extra\n"
        f'7,Bridge reopens,"{BRIDGE}",1549101600,1200,\n'
        f'8,Ferry fares,"{FERRY}",02/04/2019,n/a,"{{""k"": 1}}"\n'
        '9,No date,"A short note with no date at all, written for this test.",yesterday,3,x\n'
    )
    pd.DataFrame(
        {
            "title": ["Harbour vote", "Bridge toll"],
            "text": [HARBOUR.replace("Friday", "Thursday"), BRIDGE],
            "published": [pd.Timestamp("2019-02-01 12:00", tz="Europe/London"), pd.NaT],
            "score": [0.5, None],
            "keywords": [["harbour", "vote"], []],
        }
    ).to_parquet(folder / "archive.parquet")
    (folder / "feed.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Times</title>'
        "<item><title>Crane delivered</title><link>https://harbour.example/crane</link>"
        "<pubDate>Tue, 05 Feb 2019 08:00:00 GMT</pubDate><description>&lt;p&gt;The first new crane arrived "
        "on Tuesday by barge.&lt;/p&gt;</description></item></channel></rss>"
    )
    (folder / "README.md").write_text("Exports gathered for the test.\n")
    return folder


def test_the_mixed_folder_loads_every_readable_article(tmp_path):
    articles, problems = load_articles(write_mixed(tmp_path / "mixed"))
    assert set(articles["path"]) == {
        "plain.txt",
        "front.txt",
        "german.txt",
        "page.html",
        "news-please.json",
        "newsapi.json",
        "scraped.jsonl",
        "gdelt.csv",
        "cms.csv",
        "archive.parquet",
        "feed.rss",
    }
    assert len(articles) == 16
    errors = problems[problems["severity"] == "error"]
    assert sorted(zip(errors["path"], errors["line"].astype(object))) == [("scraped.jsonl", 3), ("scraped.jsonl", 4)]
    by_title = articles.set_index("title")
    assert by_title.loc["Fares up by a tenth", "source"] == "River Post"
    assert by_title.loc["Harbour wall to be rebuilt", "published"] == pd.Timestamp("2019-02-01 15:15")
    page = articles.set_index("path").loc["page.html"]
    assert (page["title"], page["source"]) == ("Bridge reopens", "River Post")
    # (Unix seconds in a CSV are the loader branch's to read: issue 10 item 2; here they only must not crash)
    assert by_title.loc["Hafenmauer wird neu gebaut", "language"] == "de"
    # the same harbour story in five shapes is counted once
    harbour = articles[articles["text"].str.contains("harbour wall")]
    assert harbour["duplicate_of"].isna().sum() == 1


# An extra column that is a list in one row and text in another ("tags" in scraped.jsonl) must
# not crash prepare's Parquet write (the loader normalises extra columns first).
@pytest.mark.slow
def test_the_mixed_folder_prepares_and_runs_with_no_traceback(tmp_path, capsys):
    corpus = write_mixed(tmp_path / "mixed")
    assert cli.main(["prepare", str(corpus), "--out", str(tmp_path / "prepared"), "--workers", "1"]) == 0
    assert cli.main(["run", str(tmp_path / "prepared"), "--out", str(tmp_path / "reports")]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    index = (tmp_path / "reports" / "index.html").read_text()
    assert "set aside" in index and "de 1 (" in index
    corpus_data = Corpus(tmp_path / "prepared")
    assert corpus_data.articles["duplicate_of"].isna().all()
    for name in ("actor_mentions", "sentiment", "word_frequency"):
        assert "Traceback" not in (tmp_path / "reports" / f"{name}.html").read_text()
