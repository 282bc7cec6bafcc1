"""Findings and standing: what the sources establish on each subject, and where each claim stands.

:class:`SubjectFindings` holds, for every subject of the subjects file, its claims, its
comparison, its editor's finding, and the answers the claims give (:func:`answers`), each with the
independent origins behind it (claims whose sources share a text along their chains count once).
:func:`claim_standing` says where one claim stands, in words: the editor's verdict
when there is one, else contested, corroborated by N independent origins, relayed,
or from a single source. It writes no HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from .model import Subject
from .provenance import Step
from .schema import VERDICTS
from .topics import ClaimRef, Comparison, independent_origins

__all__ = [
    "STANDING_LABELS",
    "Agreement",
    "Answer",
    "Standing",
    "SubjectFindings",
    "agreements",
    "answers",
    "claim_standing",
    "standings",
]


@dataclass(frozen=True)
class Standing:
    """Where a claim stands, for readers.

    Attributes:
        kind: ``verdict-<rating>``, ``contested``, ``corroborated``, ``relayed`` or ``single-source``.
        label: In words: ``Corroborated by 2 independent origins``.
        reason: The verdict's reason (inline Markdown), for a verdict.
    """

    kind: str
    label: str
    reason: str | None = None


@dataclass(frozen=True)
class Answer:
    """One value, date or answer the claims on a subject give, and the origins behind it.

    Attributes:
        figure: The value, for readers.
        refs: The claims that give it.
        origins: Their independent origins.
    """

    figure: str
    refs: tuple[ClaimRef, ...]
    origins: tuple[Step, ...]


@dataclass(frozen=True)
class SubjectFindings:
    """A subject, what its claims say and what the editor found.

    Attributes:
        subject: The subject.
        refs: Every claim on it, by source then text order.
        comparison: Its comparison, when two claims or more can be compared.
        answers: The answers given, in the order first given (empty when the claims carry no value).
    """

    subject: Subject
    refs: tuple[ClaimRef, ...]
    comparison: Comparison | None
    answers: tuple[Answer, ...]

    @property
    def anchor(self) -> str:
        """The element id of the subject on the findings page."""
        return f"subject-{self.subject.id}"


def answers(refs: Sequence[ClaimRef], chains: dict[str, tuple[Step, ...]]) -> tuple[Answer, ...]:
    """The answers ``refs`` give, in the order first given, each with its independent origins."""
    groups: dict[str, list[ClaimRef]] = {}
    for ref in refs:
        if ref.figure:
            groups.setdefault(ref.figure, []).append(ref)
    return tuple(Answer(figure, tuple(group), independent_origins(group, chains)) for figure, group in groups.items())


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


@dataclass(frozen=True)
class Agreement:
    """The claims that give the same value as a claim (its comparison's, or its point's in a series).

    Attributes:
        origins: Their independent origins.
        sources: How many sources give them.
    """

    origins: tuple[Step, ...]
    sources: int


def agreements(comparison: Comparison, chains: dict[str, tuple[Step, ...]]) -> dict[tuple[str, str], Agreement]:
    """For each claim of ``comparison``, by ``(source id, claim id)``, the claims agreeing with it: all of
    them, or those of its point when the comparison is a series. Computed once per comparison (or point)."""
    groups = comparison.series if comparison.status == "series" else (comparison,)
    found: dict[tuple[str, str], Agreement] = {}
    for group in groups:
        agreement = Agreement(independent_origins(group.refs, chains), len({r.source.id for r in group.refs}))
        found.update(dict.fromkeys((r.key for r in group.refs), agreement))
    return found


STANDING_LABELS = {
    **{f"verdict-{rating}": f"Verdict: {label}" for rating, label in VERDICTS.items()},
    "contested": "Contested: other sources say otherwise",
    "single-source": "Single source: no other source reports it",
}
"""The label of each kind of standing that always reads the same, by kind: a verdict's, a contested
claim's, and a single source's when no other source gives the subject at all (a corroborated or
relayed claim's names its origins, and a single source's may say that other sources give the
subject in other units)."""


def claim_standing(ref: ClaimRef, comparison: Comparison | None, agreement: Agreement | None = None) -> Standing:
    """Where one claim stands: its verdict, else what the comparison of its subject shows (``agreement``:
    the claims agreeing with it, from :func:`agreements`, needed unless the comparison disagrees)."""
    verdict = ref.claim.verdict
    if verdict is not None:
        kind = f"verdict-{verdict.rating}"
        return Standing(kind, STANDING_LABELS[kind], verdict.reason)
    if comparison is None:
        return Standing("single-source", STANDING_LABELS["single-source"])
    if comparison.status == "incomparable":
        return Standing("single-source", "Single source: other sources give it only in other units")
    if comparison.status == "disagree":
        return Standing("contested", STANDING_LABELS["contested"])
    assert agreement is not None, "the standing of an agreeing claim needs the claims that agree with it"
    independent = agreement.origins
    if len(independent) >= 2:
        count = _plural(len(independent), "independent origin", "independent origins")
        return Standing("corroborated", f"Corroborated by {count}")
    if agreement.sources > 1:
        return Standing("relayed", f"Relayed: the sources that say it share one origin ({independent[0].label})")
    return Standing("single-source", STANDING_LABELS["single-source"])


def standings(
    refs: Iterable[ClaimRef],
    by_claim: dict[tuple[str, str], Comparison],
    chains: dict[str, tuple[Step, ...]],
    known: Callable[[ClaimRef, Comparison | None], Standing | None] | None = None,
) -> dict[tuple[str, str], Standing]:
    """The standing of every claim, by ``(source id, claim id)`` (``known(ref, comparison)``: the
    standing of a claim already known, else None)."""
    agreeing: dict[int, dict[tuple[str, str], Agreement]] = {}  # by comparison, computed when first needed
    found = {}
    for ref in refs:
        comparison = by_claim.get(ref.key)
        if known is not None and (standing := known(ref, comparison)) is not None:
            found[ref.key] = standing
            continue
        agreement = None
        if comparison is not None and comparison.status not in ("incomparable", "disagree"):
            if id(comparison) not in agreeing:
                agreeing[id(comparison)] = agreements(comparison, chains)
            agreement = agreeing[id(comparison)][ref.key]
        found[ref.key] = claim_standing(ref, comparison, agreement)
    return found
