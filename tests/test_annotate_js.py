"""The page's annotate script and the engine anchor passages alike (``docs/assets/annotate.js`` in node).

For every note and claim of the real dossier, and for random passages of its
texts, the script's quote and occurrence, given back to the engine's
:func:`~dossier.anchor.anchor_quote`, find the same offsets the script states.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess

import pytest
from conftest import ROOT

from dossier.anchor import TextIndex, anchor_quote, normalize
from dossier.contribute import annotate_lists, carriage_returns
from dossier.load import load_dossier
from dossier.model import Subject, Topic
from dossier.schema import NOTE_KINDS

SCRIPT = ROOT / "docs" / "assets" / "annotate.js"
NODE = shutil.which("node")


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _run(cases: list[dict]) -> list[dict | None]:
    if NODE is None:
        pytest.fail("node is missing: install Debian's nodejs (./dev test needs npm, which brings it)")
    program = (
        f"const a = require({json.dumps(str(SCRIPT))});"
        "const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(cases.map(c => a.locate(c.body, c.bodyStart, c.s, c.e))));"
    )
    result = subprocess.run([NODE, "-e", program], input=json.dumps(cases), capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def _case(source, start: int, end: int) -> dict:
    body = source.body
    return {
        "body": body,
        "bodyStart": source.body_start,
        "s": _utf16(body[: start - source.body_start]),
        "e": _utf16(body[: end - source.body_start]),
    }


def _agree(source, index: TextIndex, got: dict) -> tuple[int, int]:
    anchor = anchor_quote(index, got["quote"], occurrence=got["occurrence"])
    assert got["quote"] == source.text[got["start"] : got["end"]]
    assert got["count"] == len(index.find_all(normalize(got["quote"]).strip()))
    assert (got["occurrence"] is None) == (got["count"] == 1)
    return anchor.start, anchor.end


def test_every_annotation_of_the_dossier_is_located_as_the_engine_anchors_it() -> None:
    dossier = load_dossier(ROOT)
    items = [(s, item) for s in dossier.sources for item in (*s.notes, *s.claims)]
    assert len(items) > 100
    results = _run([_case(s, item.start, item.end) for s, item in items])
    repeated = 0
    for (source, item), got in zip(items, results, strict=True):
        index = TextIndex(source.text, source.path, source.body_start)
        assert (got["start"], got["end"]) == (item.start, item.end), item.id
        assert _agree(source, index, got) == (item.start, item.end), item.id
        repeated += got["occurrence"] is not None
    assert repeated > 0  # some quotes of the dossier repeat: the rule is exercised


def test_random_passages_with_white_space_around_are_trimmed_and_located_alike() -> None:
    dossier = load_dossier(ROOT)
    chance = random.Random(18)
    cases, where = [], []
    for source in dossier.sources:
        body = source.body
        for _ in range(60):
            a = chance.randrange(len(body))
            b = min(len(body), a + chance.choice([1, 2, 3, 5, 12, 40, 120]))
            cases.append(_case(source, source.body_start + a, source.body_start + b))
            where.append((source, a, b))
    results = _run(cases)
    for (source, a, b), got in zip(where, results, strict=True):
        index = TextIndex(source.text, source.path, source.body_start)
        if not source.body[a:b].strip():
            assert got is None
            continue
        assert _agree(source, index, got) == (got["start"], got["end"])
        assert source.body[a:b].strip() == got["quote"]


def test_the_script_handles_carriage_returns_and_astral_characters() -> None:
    text = " date 2024-01 Un \U0001f697 roule.\r\nUn \U0001f697 roule.\rFin"
    body_start = text.index("Un")
    body = text[body_start:]
    assert carriage_returns(body) == ([_utf16(body[: body.index("\r\n")])], [_utf16(body[: body.rindex("\r")]) - 1])
    second = body.index("Un", 2)
    cases = [{"body": body, "bodyStart": body_start, "s": _utf16(body[:second]), "e": _utf16(body[: second + 11])}]
    (got,) = _run(cases)
    assert got == {
        "quote": "Un \U0001f697 roule.",
        "start": body_start + second,
        "end": body_start + second + 11,
        "count": 2,
        "occurrence": 2,
    }
    assert text[got["start"] : got["end"]] == got["quote"]


def test_the_contributing_example_is_what_the_page_writes() -> None:
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown = re.search(r"ticking the topic \"Prices\" gives:\s*```yaml\n(.*?)```", guide, re.S).group(1)
    text = re.search(r"`sources/2024-03-28-xiaomi-su7-launch-price.txt`:\s*```text\n(.*?)```", guide, re.S).group(1)
    passage = "moins cher que la Tesla Model 3 en Chine"
    program = (
        f"const a = require({json.dumps(str(SCRIPT))});"
        "const c = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "const found = a.locate(c.text, 0, c.s, c.e);"
        "process.stdout.write(a.entryYaml('claim', {id: a.slugify(c.claim, []), quote: found.quote,"
        " occurrence: found.occurrence, claim: c.claim, topics: ['pricing']}));"
    )
    start = text.index(passage)
    case = {
        "text": text,
        "s": start,
        "e": start + len(passage),
        "claim": "The SU7 costs less than a Tesla Model 3 in China.",
    }
    written = subprocess.run([NODE, "-e", program], input=json.dumps(case), capture_output=True, text=True, check=True)
    assert written.stdout == shown


def test_the_shared_lists_are_a_script_that_gives_back_every_title_whatever_it_holds() -> None:
    if NODE is None:
        pytest.fail("node is missing: install Debian's nodejs (./dev test needs npm, which brings it)")
    hostile = 'A </script><b>"x"</b> \\ \u2028 \u2029 « é » 𝔸'
    topics = [Topic("leak", hostile, ""), Topic("plain", "Plain", "")]
    subjects = [Subject("capacity", hostile, "How many?", "quantity")]
    script = annotate_lists(topics, subjects)
    assert script.isascii() and "</" not in script  # safe in any page or file, whatever the titles hold
    program = (
        "const window = {}; eval(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(window.dossierAnnotateLists));"
    )
    result = subprocess.run([NODE, "-e", program], input=script, capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == {
        "kinds": dict(NOTE_KINDS),
        "topics": [["leak", hostile], ["plain", "Plain"]],
        "subjects": [["capacity", hostile]],
    }
