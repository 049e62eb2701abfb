"""Column mapping, settings files and the common export shapes (analysis.columns + the loader)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analysis import cli
from analysis.columns import ColumnsError, corpus_settings, flatten_row, parse_columns, recognise
from analysis.load import CorpusError, load_articles
from analysis.prepare import Settings, cache_key, prepare_corpus

# Field names as the real tools write them (news-please's article JSON, NewsAPI's /v2/everything
# response, the GDELT DOC 2.0 API's artlist, a scraper's JSON Lines); the texts are ours.
NEWS_PLEASE = {
    "authors": ["Ana Lopez", "Ben Okoro"],
    "date_download": "2019-02-02 08:00:00",
    "date_modify": None,
    "date_publish": "2019-02-01 15:15:00",
    "description": "Ministers agreed a port deal.",
    "filename": "https%3A%2F%2Fharbour.example%2Fdeal.json",
    "image_url": None,
    "language": "en",
    "localpath": None,
    "maintext": "Ministers agreed a port deal on Friday.\nTalks had lasted a year.",
    "source_domain": "harbour.example",
    "title": "Port deal agreed",
    "title_page": None,
    "title_rss": None,
    "url": "https://harbour.example/deal",
}
NEWSAPI = {
    "status": "ok",
    "totalResults": 2,
    "articles": [
        {
            "source": {"id": None, "name": "Harbour Times"},
            "author": "Ana Lopez",
            "title": "Port deal agreed",
            "description": "Ministers agreed a deal.",
            "url": "https://harbour.example/1",
            "urlToImage": None,
            "publishedAt": "2019-02-01T15:15:00Z",
            "content": "Ministers agreed a port deal on Friday after a year of talks… [+1210 chars]",
        },
        {
            "source": {"id": "river-post", "name": "River Post"},
            "author": None,
            "title": "Talks stall",
            "description": "Talks on the bridge stalled.",
            "url": "https://river.example/2",
            "urlToImage": None,
            "publishedAt": "2019-02-02T10:00:00+01:00",
            "content": None,
        },
    ],
}
GDELT_CSV = (
    "url,url_mobile,title,seendate,socialimage,domain,language,sourcecountry\n"
    "https://harbour.example/3,,Port strike ends,20190203T101500Z,,harbour.example,English,United Kingdom\n"
)
RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Times</title>
<item><title>Port deal agreed</title><link>https://harbour.example/1</link>
<pubDate>Fri, 01 Feb 2019 15:15:00 +0000</pubDate><category>Politics</category>
<description>&lt;p&gt;Ministers agreed a port deal.&lt;/p&gt;&lt;p&gt;Talks lasted a year.&lt;/p&gt;</description></item>
<item><title>Bridge reopens</title><link>https://harbour.example/2</link>
<pubDate>Sat, 02 Feb 2019 09:00:00 +0000</pubDate><description>The bridge reopened on Saturday.</description></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>River Post</title><id>urn:river</id><updated>2019-02-03T00:00:00Z</updated>
<entry><title>Ferry fares rise</title><id>urn:river:1</id><link href="https://river.example/1"/>
<updated>2019-02-03T08:30:00Z</updated><content type="html">&lt;p&gt;Fares rise by a tenth.&lt;/p&gt;</content></entry>
</feed>"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title=headline", {"title": "headline"}),
        (
            "title=headline, published=date_publish,source=source.name",
            {"title": "headline", "published": "date_publish", "source": "source.name"},
        ),
        ("text=body,title=", {"text": "body", "title": None}),
        ("", {}),
    ],
)
def test_parse_columns(text, expected):
    assert parse_columns(text) == expected


@pytest.mark.parametrize("text", ["title", "=headline", "title:headline"])
def test_parse_columns_refuses_items_without_field_and_column(text):
    with pytest.raises(ColumnsError, match="FIELD=COLUMN"):
        parse_columns(text)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"a": 1}, {"a": 1}),
        ({"source": {"id": None, "name": "BBC"}}, {"source.id": None, "source.name": "BBC"}),
        ({"a": {"b": {"c": 2}}, "d": []}, {"a.b.c": 2, "d": []}),
        ({"empty": {}}, {"empty": {}}),
    ],
)
def test_flatten_row(row, expected):
    assert flatten_row(row) == expected


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (list(NEWS_PLEASE), "news-please"),
        (["source.id", "source.name", "title", "publishedAt", "content"], "newsapi"),
        (GDELT_CSV.split("\n")[0].split(","), "gdelt-doc"),
        (["title", "body", "date"], None),
    ],
)
def test_recognise_exports_by_their_field_names(names, expected):
    found = recognise(names)
    assert (found.name if found else None) == expected


def test_news_please_json_loads_without_a_mapping(tmp_path):
    (tmp_path / "deal.json").write_text(json.dumps(NEWS_PLEASE))
    articles, _ = load_articles(tmp_path)
    row = articles.iloc[0]
    assert row["title"] == "Port deal agreed"
    assert row["text"] == "Port deal agreed\n\nMinisters agreed a port deal on Friday.\nTalks had lasted a year."
    assert row["published"] == pd.Timestamp("2019-02-01 15:15:00")
    assert (row["source"], row["url"]) == ("harbour.example", "https://harbour.example/deal")
    assert "maintext" not in articles.columns and "description" in articles.columns


def test_newsapi_response_loads_nested_source_and_drops_the_truncation_marker(tmp_path):
    (tmp_path / "everything.json").write_text(json.dumps(NEWSAPI))
    articles, _ = load_articles(tmp_path)
    assert articles["source"].tolist() == ["Harbour Times", "River Post"]
    assert articles["published"].tolist() == [pd.Timestamp("2019-02-01 15:15"), pd.Timestamp("2019-02-02 09:00")]
    assert articles.loc[0, "text"].endswith("after a year of talks")
    assert "[+1210 chars]" not in articles.loc[0, "text"]
    # no content: the description is the best text there is
    assert articles.loc[1, "text"] == "Talks stall\n\nTalks on the bridge stalled."
    # the nested dict is flattened into columns, never stored as repr text
    assert articles["source.id"].tolist()[1] == "river-post"
    assert not any("{" in str(v) for v in articles.astype(str).to_numpy().ravel())


def test_gdelt_doc_csv_loads_titles_with_dates_and_domains(tmp_path):
    (tmp_path / "artlist.csv").write_text(GDELT_CSV)
    articles, problems = load_articles(tmp_path)
    assert articles.loc[0, ["title", "source", "url"]].tolist() == [
        "Port strike ends",
        "harbour.example",
        "https://harbour.example/3",
    ]
    assert articles.loc[0, "published"] == pd.Timestamp("2019-02-03 10:15")
    assert "title only" in problems["reason"].iloc[0]


@pytest.mark.parametrize("column", ["content", "body", "maintext"])
def test_scraper_json_lines_with_common_text_fields(tmp_path, column):
    lines = [{"title": "Port deal agreed", column: "Ministers agreed a deal.", "url": "https://h/1"}]
    (tmp_path / "scraped.jsonl").write_text("\n".join(json.dumps(line) for line in lines))
    articles, _ = load_articles(tmp_path)
    assert articles.loc[0, "text"] == "Port deal agreed\n\nMinisters agreed a deal."


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        (
            "harbour.rss",
            RSS,
            [
                (
                    "Port deal agreed",
                    "Ministers agreed a port deal.\n\nTalks lasted a year.",
                    "2019-02-01 15:15",
                    "Harbour Times",
                    "Politics",
                ),
                ("Bridge reopens", "The bridge reopened on Saturday.", "2019-02-02 09:00", "Harbour Times", ""),
            ],
        ),
        ("river.atom", ATOM, [("Ferry fares rise", "Fares rise by a tenth.", "2019-02-03 08:30", "River Post", "")]),
        ("feed.xml", RSS, None),
    ],
)
def test_rss_and_atom_feeds_load_one_article_per_entry(tmp_path, name, data, expected):
    (tmp_path / name).write_bytes(data)
    articles, _ = load_articles(tmp_path)
    got = [
        (r.title, r.text.split("\n\n", 1)[1], str(r.published)[:16], r.source, r.category)
        for r in articles.itertuples()
    ]
    assert got == (expected or got) and len(got) >= 1


def test_a_file_with_xml_suffix_that_is_not_a_feed_is_an_error_row(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nBody.")
    (tmp_path / "sitemap.xml").write_text("<urlset><url><loc>x</loc></url></urlset>")
    _, problems = load_articles(tmp_path)
    row = problems[problems["path"] == "sitemap.xml"].iloc[0]
    assert row["severity"] == "error"


@pytest.mark.parametrize(
    "columns",
    [
        {"title": "headline", "published": "meta.date_publish", "source": "meta.outlet.name"},
        "title=headline,published=meta.date_publish,source=meta.outlet",
    ],  # a dict column: its name child
)
def test_mapping_reaches_nested_fields(tmp_path, columns):
    row = {
        "headline": "Port deal",
        "story": "Ministers agreed.",
        "meta": {"date_publish": "2019-02-01", "outlet": {"name": "Harbour Times", "country": "UK"}},
    }
    (tmp_path / "a.jsonl").write_text(json.dumps(row))
    articles, _ = load_articles(tmp_path, columns=columns)
    assert articles.loc[0, ["title", "source"]].tolist() == ["Port deal", "Harbour Times"]
    assert articles.loc[0, "published"] == pd.Timestamp("2019-02-01")


def test_a_mapped_column_that_no_file_has_is_one_error_naming_the_columns(tmp_path):
    (tmp_path / "a.csv").write_text("headline,body,date\nPort deal,Ministers agreed.,2019-02-01\n")
    with pytest.raises(CorpusError) as error:
        load_articles(tmp_path, columns={"published": "date_publish"})
    message = str(error.value)
    assert "\n" not in message and "'date_publish'" in message and "headline, body, date" in message


def test_a_file_without_the_mapped_column_is_an_error_row_when_others_have_it(tmp_path):
    (tmp_path / "a.csv").write_text("headline,body,date_publish\nPort deal,Ministers agreed.,2019-02-01\n")
    (tmp_path / "b.csv").write_text("headline,body,date\nBridge,It reopened.,2019-02-02\n")
    articles, problems = load_articles(tmp_path, columns={"published": "date_publish"})
    assert articles["path"].tolist() == ["a.csv"]
    assert problems.set_index("path").loc["b.csv", "severity"] == "error"
    assert "'date_publish'" in problems.set_index("path").loc["b.csv", "reason"]


def test_settings_file_inside_the_corpus_maps_columns_and_is_not_an_article(tmp_path):
    (tmp_path / "a.csv").write_text("hed,copy,when\nPort deal,Ministers agreed.,2019-02-01\n")
    (tmp_path / "analysis.yaml").write_text("columns:\n  title: hed\n  text: copy\n  published: when\n")
    articles, problems = load_articles(tmp_path)
    assert articles[["title", "path"]].values.tolist() == [["Port deal", "a.csv"]]
    assert articles.loc[0, "published"] == pd.Timestamp("2019-02-01")
    assert problems.empty
    # an explicit mapping goes on top of the file's
    articles, _ = load_articles(tmp_path, columns={"title": None})
    assert articles.loc[0, "title"] == "Ministers agreed."


def test_settings_file_beside_a_corpus_file(tmp_path):
    (tmp_path / "news.csv").write_text("hed,copy\nPort deal,Ministers agreed.\n")
    (tmp_path / "news.analysis.yaml").write_text("columns: title=hed,text=copy\n")
    assert corpus_settings(tmp_path / "news.csv")["columns"] == {"title": "hed", "text": "copy"}
    articles, _ = load_articles(tmp_path / "news.csv")
    assert articles.loc[0, "title"] == "Port deal"


@pytest.mark.parametrize(
    ("content", "match"),
    [
        ("colums:\n  title: hed\n", "unknown setting 'colums'"),
        ("- a\n", "must hold keys"),
        ("columns: [a, b]\n", "'columns' must map"),
    ],
)
def test_a_bad_settings_file_is_one_line_error(tmp_path, content, match):
    (tmp_path / "a.txt").write_text("Title\n\nBody.")
    (tmp_path / "analysis.yaml").write_text(content)
    with pytest.raises(ColumnsError, match=match):
        load_articles(tmp_path)


def test_columns_are_part_of_the_cache_key(tmp_path):
    (tmp_path / "a.csv").write_text("hed,copy\nPort deal,Ministers agreed.\n")
    plain = cache_key(tmp_path, Settings.of())
    mapped = cache_key(tmp_path, Settings.of(columns={"title": "hed"}, corpus=tmp_path))
    assert plain != mapped
    # a mapping given in a settings file beside the corpus changes the key as well
    (tmp_path.parent / f"{tmp_path.name}.analysis.yaml").write_text("columns:\n  title: hed\n")
    assert cache_key(tmp_path, Settings.of(corpus=tmp_path)) == mapped


def test_prepare_and_cli_take_columns(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.csv").write_text("hed,copy,date_publish\nPort deal,Ministers agreed on Friday.,2019-02-01\n")
    assert (
        cli.main(
            [
                "prepare",
                str(corpus),
                "--out",
                str(tmp_path / "p"),
                "--columns",
                "title=hed,text=copy,published=date_publish",
                "--workers",
                "1",
            ]
        )
        == 0
    )
    articles = pd.read_parquet(tmp_path / "p" / "articles.parquet")
    assert articles.loc[0, "title"] == "Port deal" and str(articles.loc[0, "published"])[:10] == "2019-02-01"
    result = prepare_corpus(corpus, tmp_path / "q", columns={"title": "copy", "text": "hed"}, progress=False)
    assert pd.read_parquet(result.path / "articles.parquet").loc[0, "title"] == "Ministers agreed on Friday."


@pytest.mark.parametrize(
    ("argument", "match"),
    [("titel=hed", "unknown field 'titel'"), ("title", "FIELD=COLUMN")],
)
def test_cli_refuses_bad_columns_in_one_line(tmp_path, capsys, argument, match):
    (tmp_path / "a.txt").write_text("Title\n\nBody.")
    assert cli.main(["prepare", str(tmp_path), "--out", str(tmp_path / "p"), "--columns", argument]) == 2
    err = capsys.readouterr().err.strip()
    assert match in err


def test_cli_says_in_one_line_when_a_mapped_column_is_missing(tmp_path, capsys):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.csv").write_text("hed,copy\nPort deal,Ministers agreed.\n")
    code = cli.main(["prepare", str(corpus), "--out", str(tmp_path / "p"), "--columns", "published=date_publish"])
    err = capsys.readouterr().err.strip()
    assert code != 0 and len(err.splitlines()) == 1 and "hed, copy" in err


def test_run_refuses_columns_for_an_already_prepared_corpus(tmp_path):
    from analysis.options import OptionError
    from analysis.run import _check_prepare_options

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.csv").write_text("hed,copy\nPort deal,Ministers agreed.\n")
    prepared = prepare_corpus(corpus, tmp_path / "p", columns="title=hed,text=copy", progress=False).path
    with pytest.raises(OptionError, match="--columns"):
        _check_prepare_options(prepared, {"columns": {"title": "hed"}})
    _check_prepare_options(corpus, {"columns": {"title": "hed"}})  # a raw corpus takes them


def test_settings_file_options_reach_the_loader(tmp_path):
    from analysis.prepare_settings import _file_options

    (tmp_path / "a.txt").write_text("Title\n\nBody.")
    (tmp_path / "analysis.yaml").write_text("dayfirst: true\n")
    settings = Settings.of(corpus=tmp_path)
    assert settings.file_options == (("dayfirst", True),)
    assert _file_options(settings) == {"dayfirst": True}
    assert settings.load_options()["dayfirst"] is True  # the file fills in what the user left at its default


def test_settings_file_option_the_loader_lacks_is_one_line(tmp_path):
    from analysis.prepare_settings import _file_options

    (tmp_path / "a.txt").write_text("Title\n\nBody.")
    (tmp_path / "analysis.yaml").write_text("no_such_option: 3\n")
    with pytest.raises(ColumnsError, match="unknown setting 'no_such_option'"):
        _file_options(Settings.of(corpus=tmp_path))
