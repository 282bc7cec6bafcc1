"""Where the repository's files are: derives file links from ``repo_url`` and ``edit_uri``.

Moving the repository takes one setting, ``repo_url`` (and ``site_url``) in
mkdocs.yml: the branch of "Improve this annotation" links is read from
``edit_uri`` (``edit/<branch>/docs/``), as MkDocs' own edit links use it.
"""

from __future__ import annotations

__all__ = ["DEFAULT_BRANCH", "derive_branch"]

DEFAULT_BRANCH = "main"
_BRANCH_VERBS = ("edit", "blob", "tree", "raw", "-/edit", "-/blob", "src")


def derive_branch(edit_uri: str | None, default: str = DEFAULT_BRANCH) -> str:
    """The branch named in ``edit_uri`` such as ``edit/main/docs/``; ``default`` when it names none."""
    if not edit_uri or "://" in edit_uri or "?" in edit_uri:
        return default
    path = edit_uri.strip("/")
    for verb in _BRANCH_VERBS:
        if path.startswith(verb + "/"):
            branch = path[len(verb) + 1 :].split("/", 1)[0]
            return branch or default
    return default
