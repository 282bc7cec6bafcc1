"""Loading and validating ``sources/``: texts, annotation files, topics and subjects.

:func:`load_dossier` reads every file, checks it against :mod:`.schema`,
locates every quote (:mod:`.anchor`) and returns a :class:`~.model.Dossier`
with *all* problems found, each as ``path:line:col: message`` with positions
taken from the YAML parser's marks. It never raises on bad input: the caller
decides whether problems stop a build.

The work is done in parts, each owning one thing: :mod:`.load_files` scans the
folder and reads and decodes files, :mod:`.load_yaml` parses YAML with marks and
bounded nesting, :mod:`.load_fields` reads each field as the schema declares it,
and :mod:`.load_model` builds topics, subjects and sources. This module puts them together,
with the keys under which ``mkdocs serve`` caches loaded sources.

Nothing in the input can crash, hang or leak: only regular files inside the
project are opened (links, pipes and devices are refused unopened), files,
strings, numbers, dates and YAML nesting are bounded before anything costly
reads them, and every message fits on one line.
"""

from __future__ import annotations

from pathlib import Path

from .cache import SourceCache
from .gcpause import paused_gc
from .load_files import (
    ANNOTATION_LIMIT,
    MAX_ANNOTATION_BYTES,
    MAX_SOURCE_BYTES,
    SOURCE_LIMIT,
    TOPICS_FILE,
    FileRead,
    Limit,
    read_file,
    scan_sources,
)
from .load_model import KnownTopics, load_source, load_subjects, load_topics, read_marker_date
from .load_yaml import MAX_YAML_DEPTH
from .model import Dossier, FailedSource, Source
from .problems import Problem
from .provenance import check_derivations
from .subjects import SUBJECTS_FILE

__all__ = [
    "MAX_ANNOTATION_BYTES",
    "MAX_SOURCE_BYTES",
    "MAX_YAML_DEPTH",
    "TOPICS_FILE",
    "load_dossier",
    "read_marker_date",
]


def _topics_key(ctx: KnownTopics) -> tuple:
    """The topics and subjects defined, as part of every source's key in the cache."""
    known = ctx.subjects
    return (
        ctx.topics_path,
        ctx.topics_defined,
        tuple(ctx.topics.values()),
        known.path,
        known.defined,
        *known.subjects.values(),
    )


def _load_cached(
    slug: str, text_file: FileRead, annotation_file: FileRead | None, ctx: KnownTopics, cache: SourceCache
) -> Source | FailedSource:
    """:func:`~.load_model.load_source` through ``cache``, keyed by the files and the topics and subjects
    defined (``ctx``, as :meth:`~.cache.SourceCache.share` gave it)."""
    key = (slug, text_file.key, annotation_file.key if annotation_file else None, cache.shared)
    return cache.get_or_load(key, lambda: load_source(slug, text_file, annotation_file, ctx))


def _read(path: Path, root: Path, limit: Limit, cache: SourceCache | None) -> FileRead:
    """:func:`~.load_files.read_file`, through ``cache`` when given."""
    if cache is None:
        return read_file(path, root, limit)
    return cache.read(path, lambda: read_file(path, root, limit))


def _folder_problem(sources_dir: str, message: str) -> Dossier:
    return Dossier((), (), (Problem(sources_dir, 1, 1, message),))


def load_dossier(root: Path | str, sources_dir: str = "sources", cache: SourceCache | None = None) -> Dossier:
    """Every source, topic and subject under ``root/sources_dir``, with all problems found.

    With a ``cache`` (``mkdocs serve``), sources whose files have not changed are reused.
    Only regular files inside ``root`` are read: symbolic links and special files are refused.
    The cyclic garbage collector is paused meanwhile (:func:`~.gcpause.paused_gc`).
    """
    with paused_gc():
        return _load_dossier(root, sources_dir, cache)


def _load_dossier(root: Path | str, sources_dir: str, cache: SourceCache | None) -> Dossier:
    root = Path(root).resolve()
    folder = root / sources_dir
    if folder.is_symlink() or (folder.is_dir() and not folder.resolve().is_relative_to(root)):
        return _folder_problem(
            sources_dir,
            f"Expected a folder of sources at '{sources_dir}' but found a symbolic link. "
            "Keep the sources in the repository.",
        )
    if not folder.is_dir():
        return _folder_problem(sources_dir, f"Expected a folder of sources at '{sources_dir}' but found none.")
    problems: list[Problem] = []
    topics, defined = load_topics(folder / TOPICS_FILE, root, problems)
    known = load_subjects(folder / SUBJECTS_FILE, root, f"{sources_dir}/{SUBJECTS_FILE}", problems)
    ctx = KnownTopics(topics, f"{sources_dir}/{TOPICS_FILE}", defined, known)
    if cache is not None:  # the last load's topics and subjects when equal: the same objects
        ctx = cache.share(_topics_key(ctx), ctx).holder
        topics, known = ctx.topics, ctx.subjects
    scan = scan_sources(folder, root, sources_dir)
    problems += scan.problems

    sources: list[Source] = []
    failed: list[FailedSource] = []
    for slug in sorted(scan.texts.keys() | scan.annotations.keys()):
        if slug not in scan.texts:
            rel = scan.annotations[slug].relative_to(root).as_posix()
            orphan = Problem(
                rel,
                1,
                1,
                f"Annotation file without a source: {sources_dir}/{slug}.txt does not exist. "
                "Add the article as that file, or rename this one to match its source.",
            )
            problems.append(orphan)
            failed.append(FailedSource(slug, (orphan,)))
            continue
        text_file = _read(scan.texts[slug], root, SOURCE_LIMIT, cache)
        annotations = scan.annotations
        annotation_file = _read(annotations[slug], root, ANNOTATION_LIMIT, cache) if slug in annotations else None
        if cache is None:
            loaded = load_source(slug, text_file, annotation_file, ctx)
        else:
            loaded = _load_cached(slug, text_file, annotation_file, ctx, cache)
        if isinstance(loaded, Source):
            sources.append(loaded)
        else:
            failed.append(loaded)
        problems.extend(loaded.problems)
    if cache is not None:
        cache.prune()
    problems.extend(check_derivations(sources))
    sources.sort(key=lambda s: (s.date.sort_key, s.id))
    subjects = tuple(known.subjects.values())
    return Dossier(
        tuple(sources), tuple(topics.values()), tuple(sorted(set(problems))), subjects=subjects, failed=tuple(failed)
    )
