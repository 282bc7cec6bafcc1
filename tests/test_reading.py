"""Reading a source page in a real browser: cards in the margin or under the paragraph, layers, print, no JS."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_browser import SHOT_QUALITY, SOURCE, open_page

pytestmark = pytest.mark.slow  # a built site and a browser

ABOUT = "about/index.html"
WIDE, NARROW = 1440, 375


def _boxes(page) -> list[dict]:
    """Each margin card's box and its passage's, in the order of the cards' tops."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.dx-margin > .dx-card')]
        .filter(c => c.getClientRects().length)
        .map(c => {
          const card = c.getBoundingClientRect();
          const passage = document.getElementById(c.dataset.dx).getBoundingClientRect();
          return {id: c.dataset.dx, top: card.top, bottom: card.bottom, left: card.left, right: card.right,
                  passage: passage.top};
        }).sort((a, b) => a.top - b.top)"""
    )


def _assert_stacked(boxes: list[dict], text_right: float, width: float) -> int:
    """Cards right of the text, never above their passage, within 24 px of it unless the card above
    pushed them down, never overlapping; the number pushed down."""
    previous = None
    pushed = 0
    for box in boxes:
        assert box["left"] >= text_right, box
        assert box["right"] <= width, box
        assert box["top"] >= box["passage"] - 1, box
        if previous is not None:
            assert box["top"] >= previous["bottom"], (previous, box)
        if box["top"] - box["passage"] > 24:
            assert previous is not None and box["top"] - previous["bottom"] <= 9, (previous, box)
            pushed += 1
        previous = box
    return pushed


def _article_width(page) -> float:
    return page.evaluate("() => document.querySelector('.md-content .md-typeset').getBoundingClientRect().width")


def test_wide_screen_cards_sit_beside_their_passages_without_overlap(browser, site_url: str, artifacts: Path) -> None:
    page = open_page(browser, site_url + SOURCE, WIDE)
    boxes = _boxes(page)
    entries = page.locator(".dx-list > li").count()
    assert len(boxes) == entries > 30
    text_right = page.evaluate("() => document.querySelector('.dx-text').getBoundingClientRect().right")
    width = page.evaluate("() => document.documentElement.clientWidth")
    pushed = _assert_stacked(boxes, text_right, width)
    assert pushed < len(boxes)
    # The article column is no narrower than on a page without cards (today's width).
    source_width = _article_width(page)
    page.goto(site_url + ABOUT)
    assert source_width >= _article_width(page) - 0.5
    assert page.problems == []


def test_wide_screen_hovering_a_passage_highlights_its_card_and_back(browser, site_url: str) -> None:
    page = open_page(browser, site_url + SOURCE, WIDE)
    anchor = "claim-penalty-1m-cny"
    page.hover(f"#{anchor}")
    assert "dx-active" in page.get_attribute(f"#card-{anchor}", "class")
    page.mouse.move(0, 0)
    page.hover(f"#card-{anchor}")
    assert "dx-active" in page.get_attribute(f"#{anchor}", "class")
    assert "1 million yuan" in page.inner_text(f"#card-{anchor}")
    # For a screen reader the card is the description of the passage's number, not a second copy.
    assert page.get_attribute(f'.dx-text a.dx-ref[data-dx="{anchor}"]', "aria-describedby") == f"card-{anchor}"
    assert page.get_attribute(".dx-margin", "aria-hidden") == "true"
    assert page.locator(".dx-margin a:not([tabindex='-1'])").count() == 0


def test_wide_screen_keeps_the_table_of_contents_reachable(browser, site_url: str) -> None:
    page = open_page(browser, site_url + SOURCE, WIDE)
    toc = page.locator('.md-sidebar--primary nav.md-nav--secondary a[href="#claims"]')
    assert toc.is_visible()


def test_on_a_phone_a_tap_opens_a_card_under_the_paragraph_and_another_closes_it(browser, site_url: str) -> None:
    page = open_page(browser, site_url + SOURCE, NARROW)
    anchor = "claim-penalty-1m-cny"
    assert page.locator(".dx-margin").count() == 0
    page.click(f"#{anchor}")
    card = page.locator(f"#card-{anchor}")
    card.wait_for(state="visible")
    assert "1 million yuan" in card.inner_text()
    assert page.evaluate(f"() => document.getElementById('card-{anchor}').previousElementSibling.tagName") in (
        "P",
        "DIV",
    )
    assert page.get_attribute(f'.dx-text a.dx-ref[data-dx="{anchor}"]', "aria-expanded") == "true"
    page.click(f"#{anchor}")
    assert card.count() == 0
    # Keyboard: Enter on the passage's number opens it too.
    page.focus(f'.dx-text a.dx-ref[data-dx="{anchor}"]')
    page.keyboard.press("Enter")
    card.wait_for(state="visible")
    assert page.evaluate("() => location.hash") == ""
    page.keyboard.press("Enter")
    assert card.count() == 0
    assert page.problems == []


def test_without_javascript_every_annotation_is_reachable_from_its_passage(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": WIDE, "height": 800}, java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + SOURCE)
    found = page.evaluate(
        """() => [...document.querySelectorAll('.dx-text :is(mark, u)[id]')].map(mark => {
          const ref = document.querySelector(`.dx-text a[href="#ref-${mark.id}"][data-n]`);
          const entry = ref && document.querySelector(ref.getAttribute('href'));
          return {id: mark.id, ref: !!ref, entry: !!entry && entry.getClientRects().length > 0,
                  back: !!entry && entry.querySelector('a.dx-back').getAttribute('href') === '#' + mark.id};
        })"""
    )
    assert len(found) == page.locator(".dx-list > li").count() > 30
    assert [f for f in found if not (f["ref"] and f["entry"] and f["back"])] == []
    styles = page.evaluate(
        """() => [getComputedStyle(document.querySelector('.dx-text mark')).boxShadow,
                  getComputedStyle(document.querySelector('.dx-text u')).textDecorationStyle,
                  getComputedStyle(document.querySelector('.dx-text a[data-n]'), '::after').content]"""
    )
    assert "inset" in styles[0] and styles[1] == "dotted" and styles[2].startswith('"[C')  # drawn without the script
    assert page.locator(".dx-card, .dx-layers").count() == 0
    # The header's details open without JavaScript.
    page.click("details.dx-about > summary")
    assert page.locator("details.dx-about dl").is_visible()
    context.close()


def _claim_background(page) -> str:
    return page.evaluate("() => getComputedStyle(document.querySelector('.dx-text mark.dx-claim')).backgroundColor")


def test_the_layer_switch_hides_and_restores_highlights_and_survives_a_reload(browser, site_url: str) -> None:
    page = open_page(browser, site_url + SOURCE, WIDE)
    shown = _claim_background(page)
    assert shown != "rgba(0, 0, 0, 0)"
    claims = page.get_by_role("checkbox", name="Claims")
    claims.uncheck()
    assert _claim_background(page) == "rgba(0, 0, 0, 0)"
    assert page.locator(".dx-text a.dx-ref-claim").first.is_hidden()
    assert page.locator(".dx-card-claim").first.is_hidden()
    assert page.locator(".dx-card-note").first.is_visible()
    assert page.inner_text(".dx-live") == "Claims hidden."
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")  # relaid out
    notes = _boxes(page)  # the notes' cards close up
    assert {b["id"].split("-")[0] for b in notes} == {"note"}
    text_right = page.evaluate("() => document.querySelector('.dx-text').getBoundingClientRect().right")
    _assert_stacked(notes, text_right, page.evaluate("() => document.documentElement.clientWidth"))
    page.reload()
    assert _claim_background(page) == "rgba(0, 0, 0, 0)"
    assert not page.get_by_role("checkbox", name="Claims").is_checked()
    page.get_by_role("button", name="Just the article").click()
    assert page.evaluate("() => getComputedStyle(document.querySelector('.dx-text .dx-note')).textDecorationLine") == (
        "none"
    )
    assert page.locator(".dx-margin > .dx-card:visible").count() == 0
    page.get_by_role("button", name="Just the article").click()
    assert _claim_background(page) == shown
    assert page.get_by_role("checkbox", name="Translation notes").is_checked()
    assert page.inner_text(".dx-live") == "Annotations shown."
    page.reload()
    assert _claim_background(page) == shown
    assert page.problems == []


@pytest.mark.parametrize("width", [NARROW, 1024, WIDE])
def test_a_source_page_is_screenshotted(browser, site_url: str, artifacts: Path, width: int) -> None:
    page = open_page(browser, site_url + SOURCE, width)
    sizes = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert sizes[0] <= sizes[1]
    shot = artifacts / f"reading-{width}.jpg"
    page.screenshot(path=str(shot), full_page=True, quality=SHOT_QUALITY)
    assert shot.stat().st_size > 0
    assert page.problems == []


def test_print_gives_the_article_and_its_endnotes_without_navigation(browser, site_url: str, artifacts: Path) -> None:
    page = open_page(browser, site_url + SOURCE, 1024, media="print")
    for hidden in (".md-header", ".md-sidebar--primary", ".md-footer", ".dx-layers"):
        assert page.locator(hidden).first.is_hidden(), hidden
    assert page.locator(".dx-text").is_visible()
    assert page.locator("ol.dx-claims > li").first.is_visible()
    assert page.locator("ol.dx-notes > li").first.is_visible()
    shot = artifacts / "reading-print.jpg"
    page.screenshot(path=str(shot), full_page=True, quality=SHOT_QUALITY)
    assert shot.stat().st_size > 0


def test_the_header_sums_up_the_source_in_one_line_with_the_details_one_click_away(built_site: Path) -> None:
    page = (built_site / SOURCE).read_text(encoding="utf-8")
    summary = (
        '<details class="dx-about"><summary class="dx-summary">February 2023 · Reuters story, republished with rupee '
        "conversions by an Indian English-language site, then machine-translated into French by a third site · "
        "French, machine-translated from English</summary>"
    )
    assert summary in page
    details = page[page.index(summary) : page.index("</details>", page.index(summary))]
    assert "<dt>Published</dt>" in details and "<dt>Origin</dt>" in details and "<dt>Language</dt>" in details


def test_on_a_phone_with_notes_hidden_a_tap_on_a_note_inside_a_claim_opens_the_claim(browser, site_url: str) -> None:
    page = open_page(browser, site_url + SOURCE, NARROW)
    page.get_by_role("checkbox", name="Translation notes").uncheck()
    assert page.evaluate("() => document.getElementById('note-amende').closest('#claim-penalty-1m-cny') !== null")
    page.click("#note-amende")
    page.locator("#card-claim-penalty-1m-cny").wait_for(state="visible")
    assert page.locator("#card-note-amende").count() == 0


def test_the_badge_layer_hides_any_badge_and_is_remembered_across_pages(browser, site_url: str) -> None:
    """Badges are whatever carries ``dx-badge`` or ``data-dx-layer="badges"`` (a claim's standing does);
    the about page has none, so one is added to it as the claim templates write it."""
    page = open_page(browser, site_url + SOURCE, WIDE)
    page.evaluate("() => localStorage.setItem('dossier-layers', JSON.stringify(['badges']))")
    page.goto(site_url + ABOUT)
    shown = page.evaluate(
        """() => {
          const badge = document.createElement('span');
          badge.className = 'dx-badge';
          badge.textContent = 'corroborated';
          document.querySelector('.md-typeset').append(badge);
          const hidden = getComputedStyle(badge).display;
          document.documentElement.classList.remove('dx-hide-badges');
          return [hidden, getComputedStyle(badge).display];
        }"""
    )
    assert shown == ["none", "inline"]
