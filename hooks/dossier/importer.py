"""``./dev import``: notes and claims from annotation tools, appended to the annotation files.

Reads W3C Web Annotation JSON-LD (an ``AnnotationCollection`` with its pages
embedded, an ``AnnotationPage``, a list of ``Annotation``\\ s, or one) and the
JSON of the Hypothesis search API (``{"total": …, "rows": […]}``). Each
annotation is matched to a source by the address it targets (the article's
``url``, its page on the site or its raw text), anchored by its selectors
(the quote first; its prefix and suffix, then its position, choose among
repeated passages) with the check's own messages, and becomes a note or a claim:

- a body in ``application/json`` (what the site's ``annotations.jsonld``
  carries, :mod:`.w3c`) gives the fields as they were, with the id, kind and
  topics that the annotation's IRI, classifying and tagging bodies carry, and
  the claim's text or the note's explanation that its text body carries;
- otherwise its text and tags do: a tag naming a note kind makes a note, whose
  text gives the ``explanation`` and lines such as ``English: …`` or
  ``Original: …`` its other fields; else a claim, whose tags that name topics
  become its topics, and lines ``Subject:``, ``Value:``, ``Unit:``, ``When:``,
  ``Comment:`` its other fields. Tags that are neither are reported.

The entries are appended to the ``notes:`` and ``claims:`` sequences of the
annotation files, created when absent; the rest of each file stays
byte-for-byte (edited as text at the YAML parser's marks, as
:mod:`.quotes` does). Every new file is parsed again and the whole dossier
loaded with it before anything is written: all or nothing.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from .anchor import AnchorError, TextIndex, anchor_quote, normalize
from .load import load_dossier
from .model import Dossier, Source
from .paths import Layout, source_page_path
from .quotes import compose_yaml, double_quoted, mapping_pairs, wrap_words
from .schema import CLAIM_FIELDS, NOTE_FIELDS, NOTE_KINDS, SLUG_PATTERN
from .w3c import FIELDS_FORMAT, expand, iri, prefixes_of, read_verdict

__all__ = ["ImportResult", "Incoming", "import_annotations", "read_annotations", "site_settings"]

_BOM = "\ufeff"
_SLUG = re.compile(SLUG_PATTERN)
_FIELD_LINE = re.compile(r"^\s*(english|original|subject|value|unit|when|comment)\s*:\s*(.*?)\s*$", re.I | re.M)
_WIDTH = 72
"""Long text fields are written as folded blocks of lines up to this width."""
_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_NOTE_ORDER = tuple(spec.name for spec in NOTE_FIELDS)
_CLAIM_ORDER = tuple(spec.name for spec in CLAIM_FIELDS)
"""Fields are written in the order the schema declares them."""


class PlacementError(ValueError):
    """An annotation that cannot be placed; the message says why."""


@dataclass(frozen=True)
class QuoteSelector:
    """A W3C ``TextQuoteSelector``: the passage, and the text just before and after it.

    Attributes:
        exact: The passage; None when the selector gives none.
        prefix: The text just before it.
        suffix: The text just after it.
    """

    exact: str | None
    prefix: str | None = None
    suffix: str | None = None


@dataclass(frozen=True)
class PositionSelector:
    """A W3C ``TextPositionSelector``: the passage's offsets, a hint among repeated passages.

    Attributes:
        start: Where the passage starts.
        end: Just past its end.
    """

    start: int | None
    end: int | None


@dataclass(frozen=True)
class Incoming:
    """One annotation as read from a file, before it is placed.

    Attributes:
        index: Its position among the file's annotations, from 0 (``rows[i]``, ``items[i]``).
        uri: The address it targets.
        quote: Its first ``TextQuoteSelector`` (refinements included).
        position: Its first ``TextPositionSelector``.
        text: The body's text.
        tags: The body's tags.
        fields: The fields of a body in ``application/json`` (the site's own export).
    """

    index: int
    uri: str | None
    quote: QuoteSelector = QuoteSelector(None)
    position: PositionSelector = PositionSelector(None, None)
    text: str = ""
    tags: tuple[str, ...] = ()
    fields: dict[str, Any] | None = None


@dataclass
class ImportResult:
    """What an import did or would do.

    Attributes:
        problems: ``FILE:index: message`` for each annotation that cannot be placed; nothing is written when any.
        warnings: ``FILE:index: warning: …`` (unknown tags).
        changes: Annotation file → (old text, new text).
        added: How many notes and claims were appended.
    """

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)
    added: int = 0

    def diff(self) -> str:
        """The changes as a unified diff."""
        out: list[str] = []
        for name, (old, new) in self.changes.items():
            out += difflib.unified_diff(
                old.splitlines(keepends=True), new.splitlines(keepends=True), f"a/{name}", f"b/{name}"
            )
        return "".join(out)


# -- reading ------------------------------------------------------------------------------


def read_annotations(data: Any) -> list[Incoming]:
    """The annotations of a parsed JSON document; raises :class:`ValueError` for an unknown shape."""
    if isinstance(data, dict) and isinstance(data.get("rows"), list):
        return [_from_hypothesis(i, row) for i, row in enumerate(data["rows"])]
    prefixes = prefixes_of(data)  # the compact IRIs of the site's own export (``site:sources/…``)
    items = _w3c_items(data)
    verdicts = _verdicts(items, prefixes)
    return [
        _from_w3c(i, item, prefixes | prefixes_of(item), verdicts)
        for i, item in enumerate(items)
        if not _assessing(item)  # a verdict: read with its claim
    ]


def _assessing(item: Any) -> bool:
    return isinstance(item, dict) and item.get("motivation") == "assessing"


def _verdicts(items: list[Any], prefixes: dict[str, str]) -> dict[str, dict[str, str]]:
    """The verdicts of the site's own export (an ``assessing`` annotation whose Markdown body is
    :func:`.w3c.verdict_text`), by the IRI of the claim's annotation they target."""
    found: dict[str, dict[str, str]] = {}
    for item in filter(_assessing, items):
        body, target = item.get("body"), item.get("target")
        verdict = read_verdict(body["value"]) if isinstance(body, dict) and isinstance(body.get("value"), str) else None
        if verdict is not None and isinstance(target, str):
            found[expand(target, prefixes | prefixes_of(item))] = verdict
    return found


def _types(node: Any) -> set[str]:
    value = node.get("type", node.get("@type")) if isinstance(node, dict) else None
    return set(value) if isinstance(value, list) else {value}


def _w3c_items(data: Any) -> list[Any]:
    """The annotations of a document: one, a page (and the pages it embeds as ``next``), a
    collection with its first page embedded, or a list of any of these (a collection whose
    pages follow it in the list, by id)."""
    members = data if isinstance(data, list) else [data]
    listed = {m.get("id") for m in members if "AnnotationPage" in _types(m)}
    items: list[Any] = []
    for member in members:
        kinds = _types(member)
        if "AnnotationPage" in kinds:
            items += _page_items(member)
        elif "AnnotationCollection" in kinds:
            first = member.get("first")
            if isinstance(first, dict):
                items += _page_items(first)
            elif first is not None and first not in listed:
                raise ValueError(
                    f"The collection's first page {first!r} is not embedded: export the collection with its pages."
                )
        elif "Annotation" in kinds or isinstance(data, list):
            items.append(member)
        else:
            raise ValueError(
                "Expected W3C Web Annotation JSON-LD (an AnnotationCollection, an AnnotationPage or a list of "
                "Annotations) or the JSON of the Hypothesis search API (with 'rows')."
            )
    return items


def _page_items(page: dict[str, Any]) -> list[Any]:
    items = list(page.get("items") or [])
    following = page.get("next")
    while following is not None:
        if not isinstance(following, dict):
            raise ValueError(
                f"The collection's page {following!r} is not embedded: export the collection with its pages."
            )
        items += following.get("items") or []
        following = following.get("next")
    return items


def _selectors(selector: Any) -> Iterator[dict[str, Any]]:
    for item in selector if isinstance(selector, list) else [selector]:
        if isinstance(item, dict):
            yield item
            if "refinedBy" in item:
                yield from _selectors(item["refinedBy"])


def _with_selectors(index: int, uri: Any, selector: Any, text: str, tags: tuple[str, ...], fields: Any) -> Incoming:
    quote, position = QuoteSelector(None), PositionSelector(None, None)
    quoted = placed = False
    for item in _selectors(selector):
        if "TextQuoteSelector" in _types(item) and not quoted:
            quote, quoted = QuoteSelector(*(_string(item.get(k)) for k in ("exact", "prefix", "suffix"))), True
        elif "TextPositionSelector" in _types(item) and not placed:
            position, placed = PositionSelector(*(_integer(item.get(k)) for k in ("start", "end"))), True
    return Incoming(index, uri if isinstance(uri, str) else None, quote, position, text=text, tags=tags, fields=fields)


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _integer(value: Any) -> int | None:
    return value if isinstance(value, int) else None


def _from_hypothesis(index: int, row: Any) -> Incoming:
    row = row if isinstance(row, dict) else {}
    targets = [t for t in row.get("target") or [] if isinstance(t, dict)]
    target = targets[0] if targets else {}
    tags = tuple(t for t in row.get("tags") or [] if isinstance(t, str))
    text = row.get("text") if isinstance(row.get("text"), str) else ""
    source = target.get("source")
    source = next((s for s in source if isinstance(s, str)), None) if isinstance(source, list) else source
    return _with_selectors(index, source or row.get("uri"), target.get("selector"), text, tags, None)


def _from_w3c(index: int, item: Any, prefixes: dict[str, str], verdicts: dict[str, dict[str, str]]) -> Incoming:
    item = item if isinstance(item, dict) else {}
    target = item.get("target")
    target = next((t for t in target if isinstance(t, dict | str)), None) if isinstance(target, list) else target
    uri, selector = (
        (target, None) if isinstance(target, str) else ((target or {}).get("source"), (target or {}).get("selector"))
    )
    uri = expand(uri, prefixes) if isinstance(uri, str) else uri
    texts: list[str] = []
    tags: list[str] = []
    purposes: dict[str, list[str]] = {"tagging": [], "classifying": []}
    fields = None
    if isinstance(item.get("bodyValue"), str):
        texts.append(item["bodyValue"])
    bodies = item.get("body")
    for body in bodies if isinstance(bodies, list) else [bodies]:
        if not isinstance(body, dict) or not isinstance(body.get("value"), str):
            continue
        if body.get("purpose") in purposes:
            purposes[body["purpose"]].append(body["value"])
            tags.append(body["value"])
        elif body.get("format") == FIELDS_FORMAT:
            try:
                fields = json.loads(body["value"])
            except ValueError:
                fields = None
        else:
            texts.append(body["value"])
    if isinstance(fields, dict):
        fields = _said_elsewhere(item.get("id"), purposes) | fields
        fields["explanation" if "kind" in fields else "claim"] = "\n".join(texts)
        ident = expand(item["id"], prefixes) if isinstance(item.get("id"), str) else None
        if "kind" not in fields and ident in verdicts:
            fields["verdict"] = verdicts[ident]
    else:
        fields = None
    return _with_selectors(index, uri, selector, "\n".join(texts), tuple(tags), fields)


_OWN_ANCHOR = re.compile(r"[#:](?:claim|note)-([^#:/]+)$")
"""The id at the end of the IRI of an annotation of the site's own export (:func:`.w3c.iri`)."""


def _said_elsewhere(ident: Any, purposes: dict[str, list[str]]) -> dict[str, Any]:
    """The fields the site's own export leaves out of its fields body (:data:`.w3c.SAID_ELSEWHERE`):
    the id from the annotation's IRI, a note's kind from its classifying body, a claim's topics from
    its tagging bodies."""
    found: dict[str, Any] = {}
    if isinstance(ident, str) and (match := _OWN_ANCHOR.search(ident)):
        found["id"] = match.group(1)
    if purposes["classifying"]:
        found["kind"] = purposes["classifying"][0]
    elif purposes["tagging"]:
        found["topics"] = purposes["tagging"]
    return found


# -- placing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteSettings:
    """What addresses the site gives its sources: from mkdocs.yml."""

    site_url: str | None
    layout: Layout


def site_settings(root: Path) -> SiteSettings:
    """``site_url`` and ``use_directory_urls`` of the project's mkdocs.yml (defaults without one)."""
    path = root / "mkdocs.yml"
    config: Any = {}
    if path.is_file():
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_IgnoreTags) or {}
    return SiteSettings(config.get("site_url") or None, Layout(directory_urls=config.get("use_directory_urls", True)))


class _IgnoreTags(yaml.SafeLoader):
    """mkdocs.yml may hold ``!ENV`` or ``!!python/name`` tags: read them as plain values."""


_IgnoreTags.add_multi_constructor("", lambda loader, suffix, node: None)


def _address(url: str) -> str:
    """An address compared without fragment, query, scheme's case or trailing slash."""
    url = url.split("#", 1)[0].split("?", 1)[0].strip()
    if url.endswith("/index.html"):
        url = url[: -len("index.html")]
    return url.rstrip("/").lower()


def _addresses(dossier: Dossier, settings: SiteSettings) -> dict[str, Source]:
    found: dict[str, Source] = {}
    for source in dossier.sources:
        page = settings.layout.url(source_page_path(source.id))
        names = {
            iri(settings.site_url, page),
            iri(settings.site_url, source.path),
            iri(None, page),
            iri(None, source.path),
        }
        if source.url:
            names.add(source.url)
        for name in names:
            found.setdefault(_address(name), source)
    return found


def _choose(index: TextIndex, incoming: Incoming) -> tuple[int, int, int | None]:
    """The passage's offsets and, when the quote repeats, its occurrence; raises :class:`AnchorError`."""
    quote, position = incoming.quote.exact, incoming.position
    if not quote and position.start is not None and position.end is not None:
        quote = index.text[position.start : position.end]
    if not quote or not quote.strip():
        raise AnchorError("Expected a TextQuoteSelector with the passage but received none")
    found = index.find_all(normalize(quote).strip())
    if len(found) <= 1:
        anchor = anchor_quote(index, quote)  # not found: the check's message
        return anchor.start, anchor.end, None
    anchors = [anchor_quote(index, quote, occurrence=n) for n in range(1, len(found) + 1)]
    scores = [_context_score(index, a.start, a.end, incoming) for a in anchors]
    best = [n for n, score in enumerate(scores) if score == max(scores)]
    if len(best) > 1 and position.start is not None:
        exact = [n for n in best if anchors[n].start == position.start]
        best = exact or best
    if len(best) > 1:
        anchor_quote(index, quote)  # raises the check's "occurs N times" message
    chosen = anchors[best[0]]
    return chosen.start, chosen.end, best[0] + 1


def _context_score(index: TextIndex, start: int, end: int, incoming: Incoming) -> int:
    """How many characters of the selector's prefix and suffix agree with the text around a passage."""
    score = 0
    quote = incoming.quote
    if quote.prefix:
        before, wanted = normalize(index.text[:start]), normalize(quote.prefix)
        score += _common(before[::-1], wanted[::-1])
    if quote.suffix:
        score += _common(normalize(index.text[end:]), normalize(quote.suffix))
    return score


def _common(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


@dataclass
class _Entry:
    source: Source
    key: str
    fields: dict[str, Any]


def _slug(text: str, taken: set[str]) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)[:5] or ["annotation"]
    base = "-".join(words)
    name, n = base, 2
    while name in taken:
        name, n = f"{base}-{n}", n + 1
    return name


def _field_lines(text: str) -> tuple[dict[str, str], str]:
    fields = {m.group(1).lower(): m.group(2) for m in _FIELD_LINE.finditer(text)}
    rest = _FIELD_LINE.sub("", text).strip()
    return fields, re.sub(r"\n{3,}", "\n\n", rest)


def _entry_fields(incoming: Incoming, topics: set[str], warnings: list[str], where: str) -> tuple[str, dict[str, Any]]:
    """``("notes" or "claims", fields)`` from the annotation's body; raises :class:`PlacementError`."""
    if incoming.fields is not None:
        key = "notes" if "kind" in incoming.fields else "claims"
        return key, dict(incoming.fields)
    kinds = [t for t in incoming.tags if t in NOTE_KINDS]
    for tag in incoming.tags:
        if tag not in NOTE_KINDS and tag not in topics:
            warnings.append(
                f"{where}: warning: The tag {tag!r} is neither a topic of sources/topics.yml nor a note kind "
                f"({', '.join(NOTE_KINDS)}); it is left out."
            )
    lines, rest = _field_lines(incoming.text)
    if kinds:
        if "english" not in lines or not lines["english"]:
            raise PlacementError(
                "A note needs its English rendering: start a line of the annotation with 'English:' "
                "followed by what the passage means."
            )
        if not rest:
            raise PlacementError(
                "A note needs an explanation: the annotation's text says what the reader should understand."
            )
        fields: dict[str, Any] = {"kind": kinds[0]}
        if lines.get("original"):
            fields["original"] = lines["original"]
        return "notes", fields | {"english": lines["english"], "explanation": rest}
    wanted = [t for t in incoming.tags if t in topics]
    if not wanted:
        raise PlacementError(
            "A claim needs at least one topic: tag the annotation with a topic id of sources/topics.yml "
            f"({', '.join(sorted(topics))}), or with a note kind ({', '.join(NOTE_KINDS)}) for a note."
        )
    if not rest:
        raise PlacementError("A claim needs its text: the annotation's text states the claim in English.")
    fields = {"claim": rest, "topics": wanted}
    names = {"subject": "subject", "value": "value", "unit": "unit", "when": "event_date", "comment": "comment"}
    return "claims", fields | {names[k]: v for k, v in lines.items() if k in names and v}


def import_annotations(root: Path | str, files: list[Path], *, write: bool = True) -> ImportResult:
    """Read ``files``, place their annotations and, when all can be placed and ``write``, append them."""
    root = Path(root)
    result = ImportResult()
    dossier = load_dossier(root)
    if dossier.problems:
        result.problems.append(
            f"{dossier.problems[0].path}: the dossier has problems; run './dev check' and fix them before importing."
        )
        return result
    settings = site_settings(root)
    addresses = _addresses(dossier, settings)
    topics = {t.id for t in dossier.topics}
    indexes: dict[str, TextIndex] = {}
    taken = {s.id: {x.id for x in (*s.notes, *s.claims)} for s in dossier.sources}
    entries: list[_Entry] = []
    for file in files:
        try:
            annotations = read_annotations(json.loads(Path(file).read_text(encoding="utf-8")))
        except (OSError, ValueError) as error:
            result.problems.append(f"{file}: {error}")
            continue
        for incoming in annotations:
            where = f"{file}:{incoming.index}"
            source = addresses.get(_address(incoming.uri)) if incoming.uri else None
            if source is None:
                result.problems.append(
                    f"{where}: No source of the dossier is at {incoming.uri!r}: expected the article's 'url', "
                    "its page on the site or its raw text."
                )
                continue
            if source.annotation_path is None:
                result.problems.append(
                    f"{where}: {source.path} has no annotation file yet: create sources/{source.id}.yml "
                    "with its 'title' and 'language' first."
                )
                continue
            index = indexes.setdefault(source.id, TextIndex(source.text, source.path, source.body_start))
            try:
                start, end, occurrence = _choose(index, incoming)
                key, fields = _entry_fields(incoming, topics, result.warnings, where)
            except (AnchorError, PlacementError) as error:
                result.problems.append(f"{where}: {error}")
                continue
            ident = fields.get("id")
            same = next((x for x in (*source.notes, *source.claims) if x.id == ident), None)
            if same is not None and (same.start, same.end) == (start, end):
                result.warnings.append(
                    f"{where}: warning: Already in {source.annotation_path} as '{ident}' on the same passage; left out."
                )
                continue
            if not isinstance(ident, str) or not _SLUG.match(ident) or ident in taken[source.id]:
                wanted = ident
                ident = _slug(str(fields.get("english") or fields.get("claim") or ""), taken[source.id])
                if isinstance(wanted, str):
                    result.warnings.append(
                        f"{where}: warning: The id {wanted!r} is taken or not a slug in {source.annotation_path}: "
                        f"written as '{ident}'."
                    )
            taken[source.id].add(ident)
            quote = {"quote": source.text[start:end]} | ({"occurrence": occurrence} if occurrence else {})
            entries.append(_Entry(source, key, {"id": ident, **quote, **fields}))
    if result.problems:
        return result
    by_file: dict[str, list[_Entry]] = {}
    for entry in entries:
        by_file.setdefault(str(entry.source.annotation_path), []).append(entry)
    for name, items in by_file.items():
        data = (root / name).read_bytes().decode("utf-8")
        bom = _BOM if data.startswith(_BOM) else ""
        old = data.removeprefix(bom)
        new = old
        for key in ("notes", "claims"):
            wanted = [e.fields for e in items if e.key == key]
            if wanted:
                new = append_entries(new, key, wanted)
        try:
            _check_appended(name, old, new, items)
        except ValueError as error:
            result.problems.append(str(error))
            return result
        result.changes[name] = (old, new)
    result.added = len(entries)
    problems = _verify(root, result.changes)
    if problems:
        result.problems += problems
        return result
    if write:
        for name, (_, new) in result.changes.items():
            data = (root / name).read_bytes().decode("utf-8")
            bom = _BOM if data.startswith(_BOM) else ""
            (root / name).write_bytes((bom + new).encode("utf-8"))
    return result


# -- writing ------------------------------------------------------------------------------


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    text = str(value)
    return text if _SLUG.match(text) else double_quoted(text)


def _value(value: Any) -> str:
    """A claim's ``value`` written so that it reads back as the same text."""
    text = str(value)
    return text if _NUMBER.fullmatch(text) else double_quoted(text)


def render_entry(fields: dict[str, Any], key: str, indent: str, newline: str = "\n") -> str:
    """A note or claim as a block sequence item at ``indent``, each field on its line."""
    order = _NOTE_ORDER if key == "notes" else _CLAIM_ORDER
    names = [n for n in order if n in fields] + [n for n in fields if n not in order]
    lines: list[str] = []
    for number, name in enumerate(names):
        lead = indent + ("- " if number == 0 else "  ")
        value = fields[name]
        if name == "topics":
            lines.append(f"{lead}{name}: [{', '.join(_scalar(t) for t in value)}]")
        elif name == "context":
            lines.append(f"{lead}{name}:")
            for item in value:
                lines.append(f"{indent}    - text: {double_quoted(item['text'])}")
                lines.append(f"{indent}      url: {double_quoted(item['url'])}")
        elif name == "verdict":
            lines.append(f"{lead}{name}:")
            lines.append(f"{indent}    rating: {_scalar(value['rating'])}")
            lines.append(f"{indent}    reason: {double_quoted(value['reason'])}")
        elif name == "value":
            lines.append(f"{lead}{name}: {_value(value)}")
        elif name in {"id", "kind", "subject", "category", "original_language", "occurrence", "compare_across_units"}:
            lines.append(f"{lead}{name}: {_scalar(value)}")
        elif name != "quote" and _foldable(str(value)):
            lines.append(f"{lead}{name}: >-")
            lines += [f"{indent}    {part}" for part in wrap_words(str(value), _WIDTH)]
        else:
            lines.append(f"{lead}{name}: {double_quoted(str(value))}")
    return newline.join(lines) + newline


def _foldable(text: str) -> bool:
    """Whether a long text reads back the same from a folded block (``>-``) broken at single spaces."""
    return len(text) > _WIDTH and text.isprintable() and text == text.strip() and "  " not in text


def _last_end(node: Node) -> int:
    """Where the last scalar under ``node`` ends in the text."""
    while isinstance(node, MappingNode | SequenceNode) and node.value and node.flow_style is not True:
        last = node.value[-1]
        node = last[1] if isinstance(node, MappingNode) else last
    return node.end_mark.index


def append_entries(text: str, key: str, entries: list[dict[str, Any]]) -> str:
    """``text`` (an annotation file) with ``entries`` appended to its ``key`` sequence, the rest unchanged."""
    newline = m.group() if (m := re.search(r"\r\n|\r|\n", text)) else "\n"
    document = compose_yaml(text)
    value = dict(mapping_pairs(document)).get(key)
    if isinstance(value, SequenceNode) and value.value and not value.flow_style:
        dash = text.rfind("-", 0, value.value[0].start_mark.index)
        indent = " " * (dash - (max(text.rfind("\n", 0, dash), text.rfind("\r", 0, dash)) + 1))
        block = "".join(render_entry(e, key, indent, newline) for e in entries)
        end = _last_end(value)
        if text[end - 1 : end] not in {"\n", "\r"}:
            line_end = re.compile(r"\r\n|\r|\n").search(text, end)
            end = line_end.end() if line_end else len(text)
            if not line_end:
                block = newline + block
        return text[:end] + block + text[end:]
    block = "".join(render_entry(e, key, "  ", newline) for e in entries)
    if value is not None:  # `notes:` with no items, or `notes: []`
        start, end = value.start_mark.index, value.end_mark.index
        head = text[:start].rstrip(" ")
        rest = text[end:]
        rest = rest[len(m.group()) :] if (m := re.match(r"[ \t]*(?:\r\n|\r|\n)", rest)) else rest
        return head + newline + block + rest
    if text and not text.endswith(("\n", "\r")):
        text += newline
    return text + f"{key}:{newline}" + block


def _check_appended(name: str, old: str, new: str, items: list[_Entry]) -> None:
    """Parse the new file again: the old data, plus the entries at the end of their sequences."""
    before = yaml.safe_load(old) or {}
    after = yaml.safe_load(new) or {}
    for key in ("notes", "claims"):
        added = [e.fields for e in items if e.key == key]
        if added:
            before[key] = list(before.get(key) or []) + [_as_loaded(f) for f in added]
    if json.dumps(before, sort_keys=True, default=str) != json.dumps(after, sort_keys=True, default=str):
        raise ValueError(f"{name}: appending the annotations would change other values; nothing was written")


def _as_loaded(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    if "value" in out and _NUMBER.fullmatch(str(out["value"])):
        out["value"] = yaml.safe_load(str(out["value"]))
    return out


def _verify(root: Path, changes: dict[str, tuple[str, str]]) -> list[str]:
    """Problems of the dossier with the new files, loaded from a scratch copy of ``sources/``."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch)
        shutil.copytree(root / "sources", copy / "sources")
        for name, (_, new) in changes.items():
            (copy / name).write_text(new, encoding="utf-8", newline="")
        dossier = load_dossier(copy)
    return [str(p) for p in dossier.problems]
