"""The dashboard in a real browser: Debian's chromium driven by Selenium.

The store holds the bundled examples (examples/, coded by the pipeline) plus the small
hand-made corpus of tests/test_api_corpus.py, whose events are known exactly.  The server
runs in a thread on a free loopback port.  Every test fails on a browser console error.

Skipped, with a message, where chromium or chromedriver is missing (install them with
``bash scripts/install-browser.sh``).  Set ``EVENTWIRE_SCREENSHOTS=docs`` to save a
screenshot of each view (the PNGs in docs/ are made this way).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventwire.api import service
from eventwire.api.app import create_app
from eventwire.dedup import recompute
from eventwire.ingest import read_paths
from eventwire.pipeline import Pipeline
from eventwire.store.db import Store
from eventwire.store.ingest import ingest
from test_api_corpus import documents

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("EVENTWIRE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("EVENTWIRE_CHROMEDRIVER", "/usr/bin/chromedriver")
SHOTS = os.environ.get("EVENTWIRE_SCREENSHOTS")
WAIT = 20


def _browser_missing() -> str | None:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not (os.path.exists(path) and os.access(path, os.X_OK)):
            return f"{path} not found: install chromium and chromium-driver (bash scripts/install-browser.sh)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (it comes with the test extras: make test)"
    return None


_MISSING = _browser_missing()
pytestmark = [pytest.mark.slow, pytest.mark.skipif(_MISSING is not None, reason=_MISSING or "")]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> Iterator[str]:
    import uvicorn

    db = tmp_path_factory.mktemp("dash") / "dashboard.duckdb"
    with Store(db) as st:
        stats = ingest(st, read_paths([str(ROOT / "examples")]), pipeline, dedup=None)
        assert stats.coded > 0
        st.write_batch(documents())
        recompute(st, "cluster")
    service.use_pipeline(pipeline)
    app = create_app(db, token="")
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    service.use_pipeline(None)


@pytest.fixture(scope="module")
def browser(server: str) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="eventwire-chromium-")
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1400,1000",
        f"--user-data-dir={profile}",
    ):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    drv.set_page_load_timeout(WAIT)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture()
def page(browser: Any, server: str) -> Iterator[Any]:
    """The browser, checked for console errors after the test."""
    browser.get_log("browser")  # start clean
    yield browser
    severe = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert not severe, f"browser console errors: {severe}"
    fetched = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    outside = [u for u in fetched if not u.startswith(server + "/")]
    assert not outside, f"the page fetched from elsewhere: {outside}"


def wait_for(drv: Any, css: str, count: int = 1) -> list[Any]:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    def found(d: Any) -> list[Any] | bool:
        els = d.find_elements(By.CSS_SELECTOR, css)
        return els if len(els) >= count else False

    return WebDriverWait(drv, WAIT).until(found, f"waiting for {count} x {css}")


def idle(drv: Any) -> None:
    """Wait until the dashboard has no request in flight."""
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(drv, WAIT).until(
        lambda d: d.execute_script("return document.getElementById('status').className !== 'busy'")
    )


def shot(drv: Any, name: str, height: int = 1000) -> None:
    if not SHOTS:
        return
    drv.set_window_size(1400, height)
    time.sleep(0.3)
    out = Path(SHOTS)
    out.mkdir(parents=True, exist_ok=True)
    drv.save_screenshot(str(out / f"dashboard-{name}.png"))
    drv.set_window_size(1400, 1000)


def open_view(drv: Any, server: str, frag: str) -> None:
    drv.get(f"{server}/#/{frag}")


# --------------------------------------------------------------------------- the dyad, its rows, an event


def test_dyad_timeline_rows_and_event_highlights(page: Any, server: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_view(page, server, "dyad")
    wait_for(page, "#dyad-a-list a[data-code=RUS]")
    idle(page)
    # a code is labelled by its country, not by a member's name; the picker can be searched
    rus = page.find_element(By.CSS_SELECTOR, "#dyad-a-list a[data-code=RUS]").text
    assert re.fullmatch(r"RUS · Russia \(\d+\)", rus), rus
    page.find_element(By.ID, "dyad-a-search").send_keys("russ")
    assert [a.get_attribute("data-code") for a in page.find_elements(By.CSS_SELECTOR, "#dyad-a-list a")] == [
        "anyone",
        "RUS",
    ]
    page.find_element(By.CSS_SELECTOR, "#dyad-a-list a[data-code=RUS]").click()
    wait_for(page, "#dyad-b-list a[data-code=UKR]")
    idle(page)
    page.find_element(By.CSS_SELECTOR, "#dyad-b-list a[data-code=UKR]").click()
    idle(page)
    wait_for(page, "#dyad-freq")
    Select(page.find_element(By.ID, "dyad-freq")).select_by_value("week")
    wait_for(page, "#dyad-events tbody tr")
    idle(page)
    assert "a=RUS&b=UKR&freq=week" in page.current_url
    assert "RUS ↔ UKR, per week" in page.find_element(By.CSS_SELECTOR, "#timeline h2").text
    # stacked bars: the hand-made ACCUSE in the week of 2024-03-04, the AGREE in the week of 2024-04-08
    bars = wait_for(page, "#timeline svg g.bar-group[data-period='2024-03-04'] rect.bar")
    assert bars[0].get_attribute("fill") == "#f2a541"  # verbal conflict
    wait_for(page, "#timeline svg g.bar-group[data-period='2024-04-08'] rect.bar")
    assert page.find_elements(By.CSS_SELECTOR, "#timeline svg path.line-mean_goldstein")
    rows = page.find_elements(By.CSS_SELECTOR, "#dyad-events tbody tr")
    texts = [r.text for r in rows]
    assert any("Ukraine accused Russia of shelling Kharkiv" in t for t in texts), texts
    assert any("Russia agreed with Ukraine" in t for t in texts), texts
    shot(page, "dyad", 1200)

    # open the accusation: two mentions in two articles, each with its highlights
    row = next(r for r in rows if "Ukraine accused Russia of shelling Kharkiv" in r.text)
    row.click()
    mentions = wait_for(page, ".mention", 2)
    idle(page)
    assert "#/event/ev-" in page.current_url
    assert "2 mention(s) in 2 article(s) from 2 source(s)" in page.find_element(By.ID, "event-summary").text
    for m in mentions:
        assert [e.text for e in m.find_elements(By.CSS_SELECTOR, ".hl-trigger")] == ["accused"]
        actor = [e.text for e in m.find_elements(By.CSS_SELECTOR, ".hl-actor")]
        assert actor in (["Ukraine"], ["Ukrainian officials"]), actor
        assert [e.text for e in m.find_elements(By.CSS_SELECTOR, ".hl-recipient")] == ["Russia"]
        times = [e.text for e in m.find_elements(By.CSS_SELECTOR, ".hl-time")]
        assert times in (["on Sunday"], ["on Monday"]), times
    shot(page, "event")


def test_event_place_highlight(page: Any, server: str) -> None:
    from selenium.webdriver.common.by import By

    open_view(page, server, "events?type=ASSAULT&place=Kharkiv")
    rows = wait_for(page, "#events-list tbody tr")
    idle(page)
    assert len(rows) == 1 and "Russian troops shelled Kharkiv" in rows[0].text
    rows[0].click()
    (m,) = wait_for(page, ".mention")
    assert [e.text for e in m.find_elements(By.CSS_SELECTOR, ".hl-place")] == ["Kharkiv"]
    assert [e.text for e in m.find_elements(By.CSS_SELECTOR, ".hl-trigger")] == ["shelled"]
    assert [e.text for e in m.find_elements(By.CSS_SELECTOR, ".hl-actor")] == ["Russian troops"]


def test_article_text_is_shown_as_text(page: Any, server: str) -> None:
    from selenium.webdriver.common.by import By

    open_view(page, server, "article/t-d")
    box = wait_for(page, "#coded-text .hltext")[0]
    idle(page)
    assert "<b>Officials</b> gave no date." in box.text
    assert not box.find_elements(By.TAG_NAME, "b")
    assert [e.text for e in box.find_elements(By.CSS_SELECTOR, ".hl-trigger")] == ["agreed"]


# --------------------------------------------------------------------------- the other views


def test_overview_quotes_network_map(page: Any, server: str) -> None:
    from selenium.webdriver.common.by import By

    open_view(page, server, "")
    wait_for(page, ".cards .card", 8)
    idle(page)
    shot(page, "overview")

    open_view(page, server, "events")
    rows = wait_for(page, "#events-list tbody tr", 10)
    idle(page)
    total = int(page.find_element(By.ID, "events-total").get_attribute("data-total"))
    assert len(rows) == min(50, total)  # a page
    assert page.find_elements(By.CSS_SELECTOR, "#events-list .pager")
    shot(page, "events")

    open_view(page, server, "quotes?speaker=Joe%20Biden")
    items = wait_for(page, "#quotes-list .quote-item")
    idle(page)
    assert any("We will stand with Ukraine for as long as it takes." in i.text for i in items)
    assert page.find_elements(By.CSS_SELECTOR, ".speakers a.active")
    shot(page, "quotes")

    open_view(page, server, "network")
    wait_for(page, "#network svg g.node", 3)
    idle(page)
    edge = page.find_element(By.CSS_SELECTOR, "#network path.edge[data-source='UKR GOV'][data-target='RUS']")
    assert edge.get_attribute("stroke") == "#c62828"  # conflict
    coop = page.find_element(
        By.CSS_SELECTOR, "#network path.edge[data-source='RUS GOV'][data-target='CHN GOV']"
    )
    assert coop.get_attribute("stroke") == "#2e7d32"
    shot(page, "network", 1250)

    open_view(page, server, "map")
    land = wait_for(page, "#map svg path.land", 100)
    idle(page)
    assert len(land) > 100
    shown = {c.get_attribute("data-code") for c in page.find_elements(By.CSS_SELECTOR, "#map [data-code]")}
    assert {"RUS", "TUR"} <= shown  # countries of the event places (Moscow, Ankara), drawn on their shapes
    shot(page, "map", 900)

    open_view(page, server, "articles")
    wait_for(page, "#articles-table tbody tr", 5)
    idle(page)


def test_code_an_article(page: Any, server: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    open_view(page, server, "code")
    wait_for(page, "#code-example option[value='1']")
    idle(page)
    sel = Select(page.find_element(By.ID, "code-example"))
    label = next(o.text for o in sel.options if "kerry" in o.text.lower())
    sel.select_by_visible_text(label)
    text = page.find_element(By.ID, "code-text").get_attribute("value")
    assert "Lavrov" in text
    page.find_element(By.ID, "code-run").click()
    box = wait_for(page, "#code-result #coded-text .hltext")[0]
    idle(page)
    assert box.text.replace("\n", "") == text.replace("\n", "")
    assert box.find_elements(By.CSS_SELECTOR, ".hl-time")
    assert box.find_elements(By.CSS_SELECTOR, ".hl-actor, .hl-entity, .hl-speaker, .hl-recipient")
    assert "Coded in" in page.find_element(By.ID, "code-result").text
    shot(page, "code", 1300)


def test_api_docs_work_offline(page: Any, server: str) -> None:
    page.get(f"{server}/docs")
    wait_for(page, ".swagger-ui .opblock", 10)
    assert "eventwire" in page.title
    text = page.find_element("css selector", ".swagger-ui").text
    assert "/api/timeline" in text and "/api/code" in text
