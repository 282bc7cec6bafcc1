"""Rendering pieces: marks, the annotated text, list items and problem boxes (see also test_golden.py)."""

from __future__ import annotations

from dossier.dates import parse_date
from dossier.model import Claim, Context, Note, Source, Subject
from dossier.problems import Problem
from dossier.render import (
    Mark,
    language_name,
    marks_of,
    render_annotated_text,
)
from dossier.templates import Renderer

RENDERER = Renderer()

TEXT = " date 2023-02 \n\nUn & deux.\n\n\nTrois <quatre>.\n"


def _source(**kwargs: object) -> Source:
    fields: dict[str, object] = {
        "id": "x",
        "path": "sources/x.txt",
        "text": TEXT,
        "body_start": 14,
        "title": "X",
        "date": parse_date("2023-02"),
        "date_origin": "marker",
        "language": "fr",
        **kwargs,
    }
    return Source(**fields)  # type: ignore[arg-type]


def _claim(ident: str, start: int, end: int, **kwargs: object) -> Claim:
    return Claim(ident, TEXT[start:end], start, end, f"Claim *{ident}*.", ("t",), **kwargs)  # type: ignore[arg-type]


def _note(ident: str, start: int, end: int, **kwargs: object) -> Note:
    return Note(ident, TEXT[start:end], start, end, "idiom", "in English", "Because.", **kwargs)  # type: ignore[arg-type]


def test_language_name() -> None:
    assert [language_name(c) for c in ("fr", "zh-Hans", "xx", None)] == ["French", "Chinese", "xx", "not stated"]


def test_marks_are_numbered_in_text_order_by_kind() -> None:
    source = _source(claims=(_claim("a", 16, 18), _claim("b", 32, 37)), notes=(_note("n", 21, 25),))
    assert marks_of(source) == [
        Mark(16, 18, "claim-a", "claim", "C1"),
        Mark(32, 37, "claim-b", "claim", "C2"),
        Mark(21, 25, "note-n", "note", "N1"),
    ]
    assert marks_of(source)[0].ref == "ref-claim-a"


def test_text_without_marks_keeps_paragraphs_and_skips_the_marker() -> None:
    assert render_annotated_text(_source(), []) == (
        '<div class="dx-text" lang="fr">\n\n<p>Un &amp; deux.</p>\n\n\n<p>Trois &lt;quatre&gt;.<br>\n</p></div>'
    )


def test_text_without_language() -> None:
    assert render_annotated_text(_source(language=None), []).startswith('<div class="dx-text">')


def test_render_problems_escapes() -> None:
    html = RENDERER.render("problems", problems=[Problem("sources/x.yml", 1, 2, "Bad <b> & 'x'")])
    assert "<li><code>sources/x.yml:1:2: Bad &lt;b&gt; &amp; &#39;x&#39;</code></li>" in html
    assert html.startswith('<div class="admonition failure dx-problems" role="alert">')


def test_note_item() -> None:
    note = _note("n", 16, 18, original="One <&>", original_language="en")
    mark = marks_of(_source(notes=(note,)))[0]
    assert RENDERER.render("note", note=note, mark=mark, source=_source()) == (
        '<li id="ref-note-n">'
        '<a class="dx-back" href="#note-n">N1</a> '
        '<span class="dx-kind">Idiom</span> <q class="dx-quote" lang="fr">Un</q> '
        '<div class="dx-english"><span class="dx-field">In English:</span> in English</div>'
        '<div class="dx-original"><span class="dx-field">Likely original:</span> '
        '<q lang="en">One &lt;&amp;&gt;</q></div>'
        "<div>Because.</div></li>"
    )


def test_claim_item() -> None:
    claim = _claim(
        "c",
        16,
        25,
        subject="count",
        value=2.0,
        value_text="deux",
        unit="items",
        event_date=parse_date("2024-H1", periods=True),
        comment="Seen **twice**.",
        context=(Context("Known <i>", "https://example.org/?a=1&b=2"),),
    )
    mark = marks_of(_source(claims=(claim,)))[0]
    html = RENDERER.render(
        "claim",
        claim=claim,
        mark=mark,
        source=_source(),
        href=lambda to, fragment=None: to,
        topics={},
        subjects={"count": Subject("count", "Items <counted>", "How many?", "quantity", "items")},
        standings={},
        topic_links=RENDERER.topic_links(lambda to, fragment=None: to, {}),
        compare_notes={},
    )
    assert html == (
        '<li id="ref-claim-c">'
        '<a class="dx-back" href="#claim-c">C1</a> '
        'Claim <em>c</em>. <q class="dx-quote" lang="fr">Un &amp; deux</q> '
        '<div class="dx-facts">Items &lt;counted&gt;: deux items'
        " · first half of 2024 · "
        'Topics: <a href="topics/t.md">t</a></div>'
        '<div class="dx-comment"><span class="dx-field">Annotator:</span> Seen <strong>twice</strong>.</div>'
        '<div class="dx-context"><span class="dx-field">Context:</span> Known &lt;i&gt; '
        '(<a href="https://example.org/?a=1&amp;b=2" rel="nofollow noopener">source</a>)</div></li>'
    )
