"""The built site in a real browser: loads cleanly, stays local, notes show, links work, search, widths."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
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


def guarded_context(browser, width: int = 1280):
    """A new browser context whose pages (:func:`guarded_page`) each record, in ``page.problems``, their
    console errors, page errors and non-local requests (their own and their workers'; a request no page
    owns, a service worker's, counts against every page of the context)."""
    context = browser.new_context(viewport={"width": width, "height": 800}, proxy=NOWHERE)

    def watch(request) -> None:
        if request.url.startswith(("data:", "blob:")) or urlsplit(request.url).hostname == "127.0.0.1":
            return
        try:
            owners = [request.frame.page]
        except PlaywrightError:  # no frame: a service worker's request
            owners = context.pages
        for page in owners:
            page.problems.append(f"request outside the local server: {request.url}")

    context.on("request", watch)
    return context


def guarded_page(browser, width: int = 1280, context=None):
    """A new page that records console errors, page errors and non-local requests, in its own
    :func:`guarded_context` unless given one."""
    page = (context or guarded_context(browser, width)).new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
    return page


def open_page(browser, url: str, width: int = 1280, scheme: str = "light", media: str = "screen"):
    """The reading tab of ``url``'s site (:func:`reading_tab`) at ``url``, ``width``, colour scheme
    and media (``screen`` or ``print``), once the page has loaded (its scripts, styles and images),
    with nothing in the site's storage before its scripts run (as in a new tab). Nothing but the
    favicon comes later: waiting for an idle network would add half a second a page, and the page
    sweep (:func:`open_pages`) does wait for it, where what a page requests is the point."""
    page = reading_tab(browser, url)
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(media=media, color_scheme=scheme)
    with page.add_init_script("localStorage.clear(); sessionStorage.clear();"):  # this navigation only
        page.goto(url, wait_until="load")
    return page


_READING_TABS: dict[tuple[object, str], object] = {}


def reading_tab(browser, url: str):
    """The one guarded tab of ``browser`` that the tests reading pages of ``url``'s site (its origin)
    share, each going to its page with :func:`open_page`: a new tab would cost a renderer process and
    a cold browser cache each time. It is handed over with no problems and the mouse in the top left
    corner, hovering nothing."""
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(url))
    page = _READING_TABS.get((browser, origin))
    if page is None or page.is_closed():
        page = _READING_TABS[browser, origin] = guarded_page(browser)
    page.mouse.move(0, 0)
    page.problems = []
    return page


def open_pages(browser, urls: list[str], width: int, lanes: int = 8) -> Iterator[tuple[str, object]]:
    """Each of ``urls`` with the guarded page showing it once its network is idle.

    A few pages (lanes) of one browser context (one browser cache) go through the list side by
    side; a page's ``problems`` are those of the URL it shows. The context is closed at the end.
    An idle network is half a second without a request: the lanes wait for it side by side.
    """
    context = guarded_context(browser, width)
    pages = [guarded_page(browser, width, context) for _ in range(min(lanes, len(urls)))]
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
        context.close()


def test_the_site_has_the_expected_pages(built_site: Path) -> None:
    pages = site_pages(built_site)
    assert SOURCE in pages
    assert TOPIC in pages
    assert TIMELINE in pages


def test_the_request_guard_catches_outside_requests(browser, site_url: str) -> None:
    page = open_page(browser, site_url + "index.html")
    with page.context.expect_event("request", timeout=5000):  # the guard has seen it
        page.evaluate("() => fetch('http://192.0.2.1/x').catch(() => null)")
    assert "request outside the local server: http://192.0.2.1/x" in page.problems


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


def test_markers_link_to_the_lists_and_back(browser, site_url: str) -> None:
    page = open_page(browser, site_url + SOURCE)
    page.click(f'a.dx-ref[href="#ref-claim-{CLAIM}"]')
    assert page.evaluate("() => location.hash") == f"#ref-claim-{CLAIM}"
    assert page.locator(f"#ref-claim-{CLAIM}").is_visible()
    page.click(f"#ref-claim-{CLAIM} a.dx-back")
    assert page.evaluate("() => location.hash") == f"#claim-{CLAIM}"
    assert page.locator(f"#claim-{CLAIM}").is_visible()


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


def test_on_a_phone_the_timeline_picture_keeps_a_legible_size_and_scrolls_in_its_figure(browser, site_url: str) -> None:
    page = open_page(browser, site_url + TIMELINE, WIDTHS["phone"])
    box = page.locator("svg.dx-timeline-svg").bounding_box()
    assert box is not None and box["width"] >= 600
    sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert sizes[0] <= sizes[1]


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


SHOT_QUALITY = 80
"""The JPEG quality of the screenshots (for people to look at, not compared): a full page encodes in
half the time a PNG takes."""

SWEEP_PARTS = 2
"""The page sweep in parts, one test each, so that pytest-xdist's workers share it."""


@pytest.mark.parametrize("part", range(SWEEP_PARTS))
def test_every_page_loads_cleanly_stays_local_does_not_overflow_and_is_screenshotted(
    browser, built_site: Path, site_url: str, artifacts: Path, part: int
) -> None:
    """Every page (each part: every other one, largest first, so that the parts take about as long),
    loaded once at the width its tab was left at and resized to the other (the layout follows the
    viewport's media queries); a topic and the timeline are screenshotted at each width (a source
    page is, at three widths, by ``test_reading.py``)."""
    every = site_pages(built_site)
    pages = sorted(every, key=lambda p: -(built_site / p).stat().st_size)[part::SWEEP_PARTS]
    shots = [p for p in [TOPIC, *(p for p in every if p.split("/")[0] == "timeline")] if p in pages]
    problems, overflowing = [], []
    for url, page in open_pages(browser, [site_url + p for p in pages], WIDTHS["desktop"]):
        path = url.removeprefix(site_url)
        for name, pixels in sorted(WIDTHS.items(), key=lambda item: item[1] != page.viewport_size["width"]):
            if pixels != page.viewport_size["width"]:
                page.set_viewport_size({"width": pixels, "height": 800})
            sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
            if sizes[0] > sizes[1]:
                overflowing.append(f"{path} at {name} width: {sizes[0]} > {sizes[1]}")
            if path in shots:
                page.bring_to_front()  # a page behind the others of its context is painted slowly
                page.screenshot(path=str(artifacts / _shot_name(path, name)), full_page=True, quality=SHOT_QUALITY)
        problems += [f"{path}: {p}" for p in page.problems]
    print(f"browser: {len(pages)} of {len(every)} pages loaded")
    assert problems == [], "\n".join(problems)
    assert overflowing == []
    for path in shots:
        for name in WIDTHS:
            assert (artifacts / _shot_name(path, name)).stat().st_size > 0


def _shot_name(path: str, width: str) -> str:
    return f"{path.removesuffix('/index.html').replace('/', '_')}-{width}.jpg"


def test_the_provenance_picture_is_visible_and_its_boxes_lead_to_sources(browser, site_url: str) -> None:
    page = open_page(browser, site_url + "provenance/index.html")
    picture = page.locator("svg.dx-provenance-svg")
    assert picture.is_visible()
    box = picture.bounding_box()
    assert box is not None and box["width"] > 200 and box["height"] > 50
    boxes = picture.locator("a")
    assert boxes.count() >= 5
    boxes.first.click()
    page.wait_for_url(lambda url: "/sources/" in url)  # and the page it leads to has loaded
    assert page.locator("h1").first.is_visible()
    assert page.problems == []


def test_the_findings_page_asks_each_question_and_links_to_the_claims(browser, site_url: str) -> None:
    page = open_page(browser, site_url + "findings/index.html")
    questions = page.locator("section.dx-finding-entry h3")
    assert questions.count() >= 20
    assert all(questions.nth(i).inner_text().endswith("?") for i in range(questions.count()))
    link = page.locator('section.dx-finding-entry a[href*="#claim-"]').first
    fragment = link.get_attribute("href").split("#", 1)[1]
    link.click()
    page.wait_for_url(lambda url: url.endswith(f"#{fragment}"))
    assert page.evaluate("() => location.hash") == f"#{fragment}"
    assert page.problems == []


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
