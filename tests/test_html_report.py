"""check --format html: one self-contained page, checked as text and in a real headless browser.

The browser test drives Debian's chromium (/usr/bin/chromium, `apt-get install chromium`)
through Playwright with the system browser (no `playwright install`); it skips when either is
absent. The screenshot is left in the test's tmp directory (path printed with -s).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from normalize import Cleaner
from normalize.cli import main
from normalize.report import annotate
from normalize.report.html import render_html
from normalize.report.ids import walk

TESTS = Path(__file__).resolve().parent
ARTICLE = TESTS.parent / "examples" / "gate-kuala-lumpur.txt"
GLOSSARY = ["--no-builtin-glossary", "--glossary", str(TESTS / "data" / "core-test.tsv")]
FLAGGED = "Delegations from Mỹ and China met.\nOther 的首页导航 line.\n"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    d = tmp_path_factory.mktemp("html")
    small = d / "flagged.txt"
    small.write_text(FLAGGED, encoding="utf-8")
    r = CliRunner().invoke(main, ["check", "--format", "html", str(ARTICLE), str(small)], catch_exceptions=False)
    assert r.exit_code == 1
    out = d / "report.html"
    out.write_text(r.stdout, encoding="utf-8")
    return out


def test_one_page_with_every_finding_and_no_external_reference(page_file):
    html = page_file.read_text(encoding="utf-8")
    assert html.count("<html") == 1 and "<script>" in html and "<style>" in html
    assert not re.search(r"""(?:src|href)\s*=|<link|@import|url\(|https?://""", html)
    result = Cleaner().clean_and_explain(ARTICLE.read_text(encoding="utf-8"))
    for it in walk(annotate(result)):
        assert f'<td class="id">{it.id}</td>' in html  # every finding has a row: id, rule, text, replacement
        assert f"<td>{it.rule}<br>" in html
    assert html.count('class="chg"') == len(annotate(result)) + 1  # article marks: 7 changes + Mỹ in flagged.txt
    assert html.count('class="flag"') == 1


def test_text_is_escaped():
    result = Cleaner().clean_and_explain("<b>Mỹ</b> & <script>alert(1)</script>\n")
    html = render_html([("x<y>.txt", result)])
    assert "<b>" not in html and "alert(1)</script>" not in html and "x&lt;y&gt;.txt" in html


def _browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    return sync_api


def test_page_in_a_headless_browser(page_file):
    sync_api = _browser()
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            errors, requests = [], []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
            page.goto(page_file.as_uri())
            page.wait_for_load_state("load")
            assert errors == [] and requests == []

            rows = "section.file tr[data-kind]"
            fixed, flagged = page.locator(f"{rows}[data-kind=fixed]").count(), page.locator(f"{rows}[data-kind=flagged]").count()
            assert fixed > 7 and flagged == 1

            def shown():
                return page.locator(f"{rows}:not(.hidden)").count()

            assert shown() == fixed + flagged
            page.uncheck("#filters input[data-filter=kind][value=fixed]")
            assert shown() == flagged
            assert page.locator(".chg.off").count() == page.locator(".chg").count()
            page.check("#filters input[data-filter=kind][value=fixed]")
            page.uncheck("#filters input[data-filter=rule][value=boilerplate]")
            assert shown() == fixed + flagged - 3
            page.check("#filters input[data-filter=rule][value=boilerplate]")

            # Skip ids: tick one in the table, click one in the article; the command line follows.
            first = page.locator("section.file").first
            cmd = first.locator(".skipcmd")
            assert cmd.text_content() == f"normalize fix {ARTICLE}"
            ids = first.locator("input.skip").evaluate_all("els => els.map(e => e.value)")
            first.locator(f'input.skip[value="{ids[0]}"]').check()
            name = first.locator(".chg", has_text="He Lifeng").last
            name.click()
            name_id = name.get_attribute("data-id")
            assert cmd.text_content() == f"normalize fix --skip {ids[0]},{name_id} {ARTICLE}"
            assert "skipped" in (name.get_attribute("class") or "")
            first.locator("button.copy").click()
            page.wait_for_timeout(100)
            assert errors == []
            shot = page_file.with_suffix(".png")
            page.screenshot(path=str(shot), full_page=False)
            assert shot.stat().st_size > 10_000
            page.locator(".flag").first.scroll_into_view_if_needed()
            flag_shot = page_file.with_name("report-flag.png")
            page.screenshot(path=str(flag_shot))
            assert flag_shot.stat().st_size > 10_000
            print(f"screenshots: {shot} {flag_shot}")
        finally:
            browser.close()
