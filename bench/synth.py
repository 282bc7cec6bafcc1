"""Synthetic dossiers for the build benchmark, in two forms with the same content.

:func:`write_dossier_site` writes a project shaped like the real one (texts drawn
from the real articles in ``sources/*.txt``, about 30 annotations each, some
overlapping, 8 topics, dates, shared subjects whose figures disagree) whose
``mkdocs.yml`` uses the real hooks file. :func:`write_plain_site` writes the
same content as ordinary Markdown for plain Material: claims as ``==marks==``
(pymdownx.mark), notes as footnotes, topic pages as Markdown lists, and a
navigation that lists only the index pages, as ours does.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from dossier.anchor import normalize  # noqa: E402

HOOKS = ROOT / "hooks" / "dossier_hooks.py"

TOPICS = [
    ("production", "Production plans", "When and where Xiaomi said it would build its first cars."),
    ("design-leak", "The MS11 design leak", "How drawings of the first car leaked."),
    ("lawsuit", "Xiaomi against the leaking supplier", "The compensation Xiaomi demanded."),
    ("pricing", "Prices", "What the first car was said to cost."),
    ("licence", "Licence to build cars", "The approvals Xiaomi needed."),
    ("investment", "Investment", "How much Xiaomi said it would spend."),
    ("factory", "Factories", "Where the cars are made and how many a year."),
    ("people", "People", "Who leads the car business."),
]
SUBJECTS = [f"subject-{i}" for i in range(24)]
VERDICTS = ["accurate", "inaccurate", "misleading", "unsupported", "mistranslated"]
NOTE_KINDS = ["mistranslation", "untranslated", "extraction", "idiom", "localisation"]
_QUOTE_CHARS = re.compile(r"[\"'“”«»‘’„‹›`]")
_MARKER = re.compile(r"^\s*date \S+[ \t]*")


@dataclass
class Annotation:
    """One synthetic note or claim."""

    kind: str
    ident: str
    quote: str
    occurrence: int | None
    start: int
    end: int
    topics: list[str] = field(default_factory=list)
    subject: str | None = None
    value: int | None = None
    event_date: str | None = None


@dataclass
class SynthSource:
    """One synthetic source: its slug, text, date and annotations."""

    slug: str
    title: str
    date: str
    text: str
    topics: list[str]
    notes: list[Annotation]
    claims: list[Annotation]
    derived_from: list[str] = field(default_factory=list)
    """YAML lines of the source's ``derived_from``, if any."""


def _paragraphs() -> list[str]:
    out = []
    for path in sorted((ROOT / "sources").glob("*.txt")):
        text = _MARKER.sub("", path.read_text(encoding="utf-8").lstrip("\ufeff"), count=1)
        out += [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.strip()) > 40]
    return out


def _spans(text: str) -> list[tuple[int, list[tuple[int, int]]]]:
    """For each line, the (start, end) offsets of its space-separated words."""
    lines = []
    offset = 0
    for line in text.split("\n"):
        words = [(m.start() + offset, m.end() + offset) for m in re.finditer(r"[^ ]+", line)]
        if len(words) >= 12:
            lines.append((offset, words))
        offset += len(line) + 1
    return lines


def _quote(text: str, words: list[tuple[int, int]], i: int, k: int) -> tuple[str, int, int] | None:
    span = words[i : i + k]
    if len(span) < k:
        return None
    start, end = span[0][0], span[-1][1]
    quote = text[start:end]
    if _QUOTE_CHARS.search(quote) or "  " in quote or "\t" in quote:
        return None
    return quote, start, end


def make_source(index: int, rng: random.Random, pool: list[str], annotations: int = 30) -> SynthSource:
    """A source of about 5 KB of real French text with ``annotations`` notes and claims."""
    rng.shuffle(pool)
    parts, size = [], 0
    for paragraph in pool:
        if size >= 5000:
            break
        parts.append(paragraph)
        size += len(paragraph) + 2
    text = "\n\n".join(parts) + "\n"
    normalized = normalize(text)
    year, month = 2021 + index % 3, 1 + index % 12
    slug = f"{year}-{month:02d}-synthetic-source-{index:05d}"
    lines = _spans(text)
    notes: list[Annotation] = []
    claims: list[Annotation] = []
    previous: tuple[list[tuple[int, int]], int, int] | None = None
    attempts = 0
    while len(notes) + len(claims) < annotations and attempts < annotations * 50:
        attempts += 1
        k = rng.randint(3, 8)
        if previous is not None and rng.random() < 0.2:
            words, i, pk = previous  # overlap the previous annotation
            i = i + max(1, pk // 2)
        else:
            _, words = rng.choice(lines)
            i = rng.randrange(0, max(1, len(words) - k))
        found = _quote(text, words, i, k)
        if found is None:
            continue
        quote, start, end = found
        if any(a.start == start and a.end == end for a in notes + claims):
            continue
        count = text.count(quote)
        if normalized.count(normalize(quote)) != count:
            continue  # the engine's normalisation would see other occurrences
        occurrence = None
        if count > 1:
            occurrence = text[:start].count(quote) + 1
            if text.count(quote, 0, start) != occurrence - 1:
                continue
        previous = (words, i, k)
        n = len(notes) + len(claims)
        if n % 3 == 0:
            notes.append(Annotation("note", f"n{len(notes) + 1}", quote, occurrence, start, end))
        else:
            chosen = rng.sample(TOPICS, rng.choice([1, 1, 2]))
            subject = rng.choice(SUBJECTS) if rng.random() < 0.6 else None
            claims.append(
                Annotation(
                    "claim",
                    f"c{len(claims) + 1}",
                    quote,
                    occurrence,
                    start,
                    end,
                    topics=[t[0] for t in chosen],
                    subject=subject,
                    value=rng.choice([300_000, 150_000, 200_000]) if subject else None,
                    event_date=rng.choice([None, "2024-H1", "2023-Q4", "2024"]),
                )
            )
    topics = sorted({t for c in claims for t in c.topics})
    title = f"Synthetic source {index}: {' '.join(text.split()[:8])}"
    return SynthSource(slug, title, f"{year}-{month:02d}", text, topics, notes, claims)


def make_sources(count: int, seed: int = 7) -> list[SynthSource]:
    """``count`` sources, the same for a given seed."""
    rng = random.Random(seed)
    pool = _paragraphs()
    sources = [make_source(i, rng, pool) for i in range(count)]
    _add_provenance(sources)
    return sources


def _add_provenance(sources: list[SynthSource]) -> None:
    """Every fourth source republishes a wire agency (five agencies in all), and every seventh is a
    machine translation of the source before it: shared origins, so some agreement is relayed."""
    for i, source in enumerate(sources):
        if i % 7 == 6:
            source.derived_from = [f"  - source: {sources[i - 1].slug}", "    how: machine-translation"]
        elif i % 4 == 3:
            source.derived_from = [
                f"  - name: Wire agency {i % 5}",
                f"    url: https://example.org/agency-{i % 5}/",
                "    how: republication",
                "    note: Synthetic republication for the benchmark.",
            ]


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _annotation_yaml(source: SynthSource) -> str:
    lines = [
        f"title: {_q(source.title)}",
        f"date: {source.date}",
        "date_basis: Synthetic date for the benchmark.",
        "language: fr",
        "publisher: Synthetic publisher",
        f"topics: [{', '.join(source.topics)}]",
        "notes:",
    ]
    for note in source.notes:
        lines += [f"  - id: {note.ident}", f"    quote: {_q(note.quote)}"]
        if note.occurrence:
            lines.append(f"    occurrence: {note.occurrence}")
        lines += [
            f"    kind: {NOTE_KINDS[int(note.ident[1:]) % len(NOTE_KINDS)]}",
            f"    english: {_q('English gloss of ' + note.quote)}",
            "    explanation: The passage reads *oddly* because of the machine translation.",
        ]
    lines.append("claims:")
    for claim in source.claims:
        lines += [f"  - id: {claim.ident}", f"    quote: {_q(claim.quote)}"]
        if claim.occurrence:
            lines.append(f"    occurrence: {claim.occurrence}")
        lines += [
            f"    claim: {_q('The source states **' + claim.quote + '**.')}",
            f"    topics: [{', '.join(claim.topics)}]",
        ]
        if claim.subject:
            lines += [f"    subject: {claim.subject}", f"    value: {claim.value}", "    unit: vehicles/year"]
        if claim.event_date:
            lines.append(f"    event_date: {claim.event_date}")
        number = int(claim.ident[1:])
        if number % 5 == 0:
            rating = VERDICTS[(number // 5 - 1) % len(VERDICTS)]
            lines += [
                "    verdict:",
                f"      rating: {rating}",
                "      reason: A synthetic verdict, *for the benchmark*.",
            ]
    if source.derived_from:
        lines += ["derived_from:", *source.derived_from]
    return "\n".join(lines) + "\n"


def _topics_yaml() -> str:
    lines = ["topics:"]
    for ident, title, summary in TOPICS:
        lines += [f"  - id: {ident}", f"    title: {_q(title)}", f"    summary: {_q(summary)}"]
    return "\n".join(lines) + "\n"


def _subjects_yaml() -> str:
    lines = ["subjects:"]
    for i, ident in enumerate(SUBJECTS):
        lines += [
            f"  - id: {ident}",
            f"    title: Synthetic subject {i}",
            f"    question: How many cars a year, case {i}?",
        ]
        lines += ["    kind: quantity", "    unit: vehicles/year"]
        if i % 3 == 0:
            lines += [
                "    finding:",
                "      status: contested",
                f"      answer: Synthetic answer {i}.",
                "      reasoning: The sources give *different* figures.",
                "      citations:",
                f"        - url: https://example.org/finding-{i}",
                "          supports: A synthetic citation.",
            ]
    return "\n".join(lines) + "\n"


def _merge_entries(path: Path, extra_yaml: str) -> None:
    """Add the entries of ``extra_yaml`` (a topics or subjects file) to the file at ``path``, or write it."""
    if not path.exists():
        path.write_text(extra_yaml, encoding="utf-8")
        return
    existing = path.read_text(encoding="utf-8")
    extra = "".join(extra_yaml.splitlines(keepends=True)[1:])
    known = set(re.findall(r"^  - id: (\S+)$", existing, re.MULTILINE))
    blocks = re.split(r"(?m)^(?=  - id: )", extra)
    kept = [b for b in blocks if b.strip() and re.match(r"  - id: (\S+)", b).group(1) not in known]
    path.write_text(existing.rstrip("\n") + "\n" + "".join(kept), encoding="utf-8")


def write_sources(folder: Path, sources: list[SynthSource]) -> None:
    """The texts and annotation files of ``sources`` in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for source in sources:
        (folder / f"{source.slug}.txt").write_text(source.text, encoding="utf-8")
        (folder / f"{source.slug}.yml").write_text(_annotation_yaml(source), encoding="utf-8")


def merge_topics(path: Path) -> None:
    """Add the synthetic topics to an existing ``topics.yml``, and the synthetic subjects to the
    ``subjects.yml`` beside it."""
    _merge_entries(path, _topics_yaml())
    _merge_entries(path.parent / "subjects.yml", _subjects_yaml())


def write_dossier_site(root: Path, sources: list[SynthSource]) -> Path:
    """The project form: ``sources/`` plus the real ``docs/`` and a ``mkdocs.yml``; returns the config."""
    write_sources(root / "sources", sources)
    (root / "sources" / "topics.yml").write_text(_topics_yaml(), encoding="utf-8")
    (root / "sources" / "subjects.yml").write_text(_subjects_yaml(), encoding="utf-8")
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, root / folder, dirs_exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("  - hooks/", f"  - {HOOKS.parent.as_posix()}/")
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root / "mkdocs.yml"


_PLAIN_CONFIG = """\
site_name: Plain Material benchmark
site_url: https://example.org/plain/
theme:
  name: material
  language: en
  font: false
  features:
    - navigation.sections
    - navigation.top
    - search.highlight
plugins:
  - search:
      lang: [en, fr]
validation:
  nav:
    omitted_files: info
markdown_extensions:
  - admonition
  - attr_list
  - footnotes
  - pymdownx.mark
  - toc:
      permalink: true
nav:
  - Home: index.md
  - Sources: sources/index.md
  - Topics: topics/index.md
"""


def _md(text: str) -> str:
    """Text as Markdown that shows as itself."""
    return re.sub(r"([\\`*_{}\[\]<>()#+\-.!|=~^&])", r"\\\1", text)


def _plain_text(source: SynthSource) -> str:
    """The text with non-overlapping claims as ==marks== and notes as footnote references."""
    marks = sorted(source.claims + source.notes, key=lambda a: (a.start, -a.end))
    out, pos = [], 0
    for mark in marks:
        if mark.start < pos:
            continue  # plain Markdown cannot nest overlapping highlights
        out.append(_md(source.text[pos : mark.start]))
        inner = _md(source.text[mark.start : mark.end])
        ref = f"[^{mark.ident}]"
        out.append(f"=={inner}=={ref}" if mark.kind == "claim" else inner + ref)
        pos = mark.end
    out.append(_md(source.text[pos:]))
    return "".join(out)


def _plain_page(source: SynthSource) -> str:
    parts = [
        f"# {_md(source.title)}\n",
        f"- Published: {source.date}\n- Language: French\n- Topics: "
        + ", ".join(f"[{t}](../topics/{t}.md)" for t in source.topics)
        + "\n",
        "## Text\n",
        _plain_text(source),
        "",
    ]
    for note in source.notes:
        parts.append(f"[^{note.ident}]: **{_md(note.quote)}**: English gloss. The passage reads *oddly*.")
    for claim in source.claims:
        parts.append(f"[^{claim.ident}]: The source states **{_md(claim.quote)}**. Topics: {', '.join(claim.topics)}.")
    return "\n".join(parts) + "\n"


def write_plain_site(root: Path, sources: list[SynthSource]) -> Path:
    """The same content as a plain Material site; returns the config."""
    docs = root / "docs"
    (docs / "sources").mkdir(parents=True, exist_ok=True)
    (docs / "topics").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Plain Material benchmark\n\nThe same content as the dossier.\n")
    rows = ["# Sources\n", "| Date | Title | Claims | Notes |", "|---|---|---|---|"]
    for source in sources:
        (docs / "sources" / f"{source.slug}.md").write_text(_plain_page(source), encoding="utf-8")
        rows.append(
            f"| {source.date} | [{_md(source.title)}]({source.slug}.md) | {len(source.claims)} | {len(source.notes)} |"
        )
    (docs / "sources" / "index.md").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for ident, title, summary in TOPICS:
        lines = [f"# {title}\n", f"{summary}\n", "## Claims\n"]
        for source in sources:
            claims = [c for c in source.claims if ident in c.topics]
            if claims:
                lines.append(f"### [{_md(source.title)}](../sources/{source.slug}.md) ({source.date})\n")
                lines += [f"- [The source states **{_md(c.quote)}**.](../sources/{source.slug}.md) " for c in claims]
                lines.append("")
        (docs / "topics" / f"{ident}.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    index = ["# Topics\n"] + [f"- [{title}]({ident}.md): {summary}" for ident, title, summary in TOPICS]
    (docs / "topics" / "index.md").write_text("\n".join(index) + "\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(_PLAIN_CONFIG, encoding="utf-8")
    return root / "mkdocs.yml"
