"""Reports are safe to open: article text is data, never markup, in a real browser.

A tiny corpus whose titles, bodies and sources carry ``<script>`` and ``<img onerror>``
payloads goes through every report notebook, plus two fixture notebooks (one prints the
text, one fails with a title in its error). Headless Chromium opens ``index.html`` and every
report page and checks that no payload ran, that the payloads read as plain text, and that
the pages load nothing from the network. Screenshots land in ``reports/screenshots/``.

The tests that open Chromium need Debian's ``chromium`` and ``chromium-driver`` (the ``browser``
fixture in conftest.py); skipped without them, except in CI (``CI`` set), where their absence is a failure.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from analysis import paths
from analysis.run import discover_reports, run_reports

# the tests that open Chromium use the `browser` fixture (tests/conftest.py), which marks them `browser`
pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "notebooks"
SCREENSHOTS = paths.PROJECT_ROOT / "reports" / "screenshots"
SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=2">'
SOURCE = "<script>window.__xss=3</script> Harbour Times"

ARTICLES = {
    "politics/budget.txt": f"""\
        ---
        published: 2024-03-01
        source: {SOURCE}
        ---
        {SCRIPT} Budget vote tonight
        Finance Minister Jane Doe said "the budget is fair {IMG} and it protects families." The opposition called the plan a disaster.

        Voters in the capital welcomed the tax cuts. {SCRIPT} was printed on a placard outside parliament.
        """,
    "politics/election.txt": f"""\
        ---
        published: 2024-03-08
        source: Harbour Times
        ---
        Election date set {IMG}
        Prime Minister John Smith announced the election date on Friday. "We are ready," said Jane Doe, the finance minister.

        The opposition welcomed the election and promised lower taxes and better schools.
        """,
    "sport/final.txt": f"""\
        ---
        published: 2024-03-09
        source: Coast Sport
        ---
        City win the cup final
        City beat United 2-1 in a tense final. "A wonderful night {SCRIPT}," said coach Maria Lopez.

        Fans celebrated in the streets until late. The team will parade the cup on Sunday.
        """,
    "sport/injury.txt": f"""\
        ---
        published: 2024-03-15
        source: Coast Sport
        ---
        Striker injured before derby {SCRIPT}
        United's striker injured his knee in training and will miss the derby. Coach Maria Lopez was disappointed.

        The club said the injury was not serious {IMG} and he should return next month.
        """,
}


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """Every report notebook plus the text-showing fixtures, run on the hostile corpus."""
    corpus = tmp_path_factory.mktemp("hostile-corpus")
    for rel, text in ARTICLES.items():
        (corpus / rel).parent.mkdir(parents=True, exist_ok=True)
        (corpus / rel).write_text(textwrap.dedent(text), encoding="utf-8")
    notebooks = tmp_path_factory.mktemp("notebooks")
    for path in [*discover_reports().values(), FIXTURES / "shows_text.ipynb", FIXTURES / "fails_with_text.ipynb"]:
        shutil.copy(path, notebooks / path.name)
    out = tmp_path_factory.mktemp("hostile-reports")
    result = run_reports(
        corpus,
        out,
        notebooks_dir=notebooks,
        cache_dir=tmp_path_factory.mktemp("cache"),
        log=None,
        prepare_options={"progress": False},
    )
    return result, out


def full_page_screenshot(driver, path: Path, *, width: int = 1280, max_height: int = 12000) -> None:
    """The whole page (up to ``max_height`` pixels) for a person to look at."""
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(width, min(max(height, 800), max_height))
    driver.save_screenshot(str(path))
    driver.set_window_size(width, 1600)


def pages(out: Path) -> list[Path]:
    return [out / "index.html", *sorted(p for p in out.glob("*.html") if p.name != "index.html")]


def assert_only_the_table_script(source: str, name: str) -> None:
    """A page carries no script but the project's table script, which its CSP allows by hash alone."""
    import re

    from analysis.tables import script_hash, table_script

    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", source, flags=re.S)
    assert all(body == table_script() for body in scripts), f"{name}: a script other than tables.js"
    assert source.count("<script") == len(scripts) <= 1, name
    metas = re.findall(r"<meta\b[^>]*Content-Security-Policy[^>]*>", source)
    policies = [re.search(r'content="([^"]*)"', meta).group(1) for meta in metas]
    assert policies, f"{name} has no Content-Security-Policy"
    for policy in policies:
        allowed = re.search(r"script-src ([^;]*)", policy).group(1).split()
        assert allowed in ([script_hash()], ["'none'"]), f"{name}: scripts allowed beyond tables.js: {allowed}"


def test_reports_survive_a_hostile_corpus(hostile_run):
    result, _ = hostile_run
    status = {r.name: (r.status, r.error) for r in result.reports}
    assert status.pop("fails_with_text")[0] == "failed"  # on purpose
    assert all(s == "ok" for s, _ in status.values()), status


def test_payloads_are_escaped_in_the_page_source(hostile_run):
    _, out = hostile_run
    for page in pages(out):
        source = page.read_text(encoding="utf-8")
        assert "<script>window.__xss" not in source, page.name
        assert "<img src=x onerror" not in source, page.name
        assert_only_the_table_script(source, page.name)


def test_no_payload_runs_in_chromium_and_text_stays_text(hostile_run, browser):
    from selenium.webdriver.common.by import By

    _, out = hostile_run
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shown_as_text = {}
    for page in pages(out):
        browser.get(page.as_uri())
        # on a loaded machine get() has once returned while the page was still "interactive"
        from selenium.webdriver.support.ui import WebDriverWait

        WebDriverWait(browser, 20).until(lambda b: b.execute_script("return document.readyState") == "complete")
        assert browser.execute_script("return typeof window.__xss") == "undefined", f"a payload ran in {page.name}"
        text = browser.find_element(By.TAG_NAME, "body").text
        shown_as_text[page.name] = SCRIPT in text or "<script>window.__xss=3</script>" in text
        if "&lt;script&gt;window.__xss" in page.read_text(encoding="utf-8"):  # a page that quotes the text shows it
            assert shown_as_text[page.name], f"{page.name} quotes a payload but the reader does not see it"
        remote = browser.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name).filter(n => /^https?:/.test(n))"
        )
        assert remote == [], f"{page.name} fetched {remote}"
        full_page_screenshot(browser, SCREENSHOTS / f"hostile-{page.stem}.png")
    # the pages that show article text show the payload as literal text
    assert shown_as_text["index.html"]  # the failed report's error quotes the title
    assert shown_as_text["shows_text.html"]
    assert shown_as_text["fails_with_text.html"]


def test_detection_works_on_a_page_that_is_not_escaped(browser, tmp_path):
    """Control: the same payload in a page without escaping does run, so the checks above can fail."""
    page = tmp_path / "unsafe.html"
    page.write_text(f"<!DOCTYPE html><html><body><p>{SCRIPT}</p></body></html>")
    browser.get(page.as_uri())
    assert browser.execute_script("return window.__xss") == 1


def table_page(tmp_path: Path, extra_html: str = "") -> Path:
    """A report page (exported like every report) with a long table of hostile text."""
    import nbformat
    import pandas as pd

    from analysis.run import export_html
    from analysis.tables import table_html

    frame = pd.DataFrame(
        {"text": [f"{SCRIPT} row {i} {IMG}" for i in range(15)], "count": [i * 1000 for i in range(15)]}
    )
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("display(frame)")
    cell.outputs = [
        nbformat.v4.new_output(
            "display_data", data={"text/html": table_html(frame) + extra_html, "text/plain": "table"}
        )
    ]
    nb.cells = [cell]
    notebook = tmp_path / "tables.ipynb"
    nbformat.write(nb, str(notebook))
    page = tmp_path / "tables.html"
    page.write_text(export_html(notebook), encoding="utf-8")
    return page


def test_long_tables_search_and_sort_and_their_text_stays_text(browser, tmp_path):
    from selenium.webdriver.common.by import By

    page = table_page(tmp_path)
    assert_only_the_table_script(page.read_text(encoding="utf-8"), page.name)
    browser.get(page.as_uri())
    assert browser.execute_script("return typeof window.__xss") == "undefined"

    def rows():
        return [r for r in browser.find_elements(By.CSS_SELECTOR, "table.analysis-table tbody tr") if r.is_displayed()]

    assert len(rows()) == 15
    box = browser.find_element(By.CSS_SELECTOR, "input.analysis-search")  # the script ran
    box.send_keys("row 1")  # rows 1 and 10-14
    assert len(rows()) == 6
    assert SCRIPT in rows()[0].text  # the payload is shown as text, and did not run
    box.clear()
    box.send_keys(" ")
    header = browser.find_elements(By.CSS_SELECTOR, "table.analysis-table thead th")[1]
    header.click()
    header.click()  # descending: 14,000 first (numeric sort, not text)
    first = browser.find_elements(By.CSS_SELECTOR, "table.analysis-table tbody tr")[0]
    assert first.find_elements(By.TAG_NAME, "td")[1].text == "14,000"
    assert browser.execute_script("return typeof window.__xss") == "undefined"


def test_an_unescaped_script_does_not_run_beside_the_table_script(browser, tmp_path):
    """Control: a notebook that forgot to escape puts a live script in the page; the CSP stops it."""
    page = table_page(tmp_path, extra_html="<script>window.__xss=5</script>")
    browser.get(page.as_uri())
    assert browser.execute_script("return document.querySelectorAll('input.analysis-search').length") == 1
    assert browser.execute_script("return typeof window.__xss") == "undefined"
