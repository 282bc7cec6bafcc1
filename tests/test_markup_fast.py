"""The fast path for emphasis-only text renders as Markdown itself does."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier import markup


def _markdown(text: str) -> str:
    markup._MD.reset()
    out = markup._MD.convert(text).strip().removeprefix("<p>").removesuffix("</p>")
    return out.replace("\n", " ")


def _same_html(fast: str, slow: str) -> bool:
    fast, slow = fast.strip(), slow.strip()
    return html.unescape(fast) == html.unescape(slow) and fast.count("<") == slow.count("<")


def test_strong_and_emphasis_take_the_fast_path():
    assert markup.render_emphasis("Xiaomi will demand **1 million yuan** in *compensation*.") == (
        "Xiaomi will demand <strong>1 million yuan</strong> in <em>compensation</em>."
    )


def test_text_the_fast_path_cannot_decide_goes_to_markdown():
    assert markup.render_emphasis("a **b") is None
    assert markup.render_emphasis("a**b**c") is None
    assert markup.render_emphasis("see [this](https://example.org)") is None
    assert markup.render_inline("a **b") == "a **b"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab *.,;:()\"'-?é")), max_size=30))
def test_fast_path_agrees_with_markdown(text):
    fast = markup.render_emphasis(text)
    if fast is not None:
        assert _same_html(fast, _markdown(text)), (text, fast, _markdown(text))
