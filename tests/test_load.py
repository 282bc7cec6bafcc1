"""Every kind of problem in sources/ is reported as ``path:line:col: message``, all at once."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import check_dossier, write_dossier

from dossier.anchor import normalize
from dossier.load import load_dossier

TOPICS = (
    "topics:\n"
    "  - id: production\n    title: Production\n    summary: Factories.\n"
    "  - id: lawsuit\n    title: Lawsuit\n    summary: Courts.\n"
)
TEXT = "Xiaomi produira 300 000 voitures par an à Pékin.\n\nL’usine ouvrira en 2024. L’usine est grande.\n"
HEAD = "title: A\ndate: 2023-02\nlanguage: fr\n"
NO_DATE = (
    "No date for sources/a.txt: the text has no 'date YYYY-MM[-DD]' marker at its start, so add "
    "'date: YYYY-MM-DD' (or YYYY-MM, or YYYY) to this file, and 'date_basis' to say how it was inferred."
)


def claim(ident: str, quote: str, extra: str = "") -> str:
    return f"  - id: {ident}\n    quote: {quote}\n    claim: A claim.\n    topics: [production]\n{extra}"


def note(explanation: str) -> str:
    return (
        f"notes:\n  - id: n\n    quote: Pékin\n    kind: idiom\n    english: Beijing\n    explanation: {explanation}\n"
    )


def problems_of(tmp_path: Path, files: dict[str, str | bytes | None]) -> list[str]:
    base: dict[str, str | bytes | None] = {"sources/topics.yml": TOPICS, "sources/a.txt": TEXT, **files}
    write_dossier(tmp_path, {k: v for k, v in base.items() if v is not None})
    return [str(p) for p in load_dossier(tmp_path).problems]


CASES = {
    "bad YAML": (
        {"sources/a.yml": HEAD + "title: [unclosed\n"},
        [
            "sources/a.yml:5:1: Invalid YAML: did not find expected ',' or ']' "
            "(while parsing a flow sequence that starts at line 4, column 8)."
        ],
    ),
    "tab indentation": (
        {"sources/a.yml": HEAD + "notes:\n\t- id: x\n"},
        [
            "sources/a.yml:5:1: Invalid YAML: found character that cannot start any token (while scanning for "
            "the next token). Indent with spaces: YAML does not allow tabs."
        ],
    ),
    "unknown key with did-you-mean": (
        {"sources/a.yml": HEAD + "claims:\n" + claim("c", "Pékin").replace("quote:", "quotes:")},
        ["sources/a.yml:6:5: Unknown key 'quotes' in claim 'c'. Did you mean 'quote'?"],
    ),
    "unknown key without a close one": (
        {"sources/a.yml": HEAD + "zzzzz: B\n"},
        [
            "sources/a.yml:4:1: Unknown key 'zzzzz' in the annotation file. Expected one of: title, summary, date, "
            "date_basis, language, translated_from, translation_basis, publisher, publisher_basis, url, derived_from, "
            "topics, notes, claims."
        ],
    ),
    "wrong type": (
        {"sources/a.yml": "title: 12\ndate: 2023-02\nlanguage: fr\n"},
        [
            "sources/a.yml:1:8: Expected a string for 'title' in the annotation file but received an integer: 12. "
            "Put text in quotes."
        ],
    ),
    "list instead of string": (
        {"sources/a.yml": "title: [A]\ndate: 2023-02\nlanguage: fr\n"},
        [
            "sources/a.yml:1:8: Expected a string for 'title' in the annotation file but received a list. "
            "Write it as one string; for several lines, put '>-' after the key and indent the lines under it."
        ],
    ),
    "missing required key": (
        {"sources/a.yml": "date: 2023-02\nlanguage: fr\n"},
        ["sources/a.yml:1:1: Missing required key 'title' in the annotation file."],
    ),
    "bad date": (
        {"sources/a.yml": "title: A\ndate: 2023-02-30\nlanguage: fr\n"},
        [
            "sources/a.yml:2:7: Expected a day from 01 to 28 in February 2023 but received '2023-02-30' "
            "for 'date' in the annotation file."
        ],
    ),
    "unknown topic": (
        {"sources/a.yml": HEAD + "topics: [producton]\n"},
        [
            "sources/a.yml:4:10: Unknown topic 'producton' in the annotation file. Did you mean 'production'? "
            "Topics are defined in sources/topics.yml."
        ],
    ),
    "duplicate id": (
        {"sources/a.yml": HEAD + "claims:\n" + claim("cap", "300 000 voitures") + claim("cap", "Pékin")},
        ["sources/a.yml:9:9: Duplicate claim id 'cap': already used at line 5. Give each claim its own id."],
    ),
    "quote not found": (
        {"sources/a.yml": HEAD + "claims:\n" + claim("cap", "300 000 voiture par ans")},
        [
            'sources/a.yml:6:12: Quote not found in sources/a.txt: "300 000 voiture par ans". The closest '
            'passage is "300 000 voitures par an" at line 1, column 17. Copy the passage exactly as it stands '
            "in the text."
        ],
    ),
    "quote ambiguous": (
        {"sources/a.yml": HEAD + "claims:\n" + claim("cap", "L'usine")},
        [
            'sources/a.yml:6:12: Quote "L\'usine" occurs 2 times in sources/a.txt: at line 3, column 1; '
            "line 3, column 26. Add 'occurrence: N' (1 to 2), or a 'prefix' or 'suffix' that tells them apart."
        ],
    ),
    "annotation file without a source": (
        {"sources/a.yml": HEAD, "sources/b.yml": HEAD},
        [
            "sources/b.yml:1:1: Annotation file without a source: sources/b.txt does not exist. Add the article "
            "as that file, or rename this one to match its source."
        ],
    ),
    "undecodable source": (
        {"sources/a.txt": "ok\nà Pékin".encode("latin-1"), "sources/a.yml": HEAD},
        [
            "sources/a.txt:2:1: Expected UTF-8 text but byte 0xE0 is not valid UTF-8. Save the file as UTF-8 "
            "(it may be in Latin-1 or Windows-1252)."
        ],
    ),
    "undecodable byte mid-line": (
        {"sources/a.txt": "Pékin".encode("latin-1"), "sources/a.yml": HEAD},
        [
            "sources/a.txt:1:2: Expected UTF-8 text but byte 0xE9 is not valid UTF-8. Save the file as UTF-8 "
            "(it may be in Latin-1 or Windows-1252)."
        ],
    ),
    "empty source": (
        {"sources/a.txt": "  \n", "sources/a.yml": HEAD},
        ["sources/a.txt:1:1: Empty source: the file has no text. Add the article as received."],
    ),
    "empty annotation file": (
        {"sources/a.yml": ""},
        [
            "sources/a.yml:1:1: Empty annotation file: add at least 'title' and 'language'.",
            f"sources/a.yml:1:1: {NO_DATE}",
        ],
    ),
    "date missing": (
        {"sources/a.yml": "title: A\nlanguage: fr\n"},
        [f"sources/a.yml:1:1: {NO_DATE}"],
    ),
    "date missing, no annotation file": (
        {},
        [
            "sources/a.txt:1:1: No date for sources/a.txt: the text has no 'date YYYY-MM[-DD]' marker at its "
            "start, so create sources/a.yml with 'title', 'date' and 'language'."
        ],
    ),
    "bad date marker": (
        {"sources/a.txt": " date 2023-02-30 Xiaomi à Pékin.\n"},
        [
            "sources/a.txt:1:7: Expected a day from 01 to 28 in February 2023 but received '2023-02-30' in the "
            "date marker at the start of the text."
        ],
    ),
    "raw HTML in a note": (
        {"sources/a.yml": HEAD + note("<script>alert(1)</script>")},
        [
            "sources/a.yml:9:18: Raw HTML is not allowed in 'explanation' of note 'n': found '<script>'. Write "
            "plain text or Markdown; to show a '<', write it with a space after it."
        ],
    ),
    "javascript: link": (
        {"sources/a.yml": HEAD + note("See [this](javascript:alert(1)).")},
        [
            "sources/a.yml:9:18: Expected a link to an http://, https:// or mailto: address in 'explanation' of "
            "note 'n' but received 'javascript:alert(1)'."
        ],
    ),
    "javascript: reference link": (
        {"sources/a.yml": HEAD + note("|\n      See [this][x].\n\n      [x]: javascript:alert(1)")},
        [
            "sources/a.yml:9:18: Expected a link to an http://, https:// or mailto: address in 'explanation' of "
            "note 'n' but received 'javascript:alert(1)'."
        ],
    ),
    "duplicate YAML key": (
        {"sources/a.yml": HEAD + "title: B\n"},
        ["sources/a.yml:4:1: Duplicate key 'title' in the annotation file: already given at line 1."],
    ),
    "duplicate topic id": (
        {"sources/a.yml": HEAD, "sources/topics.yml": TOPICS + "  - id: lawsuit\n    title: L\n    summary: S.\n"},
        ["sources/topics.yml:8:9: Duplicate topic id 'lawsuit': each topic needs its own id."],
    ),
    "stray file": (
        {"sources/a.yml": HEAD, "sources/notes.md": "x"},
        [
            "sources/notes.md:1:1: Unexpected file in the sources folder: expected a source text (<slug>.txt) "
            "or its annotation file (<slug>.yml)."
        ],
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_problem_has_its_exact_message(tmp_path: Path, case: str) -> None:
    files, expected = CASES[case]
    assert problems_of(tmp_path, files) == expected


def test_all_problems_of_a_file_at_once_in_order(tmp_path: Path) -> None:
    files = {"sources/a.yml": "titel: A\ndate: 2023-13\nlanguage: french\ntopics: [producton]\n"}
    assert problems_of(tmp_path, files) == [
        "sources/a.yml:1:1: Unknown key 'titel' in the annotation file. Did you mean 'title'?",
        "sources/a.yml:2:7: Expected a month from 01 to 12 but received '2023-13' for 'date' in the annotation file.",
        "sources/a.yml:3:11: Expected a BCP 47 language code such as 'fr', 'es' or 'en' for 'language' in the "
        "annotation file but received 'french'.",
        "sources/a.yml:4:10: Unknown topic 'producton' in the annotation file. Did you mean 'production'? "
        "Topics are defined in sources/topics.yml.",
    ]


def test_problems_of_several_files(tmp_path: Path) -> None:
    files = {
        "sources/a.yml": HEAD + "claims:\n" + claim("c", "absent du texte"),
        "sources/b.txt": "Rien.\n",
        "sources/b.yml": "title: B\nlanguage: fr\ndate: 2023\nclaims:\n"
        + claim("d", "Rien").replace("production", "x"),
    }
    problems = problems_of(tmp_path, files)
    assert [p.split(": ")[0] for p in problems] == ["sources/a.yml:6:12", "sources/b.yml:8:14"]


def test_valid_dossier(tmp_path: Path) -> None:
    files = {
        "sources/a.yml": HEAD
        + "claims:\n"
        + claim("cap", "300 000 voitures", "    subject: capacity\n    value: 300 000\n")
    }
    subjects = "subjects:\n  - id: capacity\n    title: C\n    question: Q?\n    kind: quantity\n    unit: cars\n"
    write_dossier(
        tmp_path, {"sources/topics.yml": TOPICS, "sources/subjects.yml": subjects, "sources/a.txt": TEXT, **files}
    )
    dossier = load_dossier(tmp_path)
    assert dossier.problems == ()
    (source,) = dossier.sources
    (found,) = source.claims
    assert (source.date.label, source.date_origin, source.language) == ("February 2023", "annotation", "fr")
    assert (found.value, found.value_text, found.line) == (300000.0, "300 000", 5)
    assert source.text[found.start : found.end] == "300 000 voitures"


def test_bom_and_crlf_source(tmp_path: Path) -> None:
    files = {
        "sources/a.txt": "\ufeffXiaomi\r\nà  Pékin.\r\n".encode(),
        "sources/a.yml": HEAD + "claims:\n" + claim("cap", "Xiaomi à Pékin"),
    }
    write_dossier(tmp_path, {"sources/topics.yml": TOPICS, **files})
    dossier = load_dossier(tmp_path)
    assert dossier.problems == ()
    (source,) = dossier.sources
    assert source.text == "Xiaomi\r\nà  Pékin.\r\n"
    (found,) = source.claims
    assert source.text[found.start : found.end] == "Xiaomi\r\nà  Pékin"
    assert normalize(source.text[found.start : found.end]) == normalize(found.quote)


def test_date_marker_is_read_and_not_shown(tmp_path: Path) -> None:
    files = {"sources/a.txt": " date 2023-02 Xiaomi à Pékin. Le 2023-02 suivant.\n"}
    write_dossier(tmp_path, {"sources/topics.yml": TOPICS, **files})
    dossier = load_dossier(tmp_path)
    assert dossier.problems == ()
    (source,) = dossier.sources
    assert (source.date.iso, source.date_origin, source.annotated) == ("2023-02", "marker", False)
    assert source.body == "Xiaomi à Pékin. Le 2023-02 suivant.\n"


def test_annotation_date_wins_over_the_marker(tmp_path: Path) -> None:
    files = {"sources/a.txt": " date 2023-02 Xiaomi.\n", "sources/a.yml": "title: A\nlanguage: fr\ndate: 2023-02-14\n"}
    write_dossier(tmp_path, {"sources/topics.yml": TOPICS, **files})
    (source,) = load_dossier(tmp_path).sources
    assert (source.date.label, source.date_origin) == ("14 February 2023", "annotation")


def test_quotes_are_not_looked_for_in_the_marker(tmp_path: Path) -> None:
    files = {
        "sources/a.txt": " date 2023-02 Xiaomi.\n",
        "sources/a.yml": "title: A\nlanguage: fr\nclaims:\n" + claim("d", "date 2023"),
    }
    problems = problems_of(tmp_path, files)
    assert problems == [
        'sources/a.yml:5:12: Quote not found in sources/a.txt: "date 2023", and no passage resembles it. '
        "Copy the passage exactly as it stands in the text."
    ]


def test_no_sources_folder(tmp_path: Path) -> None:
    assert [str(p) for p in load_dossier(tmp_path).problems] == [
        "sources:1:1: Expected a folder of sources at 'sources' but found none."
    ]


CLAIM_C = "claims:\n  - id: c\n    quote: Pékin\n    claim: C.\n    topics: [production]\n"


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        ("    occurrence: 0x1\n", []),
        (
            "    occurrence: 0\n",
            [
                "sources/a.yml:9:17: Expected a whole number from 1 for 'occurrence' in claim 'c' "
                "but received an integer: 0."
            ],
        ),
        (
            "    occurrence: 1.0\n",
            [
                "sources/a.yml:9:17: Expected a whole number from 1 for 'occurrence' in claim 'c' "
                "but received a number: 1.0."
            ],
        ),
        (
            "    subject: s\n    value: .inf\n",
            [
                "sources/a.yml:10:12: Expected a figure of at most 10^15 (a million billion) but received inf "
                "for 'value' in claim 'c'."
            ],
        ),
        (
            "    subject: s\n    value: yes\n",
            ["sources/a.yml:10:12: Expected a number for 'value' in claim 'c' but received a boolean: yes."],
        ),
        (
            "    value: 3\n",
            [
                "sources/a.yml:9:12: A 'value' needs a 'subject' in claim 'c', so that it can be compared with "
                "other sources."
            ],
        ),
        (
            "    context:\n      - text: hi\n",
            ["sources/a.yml:10:9: Missing required key 'url' in the context of claim 'c'."],
        ),
    ],
)
def test_claim_fields(tmp_path: Path, extra: str, expected: list[str]) -> None:
    assert problems_of(tmp_path, {"sources/a.yml": HEAD + CLAIM_C + extra}) == expected


@pytest.mark.parametrize(
    ("annotation", "expected"),
    [
        ("- a\n", "sources/a.yml:1:1: Expected a mapping for the annotation file but received a list."),
        ("hello\n", "sources/a.yml:1:1: Expected a mapping for the annotation file but received the string 'hello'."),
        (
            "title: A\n---\ntitle: B\n",
            "sources/a.yml:2:1: Invalid YAML: but found another document (expected a single document in the stream).",
        ),
    ],
)
def test_annotation_file_that_is_not_one_mapping(tmp_path: Path, annotation: str, expected: str) -> None:
    assert problems_of(tmp_path, {"sources/a.yml": annotation}) == [expected]


def test_year_zero_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"sources/a.yml": "title: A\nlanguage: fr\ndate: '0000'\n"}) == [
        "sources/a.yml:3:7: Expected a year from 1000 to 2999 but received '0000' for 'date' in the annotation file."
    ]


def test_a_less_than_sign_followed_by_a_space_is_text(tmp_path: Path) -> None:
    write_dossier(tmp_path, {"sources/a.txt": TEXT, "sources/a.yml": HEAD + note("'if x < y and 2 <3, *then* z'")})
    dossier = load_dossier(tmp_path)
    assert dossier.problems == ()
    assert dossier.sources[0].notes[0].explanation == "if x < y and 2 <3, *then* z"


def test_a_less_than_sign_followed_by_a_letter_is_a_tag(tmp_path: Path) -> None:
    assert problems_of(tmp_path, {"sources/a.yml": HEAD + note("'x <y z'")}) == [
        "sources/a.yml:9:18: Raw HTML is not allowed in 'explanation' of note 'n': found '<y z'. Write "
        "plain text or Markdown; to show a '<', write it with a space after it."
    ]


DEEP = (
    "Invalid YAML: found lists or mappings nested more than 20 deep; an annotation file needs 5 levels at most: "
    "check the brackets and the indentation."
)


@pytest.mark.parametrize(
    ("annotation", "where"),
    [
        ("title: " + "[" * 40_000 + "\n", "1:27"),
        ("title: " + "[" * 30_000 + "]" * 30_000 + "\n", "1:27"),
        ("title:\n" + "- " * 40_000 + "a\n", "2:39"),
        ("title: " + "{a: " * 30_000 + "\n", "1:81"),
    ],
    ids=["open-brackets", "nested-brackets", "nested-dashes", "nested-braces"],
)
def test_deep_nesting_is_a_problem_and_the_process_survives(tmp_path: Path, annotation: str, where: str) -> None:
    write_dossier(tmp_path, {"sources/a.txt": " date 2023-02\nTexte.\n", "sources/a.yml": annotation})
    result = check_dossier(tmp_path)
    assert result.returncode == 1  # not -11: the YAML parser did not crash the process
    assert result.stdout == f"sources/a.yml:{where}: {DEEP}\n"


@pytest.mark.parametrize(
    "annotation",
    [
        "title: A\nlanguage: fr\ndate: 2023-02\nx: &x [1, *x]\n",  # a list that holds itself
        "title: A\nlanguage: fr\ndate: 2023-02\nx: &x " + "[" * 17 + "1" + "]" * 17 + "\ny: [[[*x]]]\n",
    ],
    ids=["recursive-alias", "alias-placed-deeper"],
)
def test_aliases_do_not_nest_again(tmp_path: Path, annotation: str) -> None:
    assert (
        problems_of(tmp_path, {"sources/a.yml": annotation})
        == [
            "sources/a.yml:4:1: Unknown key 'x' in the annotation file. Expected one of: title, summary, date, "
            "date_basis, language, translated_from, translation_basis, publisher, publisher_basis, url, derived_from, "
            "topics, notes, claims.",
            "sources/a.yml:5:1: Unknown key 'y' in the annotation file. Expected one of: title, summary, date, "
            "date_basis, language, translated_from, translation_basis, publisher, publisher_basis, url, derived_from, "
            "topics, notes, claims.",
        ][: annotation.count("\n") - 3]
    )


def _block_mappings(levels: int) -> str:
    return "".join("  " * i + f"k{i}:\n" for i in range(levels)) + "  " * levels + "v\n"


@pytest.mark.parametrize(
    ("nested", "refused"),
    [
        ("x: " + "[" * 19 + "]" * 19 + "\n", False),  # the root mapping is level 1, the innermost list 20
        ("x: " + "[" * 20 + "]" * 20 + "\n", True),
        ("x:\n" + "- " * 18 + "a\n", False),  # the scalar is level 20
        ("x:\n" + "- " * 19 + "a\n", True),
        (_block_mappings(19), False),
        (_block_mappings(20), True),
        ("x: [" + "{a: [" * 7 + "1" + "]}" * 7 + "]\n", False),
        ("x: [" + "{a: [" * 10 + "1" + "]}" * 10 + "]\n", True),
    ],
)
def test_small_and_large_files_are_held_to_the_same_depth(tmp_path: Path, nested: str, refused: bool) -> None:
    """Small files go through libyaml's composer and a depth check, large ones through a
    composer that counts as it goes: both refuse the same files at the same place."""
    small = problems_of(tmp_path / "small", {"sources/a.yml": nested})
    padding = "# a comment: of many colons " + ":" * 700 + "\n"
    large = problems_of(tmp_path / "large", {"sources/a.yml": nested + padding})
    assert small == large
    assert any("nested more than 20 deep" in p for p in small) == refused
