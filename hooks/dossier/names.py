"""The names the site's own pages take, so that no source or topic can take them.

A source's page is ``sources/<slug>.md`` and a topic's ``topics/<id>.md``, beside
the list of all sources (``sources/index.md``) and of all topics
(``topics/index.md``), whose further pages sit in a folder of the same name
(``sources/index/page-2.md``, see :func:`.paging.page_path`). A source or topic
named like one of these lists would replace it, or be replaced by it: the loader
refuses such names, and :mod:`.site` builds the lists at the paths declared here.
"""

from __future__ import annotations

from posixpath import dirname, splitext

__all__ = ["SOURCES_INDEX", "TOPICS_INDEX", "taken_by"]

SOURCES_INDEX = "sources/index.md"
"""The list of all sources."""

TOPICS_INDEX = "topics/index.md"
"""The list of all topics."""

_LISTS = {SOURCES_INDEX: "the list of all sources", TOPICS_INDEX: "the list of all topics"}


def taken_by(folder: str, name: str) -> str | None:
    """What takes ``folder/<name>.md`` (and the folder ``folder/<name>/``) among the site's
    own pages, for messages: ``the list of all sources (sources/index.md)``; None when free."""
    for path, what in _LISTS.items():
        if dirname(path) == folder and splitext(path.rsplit("/", 1)[-1])[0] == name:
            return f"{what} ({path})"
    return None
