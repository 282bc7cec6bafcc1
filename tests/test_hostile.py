"""Hostile text: script and markup payloads in sources and in every annotation field.

Where HTML is not allowed the check refuses it with an exact message; where a
payload is allowed (the source text, the quotes that select it, plain-text
fields such as titles) a real browser shows it literally and runs nothing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import check_dossier, write_dossier
from site_fixtures import build_once, serve_site, shared_path, site_pages, write_fixture_project
from test_validators import MATERIAL_AUTOCOMPLETE, nu_messages_of_the_run

SLUG = "2023-02-hostile"
TOPICS = "topics:\n  - id: factory\n    title: Factory\n    summary: Where the cars are made.\n"
SUBJECTS = (
    "subjects:\n  - id: capacity\n    title: Capacity\n    question: How many?\n    kind: quantity\n    unit: cars\n"
)
# Each payload, with what the check quotes from it when it is refused.
HTML_PAYLOADS = {
    "<script>alert(1)</script>": "'<script>'",
    "<img src=x onerror=alert(1)>": "'<img src=x onerror=alert(1)>'",
    '"><svg onload=alert(1)>': "'<svg onload=alert(1)>'",
    "[x](<javascript:alert(1)>)": "'<javascript:alert(1)>'",
}
LINK_PAYLOADS = {
    "[x](javascript:alert(1))": "'javascript:alert(1)'",
    "[x]( javascript:alert(1) )": "'javascript:alert(1)'",
    "[x](JavaScript:alert(1))": "'JavaScript:alert(1)'",
    "[x](data:text/html,hi)": "'data:text/html,hi'",
}
PLAIN_PAYLOADS = ["javascript:alert(1)", "[x](javascript:alert(1))", "a & b < c > d \" ' done"]
TEXT = "Xiaomi a annoncé une usine à Pékin.\n"
# (field, kind of field, where it sits in the messages, line, how to write the annotation file with it)
SOURCE_FIELDS = ["title", "summary", "publisher", "date_basis", "translation_basis", "publisher_basis"]
NOTE_FIELDS = ["english", "original", "explanation"]
CLAIM_FIELDS = ["claim", "unit", "comment", "context"]
MARKDOWN = {
    "summary",
    "date_basis",
    "translation_basis",
    "publisher_basis",
    "explanation",
    "claim",
    "comment",
    "context",
}


def _block(fields: dict[str, str], field: str, value: str) -> list[str]:
    """YAML lines of one list item, with ``field`` set to ``value`` last."""
    lines = [f"{k}: {v}" for k, v in fields.items() if k != field] + [f"{field}: {value}"]
    return ["  - " + lines[0], *("    " + line for line in lines[1:])]


def annotation_with(field: str, payload: str) -> tuple[str, int, int, str, str]:
    """The annotation file with ``payload`` in ``field``: text, line, column, where, key name."""
    value = json.dumps(payload, ensure_ascii=False)
    head = {"title": "Hostile", "date": "2023-02", "language": "fr"}
    note = {"id": "n", "quote": "usine", "kind": "idiom", "english": "factory", "explanation": "Why."}
    claim = {"id": "c", "quote": "Pékin", "claim": "A claim.", "topics": "[factory]"}
    if field == "unit":
        claim.update(subject="capacity", value="3")
    if field in SOURCE_FIELDS:
        lines = [f"{k}: {v}" for k, v in head.items() if k != field] + [f"{field}: {value}"]
        where, name, col = "the annotation file", field, len(field) + 3
    else:
        lines = [f"{k}: {v}" for k, v in head.items()]
        if field in NOTE_FIELDS:
            lines += ["notes:", *_block(note, field, value)]
            where, name, col = "note 'n'", field, len(field) + 7
        elif field == "context":
            lines += ["claims:", *_block(claim, "context", "x")[:-1], "    context:"]
            lines += ["      - url: https://example.org/", f"        text: {value}"]
            where, name, col = "the context of claim 'c'", "text", 15
        else:
            lines += ["claims:", *_block(claim, field, value)]
            where, name, col = "claim 'c'", field, len(field) + 7
    return "\n".join(lines) + "\n", len(lines), col, where, name


def refusal(name: str, where: str, payload: str) -> str:
    """The check's message for ``payload`` in field ``name`` of ``where``."""
    if payload in HTML_PAYLOADS:
        return (
            f"Raw HTML is not allowed in '{name}' of {where}: found {HTML_PAYLOADS[payload]}. "
            "Write plain text or Markdown; to show a '<', write it with a space after it."
        )
    return (
        f"Expected a link to an http://, https:// or mailto: address in '{name}' of {where} "
        f"but received {LINK_PAYLOADS[payload]}."
    )


REFUSED = [(f, p) for f in SOURCE_FIELDS + NOTE_FIELDS + CLAIM_FIELDS for p in HTML_PAYLOADS]
REFUSED += [(f, p) for f in sorted(MARKDOWN) for p in LINK_PAYLOADS]


@pytest.mark.parametrize(("field", "payload"), REFUSED)
def test_the_check_refuses_markup_where_it_is_not_allowed(field: str, payload: str, tmp_path: Path) -> None:
    annotation, line, col, where, name = annotation_with(field, payload)
    write_dossier(
        tmp_path,
        {
            "sources/topics.yml": TOPICS,
            "sources/subjects.yml": SUBJECTS,
            f"sources/{SLUG}.txt": TEXT,
            f"sources/{SLUG}.yml": annotation,
        },
    )
    result = check_dossier(tmp_path)
    assert result.returncode == 1
    assert result.stdout == f"sources/{SLUG}.yml:{line}:{col}: {refusal(name, where, payload)}\n"


TOPIC_REFUSED = [("title", p) for p in HTML_PAYLOADS] + [("summary", p) for p in (*HTML_PAYLOADS, *LINK_PAYLOADS)]


@pytest.mark.parametrize(("field", "payload"), TOPIC_REFUSED)
def test_the_check_refuses_markup_in_topics(field: str, payload: str, tmp_path: Path) -> None:
    other = "summary: Where the cars are made." if field == "title" else "title: Factory"
    topics = f"topics:\n  - id: factory\n    {other}\n    {field}: {json.dumps(payload)}\n"
    write_dossier(tmp_path, {"sources/topics.yml": topics, "sources/2023-02-a.txt": " date 2023-02 in\n\nTexte.\n"})
    result = check_dossier(tmp_path)
    assert result.returncode == 1
    message = refusal(field, "topic 'factory'", payload)
    assert result.stdout == f"sources/topics.yml:4:{len(field) + 7}: {message}\n"


def test_the_payload_count() -> None:
    payloads = len(HTML_PAYLOADS) + len(LINK_PAYLOADS) + len(PLAIN_PAYLOADS)
    refused = len(REFUSED) + len(TOPIC_REFUSED)
    print(f"hostile text: {payloads} payloads, {refused} refused field/payload pairs")
    assert len(REFUSED) >= 50


HOSTILE_TEXT = (
    "Xiaomi <script>alert(1)</script> a annoncé <img src=x onerror=alert(1)> une usine "
    '"><svg onload=alert(1)> à Pékin.\n\n'
    "Voir [x](javascript:alert(1)) et [y](<javascript:alert(1)>) ou javascript:alert(1) & <b>gras</b>.\n"
)
HOSTILE_ANNOTATION = """title: "Hostile [x](javascript:alert(1)) & javascript:alert(1)"
summary: "It says &lt;b&gt;bold&lt;/b&gt; < i > & javascript:alert(1) in [a link](https://example.org/?a=1&b=2)."
date: 2023-02
date_basis: "Given as &lt;b&gt;February&lt;/b&gt; & javascript:alert(1)"
language: fr
translated_from: es
translation_basis: "a < b > c and [ref]: javascript:alert(1)"
publisher: "[p](javascript:alert(1))"
publisher_basis: "*em* and `javascript:alert(1)` and &#60;script&#62;"
topics: [factory]
derived_from:
  - name: "Wire < /b > & [w](javascript:alert(1))"
    url: https://example.org/?a=1&b=2
    how: republication
    note: "&lt;i&gt; & javascript:alert(1)"
notes:
  - id: img
    quote: <img src=x onerror=alert(1)>
    kind: extraction
    english: "[e](javascript:alert(1))"
    original: javascript:alert(1)
    explanation: "Markup left in the text: &lt;img&gt; & [ref]: javascript:alert(1)"
  - id: link
    quote: "[y](<javascript:alert(1)>)"
    kind: extraction
    english: a link
    explanation: Markdown left in the text.
claims:
  - id: script
    quote: <script>alert(1)</script>
    claim: A script tag in the text.
    topics: [factory]
    comment: "&lt;script&gt; & javascript:alert(1)"
    verdict:
      rating: misleading
      reason: "< /script > &lt;!-- & javascript:alert(1)"
    context:
      - url: https://example.org/?q=a&x=b
        text: "javascript:alert(1) & a < b"
  - id: svg
    quote: '"><svg onload=alert(1)>'
    claim: An SVG tag in the text.
    topics: [factory]
    subject: svg
    value: 1
    unit: "javascript:alert(1)"
  - id: md
    quote: "[x](javascript:alert(1))"
    claim: A Markdown link in the text.
    topics: [factory]
"""
HOSTILE_SUBJECTS = (
    'subjects:\n  - id: svg\n    title: "SVG &lt;b&gt; [t](javascript:alert(1))"\n'
    '    question: "Which &lt;b&gt; payload?"\n    kind: quantity\n    unit: payloads\n'
)
HOSTILE_TOPICS = (
    'topics:\n  - id: factory\n    title: "Factory [t](javascript:alert(1))"\n'
    '    summary: "Where the cars are made: &lt;b&gt; & javascript:alert(1)"\n'
)
INJECTED = (
    '() => [...document.querySelectorAll(\'img[onerror], svg[onload], b, a[href^="javascript" i], '
    "[onload], [onerror], [onclick], [onmouseover]')].map(e => e.outerHTML.slice(0, 80))"
    ".concat([...document.scripts].filter(s => s.type !== 'application/ld+json' && s.textContent.includes('alert'))"
    ".map(s => s.outerHTML.slice(0, 80)))"
)


def build_hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The project of a source full of payloads and its site, built once for the run."""
    with shared_path(tmp_path_factory, "hostile") as root:
        if not (root / "mkdocs.yml").is_file():
            write_dossier(
                root,
                {
                    "sources/topics.yml": HOSTILE_TOPICS,
                    "sources/subjects.yml": HOSTILE_SUBJECTS,
                    f"sources/{SLUG}.txt": HOSTILE_TEXT,
                    f"sources/{SLUG}.yml": HOSTILE_ANNOTATION,
                },
            )
            assert check_dossier(root).returncode == 0, check_dossier(root).stdout
            write_fixture_project(root)
    return root, build_once(tmp_path_factory, "hostile-site", root)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    """The site of :func:`build_hostile_site`, served on 127.0.0.1."""
    root, site = build_hostile_site(tmp_path_factory)
    server, url = serve_site(site, root)
    yield site, url
    server.shutdown()


def test_nothing_executes_and_payloads_show_literally(browser, hostile_site: tuple[Path, str]) -> None:
    site, url = hostile_site
    dialogs: list[str] = []
    injected: list[str] = []
    page = browser.new_page()  # one tab goes to every page: one renderer, one browser cache
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in site_pages(site):
        page.goto(url + path)
        for mark in page.locator(".dx-text [data-dx]").all():
            mark.hover()
        injected += [f"{path}: {e}" for e in page.evaluate(INJECTED)]
        if path == f"sources/{SLUG}/index.html":
            text = page.locator(".dx-text").inner_text()
            for payload in ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>'):
                assert payload in text
            assert "[x](javascript:alert(1)) et [y](<javascript:alert(1)>)" in text
            assert "<b>gras</b>" in text
            assert page.locator("h1").first.inner_text() == "Hostile [x](javascript:alert(1)) & javascript:alert(1)"
            assert page.locator("#ref-note-img .dx-english").inner_text() == "In English: [e](javascript:alert(1))"
            assert "javascript:alert(1)" in page.locator("#ref-claim-svg .dx-facts").inner_text()
            assert page.locator("#ref-claim-script .dx-quote").inner_text() == "<script>alert(1)</script>"
            page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
            reviews = page.evaluate(
                "() => [...document.querySelectorAll('script[type=\"application/ld+json\"]')]"
                ".map(s => JSON.parse(s.textContent))"
            )
            bodies = [n["reviewBody"] for r in reviews for n in r["@graph"] if n["@type"] == "ClaimReview"]
            assert bodies == ["< /script > &lt;!-- & javascript:alert(1)"]
            chain = page.locator(".dx-chain").inner_text()
            lede = page.locator(".dx-lede").inner_text()
            assert lede == "It says <b>bold</b> < i > & javascript:alert(1) in a link."
            line = page.locator(".dx-reliability").inner_text()
            assert line == "Republication; origin: Wire < /b > & [w](javascript:alert(1))"
            assert chain.startswith("Wire < /b > & [w](javascript:alert(1)) → this text (republication: ")
            shown = page.locator("article").inner_text()  # the header's details opened, as a reader would
            for literal in (
                "Given as <b>February</b> & javascript:alert(1)",  # entities in Markdown are text, not tags
                "a < b > c and [ref]: javascript:alert(1)",
                "<script> & javascript:alert(1)",
                "javascript:alert(1) & a < b",
                "Markup left in the text: <img> & [ref]: javascript:alert(1)",
            ):
                assert literal in shown, literal
        if path == "topics/factory/index.html":
            assert "Where the cars are made: <b> & javascript:alert(1)" in page.locator("article").inner_text()
    page.close()
    assert dialogs == []
    assert injected == []


def test_the_injection_probe_does_see_injected_markup(browser) -> None:
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with page.expect_event("dialog", timeout=5000):  # the image's error handler has run
        page.set_content("<p>x</p><img src=x onerror=alert(1)><b>gras</b>")
    assert len(page.evaluate(INJECTED)) == 2
    assert dialogs == ["1"]
    page.close()


@pytest.fixture(scope="module")
def nu_messages(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[dict]]:
    """:func:`test_validators.nu_messages_of_the_run`: the hostile site's pages are checked with the others."""
    return nu_messages_of_the_run(built_site, tmp_path_factory)


def test_hostile_pages_pass_the_nu_html_checker(nu_messages: dict[str, list[dict]]) -> None:
    pages = [page for page in nu_messages if page.startswith("hostile/")]
    assert "hostile/sources/2023-02-hostile/index.html" in pages
    errors = [
        f"{page}:{m.get('lastLine')}: {m['message']}"
        for page in pages
        for m in nu_messages[page]
        if m["message"] != MATERIAL_AUTOCOMPLETE
    ]
    assert errors == []
