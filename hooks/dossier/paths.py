"""Where every generated page sits, and the links between pages: the one place that spells page paths.

A page is named by its source path as a site generator sees it (``sources/x.md``);
:class:`Layout` turns that path into its URL and computes relative links, as
MkDocs would with or without directory URLs. The data exports take their URLs
from here too, so they never depend on the HTML modules.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from posixpath import dirname, splitext

__all__ = [
    "DISAGREEMENTS_PAGE",
    "FINDINGS_PAGE",
    "HOME_PAGE",
    "NOTES_PAGE",
    "PROVENANCE_PAGE",
    "READING_GUIDE",
    "SOURCES_INDEX",
    "TIMELINE_PAGE",
    "TOPICS_INDEX",
    "Layout",
    "page_path",
    "relative",
    "source_page_path",
    "subject_page_path",
    "taken_by",
    "topic_page_path",
]

HOME_PAGE = "index.md"
"""The hand-written home page."""

SOURCES_INDEX = "sources/index.md"
"""The first page of the list of all sources."""

READING_GUIDE = "how-to-read"
"""The anchor, on the first page of :data:`SOURCES_INDEX`, of the section that says how a source page reads."""

TOPICS_INDEX = "topics/index.md"
"""The list of all topics."""

TIMELINE_PAGE = "timeline.md"
"""The first page of the timeline."""

DISAGREEMENTS_PAGE = "disagreements.md"
"""The first page listing every comparison."""


NOTES_PAGE = "notes.md"
"""The first page of the index of all translation notes."""

FINDINGS_PAGE = "findings.md"
"""The first page of what the sources establish, subject by subject."""

PROVENANCE_PAGE = "provenance.md"
"""The first page of where each source comes from."""

_CACHE_LIMIT = 1 << 16
"""Entries a :class:`Layout` keeps of each of its caches before starting them afresh."""


def source_page_path(source_id: str) -> str:
    """The page of a source."""
    return f"sources/{source_id}.md"


def topic_page_path(topic_id: str) -> str:
    """The page of a topic."""
    return f"topics/{topic_id}.md"


def subject_page_path(subject: str) -> str:
    """The page of a subject whose comparison is too long to show in full where it is listed."""
    return f"subjects/{subject}.md"


def page_path(base: str, number: int) -> str:
    """Page ``number`` (from 1) of a list starting at ``base``: ``notes.md``, ``notes/page-2.md``…"""
    return base if number == 1 else f"{base.removesuffix('.md')}/page-{number}.md"


def relative(target: str, base_dir: str) -> str:
    """``target`` relative to ``base_dir`` (both relative to the site root, without ``.`` or ``..``
    segments), as ``posixpath.relpath`` would give it, keeping a folder's trailing slash."""
    to = [part for part in target.split("/") if part]
    base = [part for part in base_dir.split("/") if part]
    common = 0
    for a, b in zip(to, base, strict=False):
        if a != b:
            break
        common += 1
    rel = "/".join([".."] * (len(base) - common) + to[common:]) or "."
    if target.endswith("/") or target == "":
        rel = rel.rstrip("/") + "/" if rel != "." else "./"
    return rel


def _page_url(path: str, directory_urls: bool) -> str:
    stem = path.removesuffix(".md")
    if not directory_urls:
        return f"{stem}.html"  # index pages too: "./" would list the folder under file://
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def _remember(cache: dict, key, value):
    """Store ``value`` under ``key``, starting ``cache`` afresh when it holds :data:`_CACHE_LIMIT` entries."""
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache[key] = value
    return value


@dataclass(frozen=True)
class Layout:
    """Where pages end up and how they link to each other.

    A layout keeps the URLs and links it computed (the same ones recur on many pages),
    each cache bounded by :data:`_CACHE_LIMIT` entries; a site generator makes one
    layout per build, so they go with it.

    Attributes:
        directory_urls: ``sources/x.md`` → ``sources/x/`` (True) or ``sources/x.html`` (False).
        repo_url: The repository, for "Improve this annotation" links.
        repo_branch: The branch those links point at.
        site_url: The site's address, for the absolute URLs that structured data needs; None when unknown.
        site_name: The site's name, which structured data gives as the author of its reviews.
    """

    directory_urls: bool = True
    repo_url: str | None = None
    repo_branch: str = "main"
    site_url: str | None = None
    site_name: str = "The dossier"
    _urls: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    _links: dict[tuple[str, str], str] = field(default_factory=dict, init=False, repr=False, compare=False)

    def url(self, path: str) -> str:
        """The URL of a page, relative to the site root."""
        found = self._urls.get(path)
        if found is None:
            found = _remember(self._urls, path, _page_url(path, self.directory_urls))
        return found

    def _folder(self, path: str) -> str:
        """The folder a page's links are relative to, relative to the site root."""
        base = self.url(path)
        return base if base.endswith("/") or not base else posixpath.dirname(base) + "/"

    def href(self, from_path: str, to: str, fragment: str | None = None) -> str:
        """A relative link from one page to another page (``.md``) or file."""
        key = (from_path, to)
        rel = self._links.get(key)
        if rel is None:
            target = self.url(to) if to.endswith(".md") else to
            rel = _remember(self._links, key, relative(target, self._folder(from_path)))
        if rel == "./" and fragment:
            rel = ""
        return rel + (f"#{fragment}" if fragment else "")

    def absolute(self, path: str, fragment: str | None = None) -> str:
        """A page's URL under :attr:`site_url` (relative to the site root when it is unknown)."""
        url = self.url(path) if path.endswith(".md") else path
        base = self.site_url.rstrip("/") + "/" if self.site_url else ""
        return base + url + (f"#{fragment}" if fragment else "")

    def repo_file(self, path: str) -> str | None:
        """The address of a repository file, when the repository is known."""
        if not self.repo_url:
            return None
        return f"{self.repo_url.rstrip('/')}/blob/{self.repo_branch}/{path}"


_LISTS = {SOURCES_INDEX: "the list of all sources", TOPICS_INDEX: "the list of all topics"}


def taken_by(folder: str, name: str) -> str | None:
    """What takes ``folder/<name>.md`` (and the folder ``folder/<name>/``) among the site's
    own pages, for messages: ``the list of all sources (sources/index.md)``; None when free."""
    for path, what in _LISTS.items():
        if dirname(path) == folder and splitext(path.rsplit("/", 1)[-1])[0] == name:
            return f"{what} ({path})"
    return None
