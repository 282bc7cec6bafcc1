"""What the site and the docs state is what the data holds: the original language
as far as it is known, date ranges computed (``2024``, not ``2024–2024``), the
address ``./dev serve`` really serves, and a README layout that is the tree."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT, write_dossier
from test_build import _free_port, _get, _wait

from dossier.dates import parse_date, year_span
from dossier.generated import make_site
from dossier.load import load_dossier
from dossier.pages import build_cross_pages, build_home_blocks, build_sources_index
from dossier.paths import Layout
from dossier.site import build_source_page

LAYOUT = Layout()
TOPICS = "topics:\n  - id: production\n    title: Production\n    summary: How many cars.\n"
TEXT = "Xiaomi produira 100 000 voitures en 2024.\n"


def annotation(extra: str = "", topic: str = "production") -> str:
    return (
        f"title: A factory\ndate: 2024-03\nlanguage: fr\n{extra}topics: [{topic}]\nclaims:\n"
        f"  - id: cars\n    quote: 100 000 voitures\n    claim: 100,000 cars.\n    topics: [{topic}]\n"
        "    event_date: 2024-H2\n"
    )


def load(root: Path, **files: str):
    dossier = load_dossier(write_dossier(root, {"sources/topics.yml": TOPICS, **files}))
    assert dossier.problems == ()
    return dossier


# -- 3. the original language -----------------------------------------------------------

UNKNOWN = "translated_from: und\ntranslation_basis: Calques, of which language cannot be told.\n"


def test_a_machine_translation_from_an_unknown_language_says_so(tmp_path: Path) -> None:
    dossier = load(tmp_path, **{"sources/2024-03-a.txt": TEXT, "sources/2024-03-a.yml": annotation(UNKNOWN)})
    home = build_home_blocks(make_site(dossier, LAYOUT))["home-summary"]
    [index] = build_sources_index(make_site(dossier, LAYOUT))
    for html in (home, index.html):
        assert "<td>Unknown</td>" in html
        assert "<td>French</td>" not in html
    page = build_source_page(dossier.sources[0], make_site(dossier, LAYOUT)).html
    assert "<dt>Language</dt><dd>French, machine-translated from an unknown language" in page


@pytest.mark.parametrize(
    ("extra", "original", "language"),
    [
        ("", "French", "French</dd>"),
        # As the annotation of 2023-08-xiaomi-wins-approval-to-build-cars says: a basis alone is no translation.
        ("translation_basis: Reads as written in French.\n", "French", "French <"),
        (
            "translated_from: es\ntranslation_basis: Spanish calques.\n",
            "Spanish",
            "French, machine-translated from Spanish",
        ),
    ],
    ids=["written-in-french", "written-in-french-with-evidence", "translated-from-spanish"],
)
def test_a_known_original_language_is_named(tmp_path: Path, extra: str, original: str, language: str) -> None:
    dossier = load(tmp_path, **{"sources/2024-03-a.txt": TEXT, "sources/2024-03-a.yml": annotation(extra)})
    assert f"<td>{original}</td>" in build_home_blocks(make_site(dossier, LAYOUT))["home-summary"]
    page = build_source_page(dossier.sources[0], make_site(dossier, LAYOUT)).html
    assert f"<dt>Language</dt><dd>{language}" in page


# -- 4. computed ranges, no stale prose -------------------------------------------------


def test_year_span() -> None:
    dates = [parse_date(d, periods=True) for d in ("2023-02", "2021", "2024-H1")]
    assert year_span(dates) == "2021–2024"
    assert year_span(dates[:1] * 2) == "2023"
    assert year_span([]) == ""


def test_a_range_inside_one_year_is_that_year(tmp_path: Path) -> None:
    dossier = load(tmp_path, **{"sources/2024-03-a.txt": TEXT, "sources/2024-03-a.yml": annotation()})
    home = build_home_blocks(make_site(dossier, LAYOUT))["home-summary"]
    assert '<p class="dx-counts">1 sources published 2024 · ' in home
    topic = next(p for p in build_cross_pages(make_site(dossier, LAYOUT)) if p.path == "topics/production.md").html
    assert "Timeline of 1 dated event, 2024, by month</title>" in topic
    assert "2024–2024" not in home + topic


def test_the_home_page_computes_the_years_a_new_source_adds(tmp_path: Path) -> None:
    files = {f"sources/{p.name}": p.read_text(encoding="utf-8") for p in (ROOT / "sources").iterdir()}
    files |= {"sources/2024-03-a.txt": TEXT, "sources/2024-03-a.yml": annotation(topic="factory")}
    dossier = load(tmp_path, **files)
    assert (
        '<p class="dx-counts">6 sources published 2021–2024 · '
        in build_home_blocks(make_site(dossier, LAYOUT))["home-summary"]
    )


YEAR_RANGE = re.compile(r"\b(?:19|20)\d\d\s*(?:–|-|to|and)\s*(?:19|20)\d\d\b")


def test_hand_written_prose_states_no_date_range() -> None:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    readme_intro = (ROOT / "README.md").read_text(encoding="utf-8").split("\n## ")[0]
    texts = {
        "site_description": config["site_description"],
        "docs/index.md": (ROOT / "docs" / "index.md").read_text(encoding="utf-8"),
        "docs/about.md": (ROOT / "docs" / "about.md").read_text(encoding="utf-8"),
        "README.md": readme_intro,
    }
    assert {name: YEAR_RANGE.findall(text) for name, text in texts.items() if YEAR_RANGE.search(text)} == {}


# -- 5. where ./dev serve serves --------------------------------------------------------


def served_path() -> str:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    return urlsplit(config["site_url"]).path


def test_the_documented_address_is_the_served_one() -> None:
    documented = {
        name: re.findall(r"http://127\.0\.0\.1:8000\S*", (ROOT / name).read_text(encoding="utf-8"))
        for name in ("README.md", "CONTRIBUTING.md", "dev")
    }
    assert "--dev-addr 127.0.0.1:8000" in (ROOT / "dev").read_text(encoding="utf-8")
    assert served_path() == "/xiaomi-ev-dossier/"
    for name, addresses in documented.items():
        assert addresses, f"{name} does not say where the site is served"
        assert {a.rstrip(".,)`") for a in addresses} == {"http://127.0.0.1:8000" + served_path()}, name


@pytest.mark.slow  # the real `mkdocs serve`, as its own process
def test_mkdocs_serve_serves_the_home_page_at_that_path(tmp_path: Path) -> None:
    from contrib_fixture import write_site

    root = write_site(tmp_path / "site")
    port = _free_port()
    with (tmp_path / "serve.log").open("w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-livereload"],
            cwd=root,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        url = f"http://127.0.0.1:{port}{served_path()}"
        _wait(lambda: "dx-counts" in (_get(url) or ""), f"the home page at {url}")
    finally:
        server.terminate()
        server.wait(10)


# -- 6. the README's layout is the tree -------------------------------------------------


def layout_rows() -> dict[str, str]:
    """The paths named in the first column of the README's layout table, with what the row says."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]
    named: dict[str, str] = {}
    for line in re.findall(r"^\|.+\|$", section, re.M)[2:]:
        first, _, what = line.strip("| ").partition(" | ")
        for path in re.findall(r"`([^`]+)`", first):
            named[path] = what
    return named


def test_the_layout_table_covers_every_top_level_entry() -> None:
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    top = {path.split("/")[0] + ("/" if "/" in path else "") for path in tracked.splitlines()}
    named = layout_rows()
    missing = sorted(
        entry for entry in top - {"README.md", ".gitignore"} if not any(path.startswith(entry) for path in named)
    )
    assert missing == []
    for path in named:
        assert (ROOT / path).exists(), f"the README's layout names {path}, which does not exist"


def test_the_layout_table_names_every_hook_and_engine_module() -> None:
    modules = {p.relative_to(ROOT).as_posix() for p in [*ROOT.glob("hooks/*.py"), *ROOT.glob("hooks/dossier/*.py")]}
    named = layout_rows()
    assert sorted(modules - set(named)) == []


# -- 6. topic summaries name sources, they do not count them ----------------------------

SOURCE_COUNT = re.compile(
    r"\b(?:all|both|every|each|no|only|several|most|two|three|four|five|six)\b(?:\s+[\w'-]+){0,4}?\s+"
    r"(?:sources?|articles?|stories|texts)\b|\bthe only\b",
    re.IGNORECASE,
)


def test_topic_summaries_do_not_count_the_sources() -> None:
    """'All three articles' goes stale when a fourth comes; the topic page lists its sources, computed."""
    topics = yaml.safe_load((ROOT / "sources" / "topics.yml").read_text(encoding="utf-8"))["topics"]
    counted = {t["id"]: SOURCE_COUNT.findall(t["summary"]) for t in topics if SOURCE_COUNT.search(t["summary"])}
    assert counted == {}
    assert SOURCE_COUNT.findall("All three February 2023 articles agree; no source gives it.") == [
        "All three February 2023 articles",
        "no source",
    ]
