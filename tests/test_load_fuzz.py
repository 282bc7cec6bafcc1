"""Whatever an annotation file holds, loading reports problems and never raises."""

from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from conftest import write_dossier
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.load import load_dossier
from dossier.schema import CLAIM_FIELDS, CONTEXT_FIELDS, NOTE_FIELDS, SOURCE_FIELDS

TEXT = "Xiaomi produira 300 000 voitures par an à Pékin. L’usine ouvrira en 2024.\n"
KEYS = sorted({f.name for fields in (SOURCE_FIELDS, NOTE_FIELDS, CLAIM_FIELDS, CONTEXT_FIELDS) for f in fields})
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["Pékin", "300 000", "2023-02", "2023-02-30", "2024-H1", "fr", "production", "<b>x</b>", ""]),
    st.text(max_size=12),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.dictionaries(st.sampled_from(KEYS), inner, max_size=5),
    ),
    max_leaves=12,
)
ANNOTATIONS = st.dictionaries(st.sampled_from(KEYS), VALUES, max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(annotation=ANNOTATIONS)
def test_loading_never_raises(annotation: dict) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_dossier(
            Path(folder),
            {"sources/a.txt": TEXT, "sources/a.yml": yaml.safe_dump(annotation, allow_unicode=True)},
        )
        dossier = load_dossier(root)
    for problem in dossier.problems:
        assert problem.path.startswith("sources/")
        assert problem.line >= 1 and problem.col >= 1
        assert problem.message


@settings(max_examples=60, deadline=None)
@given(raw=st.text(max_size=80))
def test_any_text_as_annotation_never_raises(raw: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = write_dossier(Path(folder), {"sources/a.txt": TEXT, "sources/a.yml": raw})
        load_dossier(root)
