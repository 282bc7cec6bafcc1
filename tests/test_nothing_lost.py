"""Every note and claim written in sources/ reaches the built pages and the exports.

The annotation files are read here with PyYAML directly, independently of the
engine, so that a note the engine silently dropped would be missed.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from conftest import ROOT

from dossier.w3c import expand, prefixes_of

ENTRY_FILES = {"topics.yml", "subjects.yml"}
"""The files of topics and subjects, beside the annotation files."""


def written_annotations() -> dict[str, list[str]]:
    """``{slug: ["claim-x", "note-y", …]}`` for every annotation file, read with PyYAML alone."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "sources").glob("*.yml")):
        if path.name in ENTRY_FILES:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found[path.stem] = [f"note-{n['id']}" for n in data.get("notes") or []]
        found[path.stem] += [f"claim-{c['id']}" for c in data.get("claims") or []]
    return found


def test_every_note_and_claim_is_on_its_source_page(built_site: Path) -> None:
    written = written_annotations()
    total = sum(map(len, written.values()))
    print(f"nothing lost: {total} notes and claims in {len(written)} annotation files")
    assert total > 0
    for slug, anchors in written.items():
        html = (built_site / "sources" / slug / "index.html").read_text(encoding="utf-8")
        for anchor in anchors:
            assert f'id="{anchor}"' in html, f"{slug}: {anchor}"
            assert f'id="ref-{anchor}"' in html, f"{slug}: ref-{anchor}"


def test_every_claims_subject_shows_by_its_title_on_the_source_page(built_site: Path) -> None:
    subjects = yaml.safe_load((ROOT / "sources" / "subjects.yml").read_text(encoding="utf-8"))["subjects"]
    titles = {s["id"]: s["title"] for s in subjects}
    for path in sorted((ROOT / "sources").glob("*.yml")):
        if path.name in ENTRY_FILES:
            continue
        html = (built_site / "sources" / path.stem / "index.html").read_text(encoding="utf-8")
        for claim in yaml.safe_load(path.read_text(encoding="utf-8")).get("claims") or []:
            if claim.get("subject"):
                title = titles[claim["subject"]].replace("&", "&amp;").replace("'", "&#39;")
                assert f'<div class="dx-facts">{title}' in html, (path.stem, claim["id"])


def test_every_subject_finding_and_verdict_is_on_the_site_and_in_dossier_json(built_site: Path) -> None:
    subjects = yaml.safe_load((ROOT / "sources" / "subjects.yml").read_text(encoding="utf-8"))["subjects"]
    findings = pages_under(built_site, "findings")
    data = json.loads((built_site / "dossier.json").read_text(encoding="utf-8"))
    exported = {s["id"]: s for s in data["subjects"]}
    for subject in subjects:
        assert f'id="subject-{subject["id"]}"' in findings, subject["id"]
        assert exported[subject["id"]]["question"] == subject["question"]
        if subject.get("finding"):
            assert exported[subject["id"]]["finding"]["answer"] == subject["finding"]["answer"]
            assert 'class="dx-answer"' in findings
    claims = {(s["id"], c["id"]): c for s in data["sources"] for c in s.get("claims", ())}
    for path in sorted((ROOT / "sources").glob("*.yml")):
        if path.name in ENTRY_FILES:
            continue
        html = (built_site / "sources" / path.stem / "index.html").read_text(encoding="utf-8")
        for claim in yaml.safe_load(path.read_text(encoding="utf-8")).get("claims") or []:
            if claim.get("verdict"):
                assert f'id="verdict-{claim["id"]}"' in html, (path.stem, claim["id"])
                assert claims[(path.stem, claim["id"])]["verdict"]["rating"] == claim["verdict"]["rating"]
                assert f"#ref-claim-{claim['id']}" in html  # its ClaimReview


def test_every_note_and_claim_is_in_dossier_json(built_site: Path) -> None:
    data = json.loads((built_site / "dossier.json").read_text(encoding="utf-8"))
    sources = {s["id"]: s for s in data["sources"]}
    for slug, anchors in written_annotations().items():
        assert slug in sources, slug
        ids = {f"note-{n['id']}" for n in sources[slug].get("notes", [])}
        ids |= {f"claim-{c['id']}" for c in sources[slug].get("claims", [])}
        assert set(anchors) <= ids, (slug, set(anchors) - ids)


def jsonld_items(built_site: Path) -> tuple[list[dict], dict[str, str]]:
    """Every annotation of the W3C collection, following its pages, and the prefixes of its compact IRIs."""
    data = json.loads((built_site / "annotations.jsonld").read_text(encoding="utf-8"))
    items, page = [], data["first"]
    while page:
        items += page["items"]
        page = page.get("next") if isinstance(page.get("next"), dict) else None
    assert len(items) == data["total"]
    return items, prefixes_of(data)


def test_every_note_and_claim_is_in_the_w3c_export(built_site: Path) -> None:
    items, prefixes = jsonld_items(built_site)
    ids = {expand(item["id"], prefixes).split("/sources/", 1)[1] for item in items}
    for slug, anchors in written_annotations().items():
        expected = {f"{slug}/#{anchor}" for anchor in anchors}
        assert expected <= ids, (slug, expected - ids)


def pages_under(built_site: Path, folder: str) -> str:
    """The HTML of every page under ``folder`` (an index page and any continuation pages)."""
    return "".join(p.read_text(encoding="utf-8") for p in sorted((built_site / folder).rglob("index.html")))


def test_every_note_is_listed_on_the_notes_index_and_every_claim_on_a_topic_page(built_site: Path) -> None:
    topics, notes = pages_under(built_site, "topics"), pages_under(built_site, "notes")
    assert not (built_site / "claims").exists()  # no index of all claims: the topic pages list them
    for slug, anchors in written_annotations().items():
        for anchor in anchors:
            listing = topics if anchor.startswith("claim-") else notes
            assert f"/sources/{slug}/#{anchor}" in listing, f"{slug}: {anchor}"


def test_every_claim_is_on_its_topic_pages_and_every_dated_claim_on_the_timeline(built_site: Path) -> None:
    timeline = pages_under(built_site, "timeline")
    for path in sorted((ROOT / "sources").glob("*.yml")):
        if path.name in ENTRY_FILES:
            continue
        for claim in yaml.safe_load(path.read_text(encoding="utf-8")).get("claims") or []:
            link = f"/sources/{path.stem}/#claim-{claim['id']}"
            for topic in claim.get("topics") or []:
                assert link in pages_under(built_site, f"topics/{topic}"), (topic, link)
            if claim.get("event_date"):
                assert link in timeline, link
