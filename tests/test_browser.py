"""The release's SQLite database as a researcher browses it: Datasette on a loopback port, driven by headless
Chromium (Debian's chromium and chromedriver, which .ci/run installs) through Selenium.

The screenshot is kept as a test artifact in tests/artifacts/ (ignored by git)."""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pandas as pd
import pytest

from news_statements.copies import read
from news_statements.database import TILES, database_name, write_database, write_metadata
from news_statements.metadata import tables
from news_statements.pictures.tiles import write_tiles
from tests.readme_blocks import runnable

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM, CHROMEDRIVER = shutil.which("chromium"), shutil.which("chromedriver")
PHRASE = "dangerous scenario for the region"  # IFP News: Bagheri's words


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def datasette(tmp_path_factory):
    """Datasette serving the committed package's database on 127.0.0.1, started with the README's command from
    a folder laid out like the release's root; stopped when the tests end."""
    folder = tmp_path_factory.mktemp("release-root")
    database = write_database(ROOT / "datasets", folder / database_name())
    write_metadata(folder / "metadata.json")
    write_tiles(read(ROOT / "datasets"), folder / TILES)
    (block,) = runnable(ROOT / "README.md", "browser", "sh")
    port = free_port()
    command = [*shlex.split(block.code.split("#")[0]), "-h", "127.0.0.1", "-p", str(port)]
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    server = subprocess.Popen(command, cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):  # up to 20 s for it to start
            try:
                urllib.request.urlopen(f"{url}/-/versions.json", timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"datasette did not start: {server.stderr.read1().decode() if server.stderr else ''}")
        yield f"{url}/{database.stem}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("no browser installed: needs Debian's chromium and chromium-driver (.ci/run installs them)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(flag)
    for flag in ("--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def test_a_full_text_search_in_the_statements_view_finds_the_statement_with_its_speaker(datasette, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{datasette}/statement_details")
    assert "Statements with their speaker, outlet and targets" in browser.page_source  # title from views/*.sql
    box = browser.find_element(By.CSS_SELECTOR, "input[name='_search']")
    box.send_keys(PHRASE)
    box.submit()
    for _ in range(50):
        if "_search=" in browser.current_url:
            break
        time.sleep(0.1)
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    text = "\n".join(row.text for row in rows)
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "datasette-statement-search.png"))
    saying = pd.read_csv(ROOT / "datasets" / "statements.csv")["text"].str.contains(PHRASE, regex=False)
    assert len(rows) == saying.sum(), text  # (derived: a new article may report the same words again)
    assert "Mohammad Bagheri" in text and "IFP News" in text and PHRASE in text


def test_search_matches_a_word_by_its_stem(datasette, browser, tmp_path):
    """`terrorist` finds the statements that say "terrorists" too (FTS5's porter tokenizer), as README says."""
    import sqlite3

    from selenium.webdriver.common.by import By

    with sqlite3.connect(write_database(ROOT / "datasets", tmp_path / "stems.db")) as db:
        plural = db.execute("select count(*) from statements_fts where statements_fts match 'terrorists'").fetchone()
    browser.get(f"{datasette}/statement_details?_search=terrorist&_size=max")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    browser.save_screenshot(str(ARTIFACTS / "datasette-stem-search.png"))
    assert len(rows) == plural[0] > 0
    assert any("terrorists" in row.text for row in rows)


def test_a_tables_page_carries_its_description_from_the_schema(datasette, browser):
    from selenium.webdriver.common.by import By

    browser.get(f"{datasette}/mentions")
    description = browser.find_element(By.CSS_SELECTOR, ".metadata-description").text
    assert description == tables()["mentions"].description


def test_the_events_are_on_a_map_drawn_from_local_tiles_with_no_request_leaving_the_machine(datasette, browser):
    """datasette-cluster-map on event_details: markers (clusters) and tiles appear, and every resource the page
    loaded (scripts, styles, tiles, marker images) came from the local Datasette."""
    from selenium.webdriver.common.by import By

    browser.get(f"{datasette}/event_details?_size=max")
    for _ in range(100):  # up to 10 s for the map to load its rows and tiles
        markers = browser.find_elements(By.CSS_SELECTOR, ".leaflet-marker-icon")
        tiles = browser.find_elements(By.CSS_SELECTOR, "img.leaflet-tile-loaded")
        if markers and tiles:
            break
        time.sleep(0.1)
    browser.execute_script("document.querySelector('.leaflet-container').scrollIntoView()")
    time.sleep(1)  # (the tiles fade in)
    ARTIFACTS.mkdir(exist_ok=True)
    browser.save_screenshot(str(ARTIFACTS / "datasette-event-map.png"))
    assert markers, "no marker on the map"
    assert tiles and all(f"/{TILES}/" in tile.get_attribute("src") for tile in tiles)
    origin = datasette.split("/", 3)[:3]
    loaded = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    elsewhere = [url for url in loaded if url.split("/", 3)[:3] != origin and not url.startswith("data:")]
    assert not elsewhere, elsewhere
