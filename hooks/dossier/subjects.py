"""Subjects: the questions claims answer, from ``sources/subjects.yml``, and whether a claim fits its subject.

The loader reads the file's structure against :data:`~.schema.SUBJECT_FIELDS`; this
module checks what depends on a subject's ``kind`` (a quantity states its unit, a
category lists its answers) and whether each claim's ``subject``, ``value`` and
``category`` fit the subject it names. Each check returns the problems it finds as
:class:`Misfit` (the field to point at and the message), so the loader reports them
at their line and column with the rest.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .model import CategoryValue, Finding, Subject

__all__ = ["SUBJECTS_FILE", "Misfit", "SubjectsKnown", "check_claim", "make_subject"]

SUBJECTS_FILE = "subjects.yml"
"""The subjects file, in the sources folder."""


@dataclass(frozen=True)
class Misfit:
    """A problem of a subject or of a claim's fit to its subject.

    Attributes:
        field: The key to point at; None for the mapping itself.
        message: What is wrong and what to do.
    """

    field: str | None
    message: str


@dataclass(frozen=True)
class SubjectsKnown:
    """The subjects a claim may name, and where they are defined.

    Attributes:
        subjects: Subjects by id.
        path: The subjects file, relative to the project root.
        defined: Whether that file exists.
    """

    subjects: Mapping[str, Subject]
    path: str
    defined: bool


def _suggest(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" Did you mean '{close[0]}'?" if close else ""


def make_subject(
    values: dict[str, Any], categories: tuple[CategoryValue, ...], finding: Finding | None, line: int
) -> Subject | list[Misfit]:
    """The subject of a valid entry of the subjects file, or what its kind makes wrong in it."""
    ident, kind = values["id"], values["kind"]
    where = f"subject '{ident}'"
    problems: list[Misfit] = []
    if kind == "quantity" and "unit" not in values:
        problems.append(
            Misfit(
                None, f"Missing key 'unit' in {where}: a subject of kind 'quantity' states the unit of its question."
            )
        )
    if kind != "quantity" and "unit" in values:
        problems.append(
            Misfit("unit", f"A 'unit' fits only a subject of kind 'quantity', but {where} is of kind '{kind}'.")
        )
    if kind == "category" and "values" not in values:
        problems.append(
            Misfit(None, f"Missing key 'values' in {where}: a subject of kind 'category' lists its possible answers.")
        )
    if kind != "category" and "values" in values:
        problems.append(
            Misfit(
                "values", f"A list of 'values' fits only a subject of kind 'category', but {where} is of kind '{kind}'."
            )
        )
    if problems:
        return problems
    return Subject(
        id=ident,
        title=values["title"],
        question=values["question"],
        kind=kind,
        unit=values.get("unit"),
        values=categories,
        changes_over_time=values.get("changes_over_time", False),
        finding=finding,
        line=line,
    )


def _unknown_subject(ident: str, where: str, known: SubjectsKnown) -> str:
    if not known.defined:
        return f"Unknown subject '{ident}' in {where}: there is no {known.path} to define it."
    hint = _suggest(ident, list(known.subjects))
    return f"Unknown subject '{ident}' in {where}.{hint} Subjects are defined in {known.path}."


def check_claim(values: dict[str, Any], where: str, known: SubjectsKnown) -> list[Misfit]:
    """Whether a claim's ``subject`` exists and its ``value`` and ``category`` fit the subject's kind."""
    ident = values.get("subject")
    if ident is None:
        if "category" in values:
            return [Misfit("category", f"A 'category' needs a 'subject' in {where}, of kind 'category'.")]
        return []
    subject = known.subjects.get(ident)
    if subject is None:
        return [Misfit("subject", _unknown_subject(ident, where, known))]
    problems = []
    if "value" in values and subject.kind != "quantity":
        problems.append(
            Misfit(
                "value",
                f"A 'value' fits a subject of kind 'quantity', but subject '{ident}' of {where} is of kind "
                f"'{subject.kind}'. {_instead(subject.kind)}",
            )
        )
    category = values.get("category")
    if category is not None and subject.kind != "category":
        problems.append(
            Misfit(
                "category",
                f"A 'category' fits a subject of kind 'category', but subject '{ident}' of {where} is of kind "
                f"'{subject.kind}'. {_instead(subject.kind)}",
            )
        )
    elif category is not None and category not in {v.id for v in subject.values}:
        ids = [v.id for v in subject.values]
        problems.append(
            Misfit(
                "category",
                f"Unknown category '{category}' for subject '{ident}' in {where}.{_suggest(category, ids)} "
                f"Expected one of: {', '.join(ids)}.",
            )
        )
    return problems


def _instead(kind: str) -> str:
    """What a claim on a subject of ``kind`` gives instead."""
    return {
        "quantity": "Give the figure as 'value'.",
        "date": "Give the date as 'event_date'.",
        "category": "Give the answer as 'category'.",
        "statement": "A statement is compared by the editor: state it in 'claim'.",
    }[kind]
