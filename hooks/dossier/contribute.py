"""What a source page gives its "Annotate this passage" form (``docs/assets/annotate.js``).

One empty ``<div class="dx-annotate">`` before the text (the template
``fragments/dossier/annotate.html``), whose data attributes carry what the
script needs and the page does not otherwise hold: where the shown text starts
in the stored file, where the HTML parser turned a stored carriage return into
a line feed, the repository's addresses for the
annotation file and the "Suggest an annotation" issue form, and the address of
the lists every page shares. Those lists (the note kinds, the topics and the
subjects of ``sources/subjects.yml``) are written once per build, in
:data:`LISTS_PATH`, a script that the annotate script loads from the site when
a page needs it (a script rather than JSON: it loads from ``file://`` too). Without
JavaScript the block stays empty. The ids already used the script reads from
the text itself: each annotation's first piece has its anchor as id.

Offsets for the script are UTF-16 code units of the text as the page shows it
(what JavaScript strings count); the script turns its results into code points
of the stored text, as the engine counts them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from .model import Source, Subject, Topic
from .schema import NOTE_KINDS

__all__ = ["ISSUE_TEMPLATE", "LISTS_PATH", "annotate_data", "annotate_lists", "carriage_returns", "edit_url"]

LISTS_PATH = "assets/annotate-lists.js"
"""Where the site holds the lists the annotate form offers, the same on every page."""

ISSUE_TEMPLATE = "suggest-annotation.yml"
"""The issue form in ``.github/ISSUE_TEMPLATE/`` that the page pre-fills."""


def carriage_returns(body: str) -> tuple[list[int], list[int]]:
    """Where the page's text lost a carriage return: ``(crlf, cr)`` as UTF-16 offsets into the shown text.

    HTML parsing turns ``\\r\\n`` into ``\\n`` (``crlf``: a ``\\r`` goes back before
    the ``\\n`` at that offset) and a lone ``\\r`` into ``\\n`` (``cr``: that ``\\n`` was a ``\\r``).
    """
    crlf: list[int] = []
    cr: list[int] = []
    if "\r" not in body:
        return crlf, cr
    position = 0
    i = 0
    while i < len(body):
        char = body[i]
        if char == "\r":
            pair = body[i + 1 : i + 2] == "\n"
            (crlf if pair else cr).append(position)
            i += 2 if pair else 1
            position += 1
            continue
        position += 1 if ord(char) < 0x10000 else 2
        i += 1
    return crlf, cr


def edit_url(repo_url: str, branch: str, path: str, exists: bool) -> str:
    """The repository's web editor for ``path``, or its new-file form when the file does not exist yet."""
    base = repo_url.rstrip("/")
    if exists:
        return f"{base}/edit/{branch}/{path}"
    folder, _, name = path.rpartition("/")
    return f"{base}/new/{branch}/{folder}?filename={name}"


_json = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode
"""Compact JSON text, all ASCII: a JavaScript expression whatever the titles hold."""


def annotate_lists(topics: Iterable[Topic], subjects: Iterable[Subject] = ()) -> str:
    """The text of :data:`LISTS_PATH`: a script that sets ``window.dossierAnnotateLists`` to the note
    kinds (id to label), the topics and the subjects (``[id, title]`` pairs). All ASCII, and ``<``
    escaped too: the text stays one JavaScript statement whatever the titles hold, even inlined."""
    lists = {
        "kinds": NOTE_KINDS,
        "topics": [[t.id, t.title] for t in topics],
        "subjects": [[s.id, s.title] for s in subjects],
    }
    text = _json(lists).replace("<", "\\u003c")
    return f"window.dossierAnnotateLists = {text};\n"


def annotate_data(source: Source, lists: str, repo_url: str | None, branch: str) -> tuple[tuple[str, str], ...]:
    """The block's data attributes, as ``(name, value)`` pairs of plain text (the template escapes them);
    ``lists`` is the address of :data:`LISTS_PATH` from the page."""
    path = source.annotation_path or f"{source.path.removesuffix('.txt')}.yml"
    crlf, cr = carriage_returns(source.body)
    data = {
        "source": source.id,
        "file": path,
        "start": str(source.body_start),
        "annotated": "true" if source.annotated else "false",
        "lists": lists,
    }
    if crlf:
        data["crlf"] = " ".join(map(str, crlf))
    if cr:
        data["cr"] = " ".join(map(str, cr))
    if repo_url:
        data["edit"] = edit_url(repo_url, branch, path, source.annotated)
        data["issue"] = f"{repo_url.rstrip('/')}/issues/new?template={ISSUE_TEMPLATE}"
    return tuple(data.items())
