"""The analysis computes in time linear in the claims what its plain definitions say pair by pair.

Each test draws random inputs and compares the engine (:mod:`dossier.topics`) with a direct,
pairwise implementation of the definition: independent origins (sources whose chains share a text
count once, groups merging as later sources link them), agreement of values over time and of event
dates, and the related sources of each source.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.dates import PartialDate
from dossier.provenance import Step
from dossier.topics import compare_claims, independent_origins, related_sources

# -- the definitions, pair by pair ---------------------------------------------------------


def origins_by_definition(refs, chains) -> tuple[Step, ...]:
    """Groups of sources linked by a shared text, in the order first met, each named by the farthest
    text its first two sources share (its source's own origin while alone)."""
    groups: list[tuple[frozenset[str], Step, frozenset[str]]] = []
    for ref in refs:
        chain = chains.get(ref.source.id) or (Step(f"source:{ref.source.id}", ref.source.title, ref.page),)
        keys = frozenset(step.key for step in chain)
        linked = [i for i, (known, _, _) in enumerate(groups) if known & keys]
        if not linked:
            groups.append((keys, chain[0], frozenset({ref.source.id})))
            continue
        known, origin, members = groups[linked[0]]
        if len(members) == 1:
            origin = next(step for step in chain if step.key in known)
        texts = keys.union(*(groups[i][0] for i in linked))
        groups[linked[0]] = (texts, origin, members.union({ref.source.id}, *(groups[i][2] for i in linked)))
        for i in reversed(linked[1:]):
            del groups[i]
    return tuple(origin for _, origin, _ in groups)


def _values_status(refs) -> str:
    values = [(r.claim.unit, r.claim.value or 0.0) for r in refs]

    def same(items):
        items = list(items)
        return all(math.isclose(v, items[0], rel_tol=1e-9) for v in items)

    if any(r.claim.compare_across_units for r in refs) or len({u for u, _ in values}) == 1:
        return "agree" if same(v for _, v in values) else "disagree"
    units = {u for u, _ in values}
    by_unit = [[v for u, v in values if u == unit] for unit in units]
    return "disagree" if any(not same(group) for group in by_unit) else "incomparable"


def over_time_by_definition(refs) -> str:
    """Two values disagree only when their dates overlap; else different values form a series."""
    pairs = [(a, b) for i, a in enumerate(refs) for b in refs[i + 1 :] if a.as_of.overlaps(b.as_of)]
    if any(_values_status([a, b]) == "disagree" for a, b in pairs):
        return "disagree"
    overall = _values_status(refs)
    return "series" if overall == "disagree" else overall


def related_by_definition(sources, limit):
    def keys(source):
        return set(source.topics) | {t for c in source.claims for t in c.topics}, {
            c.subject for c in source.claims if c.subject
        }

    related = {}
    for source in sources:
        topics, subjects = keys(source)
        found = []
        for other in sources:
            if other.id == source.id:
                continue
            shared = tuple(sorted(topics & keys(other)[0])), tuple(sorted(subjects & keys(other)[1]))
            if any(shared):
                found.append((other.id, *shared))
        related[source.id] = found[:limit] if limit is not None else found
    return related


# -- random inputs -------------------------------------------------------------------------

TEXTS = [f"name:agency {i}" for i in range(6)]
DATES = [PartialDate(2023), PartialDate(2023, period="H1"), PartialDate(2023, period="Q4")]
DATES += [PartialDate(2023, m) for m in (1, 5, 11)] + [PartialDate(2024), PartialDate(2023, 5, 17)]
DATES += [PartialDate(2023, 5, 31), PartialDate(2023, 6, 30)]  # the last day of a month and of a half


def _source(ident: int):
    return SimpleNamespace(id=f"s{ident}", title=f"Source {ident}")


def _ref(source, claim=None):
    return SimpleNamespace(source=source, page=f"sources/{source.id}.md", claim=claim, as_of=claim and claim.as_of)


@st.composite
def sources_and_chains(draw):
    """Sources claiming in a random order, each with a chain through a few shared outside texts
    (so that a late source can link groups formed earlier), or with no known chain."""
    count = draw(st.integers(1, 12))
    sources = [_source(i) for i in range(count)]
    chains = {}
    for source in sources:
        if draw(st.booleans()):
            texts = draw(st.lists(st.sampled_from(TEXTS), max_size=3, unique=True))
            steps = [Step(key, key.removeprefix("name:")) for key in texts]
            chains[source.id] = (*steps, Step(f"source:{source.id}", source.title, f"sources/{source.id}.md"))
    order = draw(st.lists(st.sampled_from(sources), min_size=1, max_size=20))
    return [_ref(s) for s in order], chains


@settings(max_examples=300, deadline=None)
@given(sources_and_chains())
def test_independent_origins_are_the_groups_of_the_definition(drawn) -> None:
    refs, chains = drawn
    assert independent_origins(refs, chains) == origins_by_definition(refs, chains)


def test_a_late_source_merges_two_groups_under_the_first() -> None:
    a, b, c, d = (_source(i) for i in range(4))
    reuters, afp = Step("name:reuters", "Reuters"), Step("name:afp", "AFP")
    chains = {
        a.id: (reuters, Step("source:s0", "Source 0")),
        b.id: (afp, Step("source:s1", "Source 1")),
        c.id: (afp, Step("source:s2", "Source 2")),
        d.id: (reuters, afp, Step("source:s3", "Source 3")),  # links Reuters' group to AFP's
    }
    refs = [_ref(s) for s in (a, b, c, d)]
    assert [o.label for o in independent_origins(refs[:3], chains)] == ["Reuters", "AFP"]
    assert [o.label for o in independent_origins(refs, chains)] == ["Reuters"]
    assert independent_origins(refs, chains) == origins_by_definition(refs, chains)


def _claim(draw, kind: str):
    as_of = draw(st.sampled_from(DATES))
    return SimpleNamespace(
        id="c",
        category=None,
        value=draw(st.sampled_from([100.0, 100.0 + 1e-8, 200.0, 0.0])) if kind == "value" else None,
        unit=draw(st.sampled_from(["cars", "people", None])),
        compare_across_units=draw(st.booleans()) and draw(st.booleans()),
        event_date=as_of if kind == "date" else None,
        as_of=as_of,
    )


@st.composite
def claims_of(draw, kind: str):
    count = draw(st.integers(2, 14))
    return [_ref(_source(draw(st.integers(0, 5))), _claim(draw, kind)) for _ in range(count)]


@settings(max_examples=300, deadline=None)
@given(claims_of("value"))
def test_values_over_time_disagree_only_at_overlapping_dates_as_defined(refs) -> None:
    about = SimpleNamespace(changes_over_time=True)
    for ref in refs:
        ref.about = about
    comparison = compare_claims("subject", refs, about)
    assert comparison is not None
    expected = over_time_by_definition(refs)
    if expected == "agree" and len(independent_origins(refs, {})) < 2:
        expected = "single-source" if len({r.source.id for r in refs}) == 1 else "relayed"
    assert comparison.status == expected


@settings(max_examples=200, deadline=None)
@given(claims_of("date"))
def test_event_dates_agree_when_every_two_overlap(refs) -> None:
    for ref in refs:
        ref.about = None
    comparison = compare_claims("subject", refs)
    assert comparison is not None
    pairwise = all(a.claim.event_date.overlaps(b.claim.event_date) for i, a in enumerate(refs) for b in refs[i + 1 :])
    assert (comparison.status == "disagree") == (not pairwise)


@st.composite
def dossiers(draw):
    sources = []
    for i in range(draw(st.integers(0, 12))):
        claims = [
            SimpleNamespace(
                topics=draw(st.lists(st.sampled_from("abcd"), max_size=2, unique=True)),
                subject=draw(st.sampled_from([None, "x", "y"])),
            )
            for _ in range(draw(st.integers(0, 3)))
        ]
        topics = draw(st.lists(st.sampled_from("abcde"), max_size=2, unique=True))
        sources.append(SimpleNamespace(id=f"s{i}", topics=topics, claims=claims))
    return SimpleNamespace(sources=sources), draw(st.sampled_from([None, 1, 3]))


@settings(max_examples=200, deadline=None)
@given(dossiers())
def test_related_sources_are_the_first_sharing_a_topic_or_subject(drawn) -> None:
    dossier, limit = drawn
    found = related_sources(dossier, limit)
    assert {k: [(r.source.id, r.topics, r.subjects) for r in v] for k, v in found.items()} == related_by_definition(
        dossier.sources, limit
    )
