"""Quotes are published as the text stores them; ``check`` warns about typographic
differences and ``check --fix`` rewrites them in place, leaving the rest of the file as it was."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, write_dossier

from dossier.analysis import analyse
from dossier.cli import main
from dossier.export import build_dossier_json
from dossier.load import load_dossier
from dossier.paths import Layout
from dossier.quotes import rewrite_scalar
from dossier.w3c import expand, prefixes_of

NBSP = "\u00a0"
TEXT = f"Lei Jun l’a dit : l’usine produira 150{NBSP}000 voitures par an, « dès 2024 ».\n"
TOPICS = "topics:\n  - id: production\n    title: Production\n    summary: How many cars.\n"
HEAD = "# A comment that stays.\ntitle: A factory\ndate: 2023-02\nlanguage: fr\ntopics: [production]\n"


def claim(quote_line: str, ident: str = "capacity") -> str:
    return f"  - id: {ident}  # the figure\n{quote_line}    claim: A factory.\n    topics: [production]\n"


def write(root: Path, annotation: str, text: str = TEXT) -> Path:
    return write_dossier(
        root,
        {"sources/2023-02-factory.txt": text, "sources/2023-02-factory.yml": annotation, "sources/topics.yml": TOPICS},
    )


def run(root: Path, *args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["check", "--root", str(root), *args])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_the_model_and_the_export_hold_the_text_as_stored(tmp_path: Path) -> None:
    write(tmp_path, HEAD + "claims:\n" + claim("    quote: l'usine produira 150 000 voitures\n"))
    dossier = load_dossier(tmp_path)
    assert dossier.problems == ()
    (claim_,) = dossier.sources[0].claims
    assert claim_.quote == f"l’usine produira 150{NBSP}000 voitures"
    exported = build_dossier_json(dossier, analyse(dossier), Layout())["sources"][0]["claims"][0]
    assert exported["quote"] == TEXT[exported["start"] : exported["end"]] == claim_.quote


def test_check_warns_at_the_quote_and_passes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, HEAD + "claims:\n" + claim("    quote: l'usine produira 150 000 voitures\n"))
    status, out, err = run(tmp_path, capsys=capsys)
    assert status == 0
    assert out == (
        "sources/2023-02-factory.yml:8:12: warning: The quote differs from the text only in typography: "
        "the text has ’ (U+2019) where the quote has ' (U+0027); the text has no-break space (U+00A0) "
        "where the quote has space (U+0020). The site shows the text's passage; "
        "run './dev check --fix' to copy it into this file.\n"
        "OK: 1 sources, 0 notes, 1 claims, 1 topics.\n"
    )
    assert err == "1 quote differs from the text only in typography: './dev check --fix' rewrites them.\n"


def test_check_is_quiet_about_exact_quotes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, HEAD + "claims:\n" + claim(f"    quote: l’usine produira 150{NBSP}000 voitures\n"))
    assert run(tmp_path, capsys=capsys) == (0, "OK: 1 sources, 0 notes, 1 claims, 1 topics.\n", "")


def test_github_output_marks_them_as_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, HEAD + "claims:\n" + claim("    quote: l'usine\n"))
    _, out, _ = run(tmp_path, "--github", capsys=capsys)
    assert "::warning file=sources/2023-02-factory.yml,line=8,col=12::The quote differs" in out
    assert "::error" not in out


WRITTEN = "l'usine produira 150 000 voitures"
EXACT = f"l’usine produira 150{NBSP}000 voitures"

STYLES = {
    "plain": (f"    quote: {WRITTEN}\n", f"    quote: {EXACT}\n"),
    "plain, then a comment": (f"    quote: {WRITTEN}  # copied\n", f"    quote: {EXACT}  # copied\n"),
    "single-quoted": ("    quote: 'l''usine produira 150 000 voitures'\n", f"    quote: '{EXACT}'\n"),
    "double-quoted": (f'    quote: "{WRITTEN}"\n', f'    quote: "{EXACT}"\n'),
    "literal block": (
        f"    quote: |-\n      {WRITTEN}\n",
        f"    quote: |-\n      {EXACT}\n",
    ),
    "folded block over two lines": (
        "    quote: >-\n      l'usine produira\n      150 000 voitures\n",
        f"    quote: >-\n      l’usine produira\n      150{NBSP}000 voitures\n",
    ),
    "folded block, clip chomping, a blank line after": (
        f"    quote: >\n      {WRITTEN}\n\n",
        f"    quote: >\n      {EXACT}\n\n",
    ),
}


@pytest.mark.parametrize("style", STYLES)
def test_fix_rewrites_only_the_quote_in_its_style(
    tmp_path: Path, style: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before, after = STYLES[style]
    write(tmp_path, HEAD + "claims:\n" + claim(before) + "# the end\n")
    path = tmp_path / "sources/2023-02-factory.yml"
    original = path.read_text(encoding="utf-8")
    status, out, _ = run(tmp_path, "--fix", capsys=capsys)
    assert status == 0
    assert out.startswith("Rewrote 1 quote to the text's passage in sources/2023-02-factory.yml.\n")
    assert path.read_text(encoding="utf-8") == original.replace(before, after)
    assert run(tmp_path, capsys=capsys) == (0, "OK: 1 sources, 0 notes, 1 claims, 1 topics.\n", "")


FALLBACKS = {
    # A plain scalar cannot start with a quotation mark.
    "plain": ("'usine' produira\n", "    quote: ‘usine’ produira\n", "    quote: \"'usine' produira\"\n"),
    # Nor hold a line break, nor can a single-quoted one.
    "plain, line break": ("l’usine\nproduira\n", "    quote: l'usine produira\n", '    quote: "l’usine\\nproduira"\n'),
    "single-quoted, line break": (
        "l’usine\r\nproduira\n",
        "    quote: 'l''usine produira'\n",
        '    quote: "l’usine\\r\\nproduira"\n',
    ),
    # Single quotes double an apostrophe; double quotes escape a quotation mark.
    "single-quoted, apostrophe": ("l'usine “x”\n", "    quote: 'l’usine \"x\"'\n", "    quote: 'l''usine “x”'\n"),
    "plain, quotation mark": ('dit "x"\n', "    quote: dit “x”\n", '    quote: dit "x"\n'),
    "double-quoted, escaped": ('dit "x"\n', '    quote: "dit \\u201cx\\u201d"\n', '    quote: "dit \\"x\\""\n'),
}


@pytest.mark.parametrize("case", FALLBACKS)
def test_fix_writes_what_the_style_can_hold(tmp_path: Path, case: str, capsys: pytest.CaptureFixture[str]) -> None:
    text, before, after = FALLBACKS[case]
    write(tmp_path, HEAD + "claims:\n" + claim(before), text)
    path = tmp_path / "sources/2023-02-factory.yml"
    original = path.read_text(encoding="utf-8")
    assert run(tmp_path, "--fix", capsys=capsys)[0] == 0
    assert path.read_text(encoding="utf-8") == original.replace(before, after)
    assert run(tmp_path, capsys=capsys) == (0, "OK: 1 sources, 0 notes, 1 claims, 1 topics.\n", "")


def test_fix_keeps_the_rest_of_the_file_byte_for_byte(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    annotation = (
        "\ufeff"
        + HEAD
        + 'notes:\n  - id: dit\n    quote: "l\'a dit"\n    kind: idiom\n    english: said it\n'
        + "    explanation: 'Nothing: the reader''s ‘quotes’ stay.'\n"
        + "claims:\n"
        + claim("    quote: |-\n      l'usine produira\n      150 000 voitures\n", "capacity")
        + claim("    quote: dès 2024\n", "when")
    ).replace("\n", "\r\n")
    write(tmp_path, annotation)
    path = tmp_path / "sources/2023-02-factory.yml"
    run(tmp_path, "--fix", capsys=capsys)
    expected = (
        annotation.replace('"l\'a dit"', '"l’a dit"')
        # A literal block keeps its line breaks: the text has a space there.
        .replace("      l'usine produira\r\n      150 000", f"      l’usine produira 150{NBSP}000")
        .encode("utf-8")
    )
    assert path.read_bytes() == expected
    assert yaml.safe_load(path.read_text(encoding="utf-8-sig"))["notes"][0]["explanation"] == (
        "Nothing: the reader's ‘quotes’ stay."
    )


def test_fix_does_nothing_when_every_quote_is_exact(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, HEAD + "claims:\n" + claim(f"    quote: {EXACT}\n"))
    path = tmp_path / "sources/2023-02-factory.yml"
    before = path.read_bytes()
    assert run(tmp_path, "--fix", capsys=capsys)[:2] == (0, "OK: 1 sources, 0 notes, 1 claims, 1 topics.\n")
    assert path.read_bytes() == before


# -- the real dossier, as built ---------------------------------------------------------


def stored_text(path: str) -> str:
    return (ROOT / path).read_bytes().decode("utf-8").removeprefix("\ufeff")


def test_the_built_dossier_json_quotes_the_text_as_stored(built_site: Path) -> None:
    data = json.loads((built_site / "dossier.json").read_text(encoding="utf-8"))
    checked = 0
    for source in data["sources"]:
        text = stored_text(source["path"])
        for item in source.get("notes", []) + source.get("claims", []):
            assert text[item["start"] : item["end"]] == item["quote"], (source["id"], item["id"])
            checked += 1
    assert checked == sum(
        len(yaml.safe_load(p.read_text(encoding="utf-8")).get(key) or [])
        for p in (ROOT / "sources").glob("*.yml")
        if p.name not in {"topics.yml", "subjects.yml"}
        for key in ("notes", "claims")
    )


def test_the_built_annotations_quote_the_text_as_stored(built_site: Path) -> None:
    data = json.loads((built_site / "annotations.jsonld").read_text(encoding="utf-8"))
    items, prefixes = data["first"]["items"], prefixes_of(data)
    assert "next" not in data["first"]
    exported = json.loads((built_site / "dossier.json").read_text(encoding="utf-8"))
    # One annotation per note and claim, and one more per verdict (motivation 'assessing'), whose target is
    # its claim's annotation.
    total = sum(len(s.get("notes", ())) + len(s.get("claims", ())) for s in exported["sources"])
    verdicts = sum(1 for s in exported["sources"] for c in s.get("claims", ()) if c.get("verdict"))
    ids = {annotation["id"] for annotation in items}
    assert [a["target"] in ids for a in items if a["motivation"] == "assessing"] == [True] * verdicts
    offsets = {
        (s["path"], f"{prefix}-{item['id']}"): (item["start"], item["end"])
        for s in exported["sources"]
        for prefix, key in (("note", "notes"), ("claim", "claims"))
        for item in s.get(key, ())
    }
    checked = 0
    for annotation in items:
        if annotation["motivation"] == "assessing":
            continue
        target = annotation["target"]
        path = "sources/" + expand(target["source"], prefixes).rsplit("/sources/", 1)[1]
        start, end = offsets[path, annotation["id"].rsplit("#", 1)[1]]
        text = stored_text(path)
        selector = target["selector"]
        if isinstance(selector, dict):  # the quote alone: found once in the text, at the passage
            assert (text.find(selector["exact"]), text.count(selector["exact"])) == (start, 1), annotation["id"]
            quote = selector
        else:
            quote, position = selector
            assert (position["start"], position["end"]) == (start, end), annotation["id"]
        assert text[start:end] == quote["exact"], annotation["id"]
        checked += 1
    assert checked == total


def test_every_quote_on_every_page_is_a_stored_passage(built_site: Path) -> None:
    data = json.loads((built_site / "dossier.json").read_text(encoding="utf-8"))
    passages = {item["quote"] for s in data["sources"] for item in s.get("notes", []) + s.get("claims", [])}
    shown = [
        (page.relative_to(built_site).as_posix(), html.unescape(quote))
        for page in built_site.rglob("*.html")
        for quote in re.findall(r"(?<!Likely original:</span> )<q\b[^>]*>(.*?)</q>", page.read_text(encoding="utf-8"))
    ]
    assert {quote for _, quote in shown} == passages  # every passage quoted
    assert [(page, quote) for page, quote in shown if quote not in passages] == []
    # quoted on its source's page; the pages that gather many sources link to the passage instead
    assert {page.split("/")[0] for page, _ in shown} == {"sources"}


def test_a_scalar_that_cannot_be_written_is_an_error() -> None:
    text = "quote: l'usine\n"
    node = yaml.compose(text).value[0][1]
    with pytest.raises(ValueError, match="Cannot write the quote 'l’usine' as a YAML scalar"):
        rewrite_scalar(text, node, "l’usine", lambda candidate: None)
    assert rewrite_scalar(text, node, "l’usine", lambda candidate: yaml.safe_load(candidate)["quote"]) == (
        "quote: l’usine\n"
    )


def test_a_failed_fix_is_reported_without_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, HEAD + "claims:\n" + claim(f"    quote: {WRITTEN}\n"))
    before = (tmp_path / "sources/2023-02-factory.yml").read_bytes()

    def refuse(root: Path, found: object) -> list[str]:
        raise ValueError("sources/2023-02-factory.yml: Cannot write the quote; the file is left as it was")

    monkeypatch.setattr("dossier.cli.fix_quotes", refuse)
    assert run(tmp_path, "--fix", capsys=capsys) == (
        1,
        "",
        "sources/2023-02-factory.yml: Cannot write the quote; the file is left as it was. "
        "Rewrite its quotes by hand.\n",
    )
    assert (tmp_path / "sources/2023-02-factory.yml").read_bytes() == before
