"""The web pages: every route, status codes, escaping, CSRF, read-only mode, review marks set by
form and kept across re-indexing, and the ``serve`` command's errors. A headless-browser run
(slow) drives the real server."""

from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient
from typer.testing import CliRunner

from factrack import claims as cl
from factrack.cli import app as cli_app
from factrack.embed import FakeEmbedder
from factrack.errors import StoreError
from factrack.records import Article, Kind, Polarity, Statement
from factrack.serve import create_app
from factrack.store import Store
from tests.support import EMBEDDER, build_store

# FACTRACK_SCREENSHOTS=docs/screenshots keeps the browser test's screenshots (docs/pages.md); by
# default they go to the test's temporary folder, so a test run leaves the tree clean.
SCREENSHOTS_ENV = "FACTRACK_SCREENSHOTS"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "db"


@pytest.fixture
def ids(db: Path, pages_store: tuple[Path, dict[str, int]]) -> dict[str, int]:
    assert pages_store[0] == db
    return pages_store[1]


@pytest.fixture
def client(db: Path, ids: dict[str, int], pages_embedder: FakeEmbedder) -> TestClient:
    return TestClient(create_app(db, embedder=pages_embedder))


def claim_of(db: Path, sid: int) -> int:
    with Store.open(db) as s:
        return s.claim_of([sid])[sid]


def csrf(client: TestClient) -> str:
    client.get("/")
    return client.cookies["factrack_csrf"]


def post_mark(client: TestClient, target: str, ids: list[int], mark: str, token: str | None, **extra: str):  # type: ignore[no-untyped-def]
    data = {"target": target, "ids": ",".join(map(str, ids)), "mark": mark, "next": "/contradictions", **extra}
    if token is not None:
        data["csrf"] = token
    return client.post("/review", data=data, follow_redirects=False)


def test_every_page_answers(client: TestClient, db: Path, ids: dict[str, int]) -> None:
    cid = claim_of(db, ids["fathy"])
    for url in ["/", "/?q=loaf", f"/claim/{cid}", f"/article?doc={quote('wire/bread-en.txt')}&s={ids['fathy']}",
                "/contradictions", "/contradictions?min_score=0&reviewed=no&lang=ar", "/speaker",
                f"/speaker?name={quote('فؤاد حسين')}", "/static/style.css"]:
        r = client.get(url)
        assert r.status_code == 200, (url, r.text[:300])
    assert client.get("/claim/999").status_code == 404
    assert client.get("/claim/abc").status_code == 404
    assert client.get("/article?doc=nothing.txt").status_code == 404
    assert client.get("/article").status_code == 400
    assert client.get("/speaker?name=Nobody+Atall").status_code == 404
    assert client.get("/contradictions?min_score=high").status_code == 400
    assert client.get("/contradictions?since=yesterday").status_code == 400
    assert client.get("/nowhere").status_code == 404
    assert client.post("/").status_code == 405


def test_search_in_english_and_arabic_by_claim_with_the_statement_highlighted(client: TestClient, ids: dict[str, int]) -> None:
    r = client.get("/", params={"q": "the loaf's weight has changed"})
    assert r.status_code == 200
    # the claim with both sides, the best statement highlighted inside its sentence, a link to the article
    assert "Samir Fathy" in r.text and "Ali Mansour" in r.text
    assert re.search(r'<mark class="cur" data-statement="\d+">the loaf&#39;s weight has changed since January</mark>', r.text)
    assert "Baker Samir Fathy said " in r.text
    assert f"/article?doc=wire/bread-en.txt&amp;s={ids['fathy']}" in r.text
    assert "2026-03-01" in r.text and "Wire" in r.text and "denies" in r.text
    r = client.get("/", params={"q": "حوالي 3500 جندي أمريكي"})
    assert r.status_code == 200 and "3500" in r.text and 'lang="ar"' in r.text
    assert r.text.index("3500 جندي") < r.text.index("Samir Fathy") if "Samir Fathy" in r.text else True
    assert 'dir="auto"' in r.text
    # a filter by speaker alias in the other script
    r = client.get("/", params={"q": "troops", "speaker": "جون كيربي"})
    assert "2,500" in r.text and "3500 جندي" not in r.text


def test_markup_in_an_article_shows_as_text(client: TestClient, ids: dict[str, int]) -> None:
    r = client.get("/article", params={"doc": "blog/markup.txt", "s": ids["evil"]})
    assert r.status_code == 200
    assert "<script>" not in r.text and "<b>Evil</b>" not in r.text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in r.text and "&lt;b&gt;Evil&lt;/b&gt;" in r.text
    assert 'href="javascript:' not in r.text  # a non-web URL is shown, not linked
    assert "not the article's full text" in r.text
    r = client.get("/", params={"q": "harmless tag"})
    assert "<script>" not in r.text and "&lt;script&gt;" in r.text
    r = client.get("/", params={"q": "<script>alert(2)</script>"})
    assert "<script>alert(2)" not in r.text


def test_article_page_highlights_every_statement_by_offsets(client: TestClient, ids: dict[str, int]) -> None:
    r = client.get("/article", params={"doc": "ahram/troops-ar.txt", "s": ids["hussein_denies"]})
    assert r.status_code == 200
    marks = re.findall(r'<mark class="(cur|other)" data-statement="(\d+)">([^<]*)</mark>', r.text)
    assert ("other", str(ids["hussein_3500"]), "حوالي 3500 جندي أمريكي موجودون في العراق الآن") in marks
    assert ("cur", str(ids["hussein_denies"]), "تكون القوات الأمريكية ستغادر العراق هذا العام") in marks
    assert r.text.index("3500 جندي") < r.text.index("ستغادر العراق")  # text order
    assert 'lang="ar"' in r.text and 'dir="auto"' in r.text


def test_claim_page_lists_members_sides_timeline_and_contradictions(client: TestClient, db: Path, ids: dict[str, int]) -> None:
    cid = claim_of(db, ids["fathy"])
    r = client.get(f"/claim/{cid}")
    text = r.text
    assert "Samir Fathy" in text and "Ali Mansour" in text
    assert text.index("2026-03-01") < text.index("2026-03-03")  # timeline by date
    assert "Ali Mansour denies what Samir Fathy asserts" in text  # the stance contradiction, in words
    kirby = claim_of(db, ids["kirby"])
    r = client.get(f"/claim/{kirby}")
    assert "number differs: 2,500 vs 3500 (troops)" in r.text
    assert f'href="/claim/{claim_of(db, ids["hussein_3500"])}"' in r.text


def test_speaker_page_aliases_timeline_and_stance_change(client: TestClient) -> None:
    r = client.get("/speaker", params={"name": "فؤاد حسين"})
    assert r.status_code == 200
    assert "Fuad Hussein" in r.text and "Iraqi foreign minister" in r.text and "فؤاد حسين" in r.text
    assert r.text.count("<circle") == 3 and "<svg" in r.text
    change = r.text[r.text.index("Where the stance changed"):r.text.index("Statements, oldest first")]
    assert "2026-02-01" in change and "2026-04-05" in change and "stance-for" in change and "stance-against" in change
    r = client.get("/speaker")
    assert "John Kirby" in r.text and "جون كيربي" in r.text


def test_contradictions_page_filters(client: TestClient) -> None:
    r = client.get("/contradictions", params={"min_score": "0"})
    assert "Ali Mansour denies what Samir Fathy asserts" in r.text and "number differs" in r.text
    r = client.get("/contradictions", params={"min_score": "0", "lang": "ar"})
    assert "number differs" in r.text and "Ali Mansour denies" not in r.text
    r = client.get("/contradictions", params={"min_score": "0", "source": "Daily"})
    assert "Ali Mansour denies" in r.text and "number differs" not in r.text
    r = client.get("/contradictions", params={"min_score": "0", "speaker": "Kirby"})
    assert "number differs" in r.text and "Ali Mansour denies" not in r.text
    r = client.get("/contradictions", params={"min_score": "0", "until": "2026-03-31"})
    assert "Ali Mansour denies" in r.text and "number differs" not in r.text
    r = client.get("/contradictions", params={"min_score": "0.9"})
    assert "Ali Mansour denies" in r.text and "number differs" not in r.text  # 0.95 stance, 0.86 figure
    r = client.get("/contradictions", params={"min_score": "0", "reviewed": "yes"})
    assert "No contradictions under these filters" in r.text


def test_review_by_form_needs_csrf_and_hides_a_false_positive(client: TestClient, db: Path, ids: dict[str, int]) -> None:
    cid = claim_of(db, ids["fathy"])
    assert post_mark(client, "contradiction", [cid, cid], "false_positive", None).status_code == 403
    token = csrf(client)
    assert post_mark(client, "contradiction", [cid, cid], "false_positive", "forged" + token).status_code == 403
    other = TestClient(client.app)  # another browser: its own cookie, not this token
    other.get("/")
    assert post_mark(other, "contradiction", [cid, cid], "false_positive", token).status_code == 403
    page = client.get("/contradictions", params={"min_score": "0"}).text
    assert f'name="csrf" value="{token}"' in page
    r = post_mark(client, "contradiction", [cid, cid], "false_positive", token, note="one claim, read wrong",
                  reviewer="منى")
    assert r.status_code == 303 and r.headers["location"] == "/contradictions"
    page = client.get("/contradictions", params={"min_score": "0"}).text
    assert "Ali Mansour denies" not in page and "number differs" in page
    page = client.get("/contradictions", params={"min_score": "0", "fp": "1"}).text
    assert "Ali Mansour denies" in page and "mark-false_positive" in page and "منى" in page
    assert "one claim, read wrong" in client.get(f"/claim/{cid}").text  # shown on the claim page too
    # a confirmed mark lists the pair first
    kirby, hussein = claim_of(db, ids["kirby"]), claim_of(db, ids["hussein_3500"])
    assert post_mark(client, "contradiction", [kirby, hussein], "confirmed", token).status_code == 303
    page = client.get("/contradictions", params={"min_score": "0", "fp": "1"}).text
    assert page.index("number differs") < page.index("Ali Mansour denies")
    # marks on a claim and a statement, shown where they are
    assert post_mark(client, "claim", [kirby], "needs_checking", token, note="ask CENTCOM").status_code == 303
    assert post_mark(client, "statement", [ids["kirby"]], "confirmed", token, reviewer="Omar").status_code == 303
    assert "ask CENTCOM" in client.get("/", params={"q": "2,500 US troops"}).text
    art = client.get("/article", params={"doc": "wire/troops-en.txt"}).text
    assert "mark-confirmed" in art and "Omar" in art
    assert "Omar" in client.get("/speaker", params={"name": "John Kirby"}).text
    assert "this statement:" in client.get("/", params={"q": "2,500 US troops"}).text
    # clearing, and bad forms
    assert post_mark(client, "claim", [kirby], "clear", token).status_code == 303
    assert "ask CENTCOM" not in client.get(f"/claim/{kirby}").text
    assert post_mark(client, "claim", [kirby], "true", token).status_code == 400
    assert post_mark(client, "claim", [999], "confirmed", token).status_code == 400
    assert post_mark(client, "planet", [kirby], "confirmed", token).status_code == 400
    r = post_mark(client, "claim", [kirby], "confirmed", token, next="https://evil.example/")
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_marks_set_in_the_browser_survive_reindexing(client: TestClient, db: Path, ids: dict[str, int]) -> None:
    cid = claim_of(db, ids["fathy"])
    token = csrf(client)
    assert post_mark(client, "contradiction", [cid, cid], "false_positive", token).status_code == 303
    with Store.open(db, write=True) as store:  # both articles re-extracted: new statement ids, a new claim
        for doc, speaker, polarity, text in [
            ("wire/bread-en.txt", "Samir Fathy", Polarity.ASSERTS, "Baker Samir Fathy said the loaf's weight has changed since January."),
            ("daily/bread-denial.txt", "Ali Mansour", Polarity.DENIES, "Minister Ali Mansour denied that the loaf's weight has changed since January.")]:
            words = "the loaf's weight has changed since January"
            a = text.index(words)
            st = Statement(doc=doc, text=words, start=a, end=a + len(words), kind=Kind.INDIRECT, lang="en",
                           speaker=speaker, polarity=polarity, sentence_start=0, sentence_end=len(text))
            store.put_article(Article(doc=doc, text=text, published="2026-03-09"), [st], EMBEDDER.embed([words]))
        cl.assign(store)
    page = client.get("/contradictions", params={"min_score": "0"}).text
    assert "number differs" in page and "Ali Mansour denies" not in page
    assert "Ali Mansour denies" in client.get("/contradictions", params={"min_score": "0", "fp": "1"}).text


def test_read_only_refuses_posts_and_hides_forms(db: Path, ids: dict[str, int]) -> None:
    client = TestClient(create_app(db, read_only=True, embedder=EMBEDDER))
    cid = claim_of(db, ids["fathy"])
    for url in ["/contradictions?min_score=0", f"/claim/{cid}", "/?q=loaf"]:
        page = client.get(url).text
        assert "<form class=\"review\"" not in page and "read-only" in page
    token = csrf(client)
    assert post_mark(client, "contradiction", [cid, cid], "false_positive", token).status_code == 403
    with Store.open(db) as store:
        assert store.reviews() == []


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no store"):
        create_app(tmp_path / "none")
    r = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "none")])
    assert r.exit_code == 4 and "no store at" in r.output and "Traceback" not in r.output
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "store.sqlite").write_bytes(b"this is not sqlite" * 100)
    r = CliRunner().invoke(cli_app, ["serve", "--db", str(bad)])
    assert r.exit_code == 4 and "cannot open store" in r.output


def test_a_locked_store_refuses_the_mark_politely(client: TestClient, db: Path, ids: dict[str, int]) -> None:
    token = csrf(client)
    with Store.open(db, write=True):  # an index run holds the writer lock
        page = client.get("/contradictions", params={"min_score": "0"})
        assert page.status_code == 200  # reading goes on
        import factrack.serve.app as web

        web_timeout = web._Stores.writing
        try:
            web._Stores.writing = lambda self: Store.open(self.path, write=True, timeout=0.0)  # type: ignore[method-assign]
            r = post_mark(client, "claim", [claim_of(db, ids["kirby"])], "confirmed", token)
        finally:
            web._Stores.writing = web_timeout  # type: ignore[method-assign]
    assert r.status_code == 503 and "another process" in r.text


def test_pages_follow_a_new_index_run(client: TestClient, db: Path, ids: dict[str, int]) -> None:
    assert "Layla Nassar" not in client.get("/", params={"q": "bridge reopened"}).text
    assert "Layla Nassar" not in client.get("/contradictions", params={"min_score": "0"}).text  # listing cached
    with Store.open(db, write=True) as store:
        text = "Layla Nassar said the bridge reopened on Monday."
        st = Statement(doc="new.txt", text=text, start=0, end=len(text), kind=Kind.CLAIM, lang="en", speaker="Layla Nassar")
        [new], _ = store.put_article(Article(doc="new.txt", text=text), [st], EMBEDDER.embed([text]))
        cl.assign(store)
        store.put_verdicts([(ids["kirby"], new, "contradiction", 0.8, ["made up for the test"], "t")])
    assert "Layla Nassar" in client.get("/", params={"q": "bridge reopened"}).text
    assert "made up for the test" in client.get("/contradictions", params={"min_score": "0"}).text


# ---------------------------------------------------------------------------- headless browser
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _browser() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.mark.slow
def test_in_a_headless_browser(tmp_path: Path) -> None:
    """Search in English and Arabic, open a claim, mark a contradiction false positive and see it
    leave the listing; screenshots of the main pages go to $FACTRACK_SCREENSHOTS (docs/screenshots/)."""
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    browser_path = _browser()
    if browser_path is None:
        pytest.skip("no chromium on PATH (make browser)")
    import uvicorn

    db = tmp_path / "db"
    ids = build_store(db)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db, embedder=EMBEDDER), host="127.0.0.1", port=port,
                                           log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    shots = Path(os.environ.get(SCREENSHOTS_ENV) or tmp_path / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    try:
        with playwright.sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.goto(base + "/")
            page.fill("input[name=q]", "the loaf's weight has changed")
            page.press("input[name=q]", "Enter")
            page.wait_for_selector("section.result")
            first = page.locator("section.result").first
            assert "Samir Fathy" in first.inner_text()
            first.locator("summary").click()  # the claim's other statements: the denial
            assert "Ali Mansour" in first.inner_text()
            page.screenshot(path=str(shots / "search-en.png"), full_page=True)
            page.fill("input[name=q]", "حوالي 3500 جندي أمريكي")
            page.press("input[name=q]", "Enter")
            page.wait_for_selector("section.result")
            text = page.locator("section.result .text").first
            assert "3500" in text.inner_text()
            # the browser lays the Arabic statement out right to left
            assert text.evaluate("e => getComputedStyle(e).direction") == "rtl"
            page.screenshot(path=str(shots / "search-ar.png"), full_page=True)
            page.click("section.result h2 a")
            page.wait_for_selector("text=Timeline")
            assert "/claim/" in page.url
            page.screenshot(path=str(shots / "claim.png"), full_page=True)
            page.goto(base + "/contradictions?min_score=0")
            assert page.locator("section.cx").count() == 2
            page.screenshot(path=str(shots / "contradictions.png"), full_page=True)
            row = page.locator("section.cx", has_text="Ali Mansour denies what Samir Fathy asserts")
            row.locator("select[name=mark]").select_option("false_positive")
            row.locator("input[name=reviewer]").fill("Mona")
            row.locator("button").click()
            page.wait_for_load_state()
            assert page.locator("section.cx").count() == 1
            assert "Ali Mansour denies" not in page.inner_text("main")
            page.goto(base + "/speaker?name=" + quote("Fuad Hussein"))
            page.screenshot(path=str(shots / "speaker.png"), full_page=True)
            page.goto(base + "/article?doc=" + quote("ahram/troops-ar.txt") + f"&s={ids['hussein_denies']}")
            page.screenshot(path=str(shots / "article-ar.png"), full_page=True)
            page.set_viewport_size({"width": 390, "height": 800})
            page.goto(base + "/contradictions?min_score=0&fp=1")
            page.screenshot(path=str(shots / "contradictions-narrow.png"), full_page=True)
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    with Store.open(db) as store:
        [mark] = store.reviews()
        assert (mark.mark, mark.reviewer) == ("false_positive", "Mona")


def test_warm_start_fills_the_listing_cache(db: Path, ids: dict[str, int]) -> None:
    app = create_app(db, embedder=EMBEDDER, warm=True)
    for t in threading.enumerate():
        if t.name == "factrack-warm":
            t.join(timeout=30)
    [(key, rows)] = app.state.stores.listings.items()
    assert key[-1] == 0.7 and len(rows) == 2  # the default page's listing (both rows score above 0.7)
    client = TestClient(app)
    assert "Ali Mansour denies what Samir Fathy asserts" in client.get("/contradictions").text
    app.state.stores.listings[key] = rows[1:]  # the page answers from the cache, not from the store
    assert "Ali Mansour denies" not in client.get("/contradictions").text


def test_article_page_shows_the_whole_text_when_the_file_is_unchanged(tmp_path: Path, db: Path, ids: dict[str, int]) -> None:
    from factrack.ingest import read_articles

    path = tmp_path / "plant.txt"
    path.write_text("Plant closure\nThe union said the plant was shut on Sunday. <script>alert(1)</script>\n"
                    "وقال الوزير إن المصنع لم يغلق.\nLast line.", encoding="utf-8")
    [article] = list(read_articles([str(path)]))
    words = "the plant was shut on Sunday"
    ar_words = "المصنع لم يغلق"
    sts = [Statement(doc=article.doc, text=w, start=article.text.index(w), end=article.text.index(w) + len(w),
                     kind=Kind.INDIRECT, lang=code, speaker=who)
           for w, code, who in ((words, "en", "Union"), (ar_words, "ar", "الوزير"))]
    with Store.open(db, write=True) as store:
        got, _ = store.put_article(article, sts, EMBEDDER.embed([s.text for s in sts]))
    client = TestClient(create_app(db, embedder=EMBEDDER))
    r = client.get("/article", params={"doc": article.doc, "s": got[1]})
    assert r.status_code == 200 and "The article's text as indexed" in r.text
    assert f'<mark class="other" data-statement="{got[0]}" id="s{got[0]}">{words}</mark>' in r.text
    assert f'<mark class="cur" data-statement="{got[1]}" id="s{got[1]}">{ar_words}</mark>' in r.text
    assert "Last line." in r.text and "<script>alert(1)" not in r.text and "&lt;script&gt;alert(1)" in r.text
    # off: only the stored sentences
    off = TestClient(create_app(db, embedder=EMBEDDER, article_files=False)).get("/article", params={"doc": article.doc})
    assert "Last line." not in off.text and "reading article files is off" in off.text
    # the file changed since: the offsets may not fit, so the stored sentences are shown, and why
    path.write_text(path.read_text(encoding="utf-8").replace("Sunday", "Monday"), encoding="utf-8")
    r = client.get("/article", params={"doc": article.doc})
    assert "changed since it was indexed" in r.text and "Last line." not in r.text and words in r.text
    path.unlink()
    assert "not readable from here" in client.get("/article", params={"doc": article.doc}).text
