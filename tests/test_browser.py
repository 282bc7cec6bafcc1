"""The built site in a real browser: loads cleanly, stays local, notes show, links work, search, widths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from site_fixtures import site_pages

SOURCE = "sources/2023-02-xiaomi-fines-supplier-reuters/index.html"
CLAIM = "penalty-1m-cny"
TIMELINE = "timeline/index.html"
TOPIC = "topics/lawsuit/index.html"
WIDTHS = {"phone": 375, "desktop": 1280}


NOWHERE = {"server": "http://127.0.0.1:9", "bypass": "127.0.0.1"}
"""Every request but the local server's goes to a proxy that is not there (the discard port) and fails
at once: pages cannot reach the network, and the browser keeps its cache (routing requests would not)."""


def guarded_page(browser, width: int = 1280):
    """A new page in its own context that records console errors, page errors and non-local requests."""
    context = browser.new_context(viewport={"width": width, "height": 800}, proxy=NOWHERE)
    page = context.new_page()
    page.problems = []

    def watch(request) -> None:  # the context's requests: the page's and its workers'
        if not request.url.startswith(("data:", "blob:")) and urlsplit(request.url).hostname != "127.0.0.1":
            page.problems.append(f"request outside the local server: {request.url}")

    context.on("request", watch)
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    return page


def open_page(browser, url: str, width: int = 1280):
    """A guarded page at ``url``, once it has loaded (its scripts, styles and images). Nothing but the
    favicon comes later: waiting for an idle network would add half a second a page, and the page
    sweep (:func:`open_pages`) does wait for it, where what a page requests is the point."""
    page = guarded_page(browser, width)
    page.goto(url, wait_until="load")
    return page


def open_pages(browser, urls: list[str], width: int, lanes: int = 2) -> Iterator[tuple[str, object]]:
    """Each of ``urls`` with the guarded page showing it once its network is idle.

    A few pages (lanes) go through the list side by side, each keeping its browser cache; a
    page's ``problems`` are those of the URL it shows. The pages are closed at the end. Two
    lanes wait for idle networks side by side at the CPU cost of one; each more lane has its
    own cache to fill (four cost half as much CPU again).
    """
    pages = [guarded_page(browser, width) for _ in range(min(lanes, len(urls)))]
    try:
        for start in range(0, len(urls), len(pages)):
            step = list(zip(urls[start : start + len(pages)], pages, strict=False))
            for url, page in step:
                page.problems = []
                page.goto(url, wait_until="commit")
            for url, page in step:
                page.wait_for_load_state("networkidle")
                yield url, page
    finally:
        for page in pages:
            page.context.close()


def test_the_site_has_the_expected_pages(built_site: Path) -> None:
    pages = site_pages(built_site)
    assert SOURCE in pages
    assert TOPIC in pages
    assert TIMELINE in pages


def test_the_request_guard_catches_outside_requests(browser, site_url: str) -> None:
    page = open_page(browser, site_url + "index.html")
    page.evaluate("() => fetch('http://192.0.2.1/x').catch(() => null)")
    page.wait_for_timeout(200)
    assert "request outside the local server: http://192.0.2.1/x" in page.problems
    page.context.close()


def test_a_claim_shows_its_entry_on_keyboard_focus(browser, site_url: str) -> None:
    """Focusing a passage's number highlights its card in the margin, which holds the entry."""
    page = open_page(browser, site_url + SOURCE)
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.dx-text a.dx-ref')"):
            break
    focused = page.evaluate("() => document.activeElement.getAttribute('data-dx')")
    assert focused is not None, "Tab never reached a marker"
    card = page.locator(f"#card-{focused}")
    assert "dx-active" in (card.get_attribute("class") or "")
    assert card.is_visible()
    expected = page.locator(f"#ref-{focused} .dx-quote").inner_text()
    assert expected in card.text_content()
    assert page.problems == []
    page.context.close()


def test_markers_link_to_the_lists_and_back(browser, site_url: str) -> None:
    page = open_page(browser, site_url + SOURCE)
    page.click(f'a.dx-ref[href="#ref-claim-{CLAIM}"]')
    assert page.evaluate("() => location.hash") == f"#ref-claim-{CLAIM}"
    assert page.locator(f"#ref-claim-{CLAIM}").is_visible()
    page.click(f"#ref-claim-{CLAIM} a.dx-back")
    assert page.evaluate("() => location.hash") == f"#claim-{CLAIM}"
    assert page.locator(f"#claim-{CLAIM}").is_visible()
    page.context.close()


def test_the_timeline_picture_is_visible_and_its_periods_lead_to_their_events(browser, site_url: str) -> None:
    page = open_page(browser, site_url + TIMELINE)
    picture = page.locator("svg.dx-timeline-svg")
    assert picture.is_visible()
    box = picture.bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 50
    bars = picture.locator("a")
    assert bars.count() >= 5
    target = bars.nth(bars.count() // 2).get_attribute("href")
    assert target is not None and target.startswith("#")
    picture.locator(f'a[href="{target}"] rect').last.click()
    assert page.evaluate("() => location.hash") == target
    section = page.locator(f"ol.dx-timeline > li{target}")
    assert section.is_visible()
    top = section.bounding_box()
    assert top is not None and 0 <= top["y"] < page.viewport_size["height"]
    assert page.problems == []
    page.context.close()


def test_on_a_phone_the_timeline_picture_keeps_a_legible_size_and_scrolls_in_its_figure(browser, site_url: str) -> None:
    page = open_page(browser, site_url + TIMELINE, WIDTHS["phone"])
    box = page.locator("svg.dx-timeline-svg").bounding_box()
    assert box is not None and box["width"] >= 600
    sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert sizes[0] <= sizes[1]
    page.context.close()


def test_search_finds_a_claim_by_a_french_word_of_its_quote(browser, site_url: str) -> None:
    page = open_page(browser, site_url + "index.html")
    wanted = "2023-02-xiaomi-fines-supplier-reuters"
    links = '.md-search-result__list[data-query="usine"] > li > .md-search-result__link'
    for _ in range(5):  # typed as a reader would; again if the search index was not ready yet
        page.click(".md-search__input")
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.keyboard.type("usine", delay=30)
        try:  # results show one by one: wait for the one wanted among those that answer "usine"
            page.wait_for_function(
                "([links, wanted]) => [...document.querySelectorAll(links)].some(a => a.href.includes(wanted))",
                arg=[links, wanted],
                timeout=5000,
            )
            break
        except PlaywrightTimeout:
            continue
    hrefs = page.eval_on_selector_all(links, "links => links.map(a => a.getAttribute('href'))")
    assert any(wanted in h for h in hrefs), hrefs
    page.context.close()


SWEEP_PARTS = 2
"""The page sweep in parts, one test each, so that pytest-xdist's workers share it."""


@pytest.mark.parametrize("part", range(SWEEP_PARTS))
def test_every_page_loads_cleanly_stays_local_does_not_overflow_and_is_screenshotted(
    browser, built_site: Path, site_url: str, artifacts: Path, part: int
) -> None:
    """Every page (each part: every other one, largest first, so that the parts take about as long),
    loaded once at the first width and resized to the others (the layout follows the viewport's media
    queries); a few pages are screenshotted at each width."""
    every = site_pages(built_site)
    pages = sorted(every, key=lambda p: -(built_site / p).stat().st_size)[part::SWEEP_PARTS]
    shots = [p for p in [SOURCE, TOPIC, *(p for p in every if p.split("/")[0] == "timeline")] if p in pages]
    problems, overflowing = [], []
    (first, width), *others = WIDTHS.items()
    for url, page in open_pages(browser, [site_url + p for p in pages], width):
        path = url.removeprefix(site_url)
        for name, pixels in [(first, width), *others]:
            if pixels != width:
                page.set_viewport_size({"width": pixels, "height": 800})
            sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            if sizes[0] > sizes[1]:
                overflowing.append(f"{path} at {name} width: {sizes[0]} > {sizes[1]}")
            if path in shots:
                page.screenshot(path=str(artifacts / _shot_name(path, name)), full_page=True)
        if others:
            page.set_viewport_size({"width": width, "height": 800})
        problems += [f"{path}: {p}" for p in page.problems]
    print(f"browser: {len(pages)} of {len(every)} pages loaded")
    assert problems == [], "\n".join(problems)
    assert overflowing == []
    for path in shots:
        for name in WIDTHS:
            assert (artifacts / _shot_name(path, name)).stat().st_size > 0


def _shot_name(path: str, width: str) -> str:
    return f"{path.removesuffix('/index.html').replace('/', '_')}-{width}.png"


def test_the_provenance_picture_is_visible_and_its_boxes_lead_to_sources(browser, site_url: str) -> None:
    page = open_page(browser, site_url + "provenance/index.html")
    picture = page.locator("svg.dx-provenance-svg")
    assert picture.is_visible()
    box = picture.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 50
    boxes = picture.locator("a")
    assert boxes.count() >= 5
    boxes.first.click()
    page.wait_for_load_state("networkidle")
    assert "/sources/" in page.url
    assert page.locator("h1").first.is_visible()
    assert page.problems == []
    page.context.close()


def test_the_findings_page_asks_each_question_and_links_to_the_claims(browser, site_url: str) -> None:
    page = open_page(browser, site_url + "findings/index.html")
    questions = page.locator("section.dx-finding-entry h3")
    assert questions.count() >= 20
    assert all(questions.nth(i).inner_text().endswith("?") for i in range(questions.count()))
    link = page.locator('section.dx-finding-entry a[href*="#claim-"]').first
    fragment = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("() => location.hash") == f"#{fragment}"
    assert page.problems == []
    page.context.close()


def test_the_saved_colour_scheme_applies_from_the_sites_palette_script_before_the_theme_loads(
    browser, site_url: str
) -> None:
    page = guarded_page(browser)
    page.goto(site_url)
    page.evaluate("() => __md_set('__palette', {color: {scheme: 'slate', primary: 'indigo', accent: 'indigo'}})")
    page.route("**/bundle.*.min.js", lambda route: route.abort())  # Material's own script could apply it too
    page.goto(site_url + "about/")
    assert page.evaluate("() => document.body.getAttribute('data-md-color-scheme')") == "slate"
    assert page.locator('script[src$="assets/palette.js"]').count() == 1
    assert '__md_get("__palette")' not in page.content()  # not inlined in the page
    page.context.close()
