"""The articles under sources/ are kept byte-for-byte as received.

Every text's SHA-256 digest is registered in ``SEEDS`` when it is added (the
failure for a new text prints the line to add), so that no later change to a
text goes unnoticed.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from conftest import ROOT

SEEDS = {
    "2023-02-xiaomi-sues-supplier-over-ms11-leak.txt": "1767f22cf4c532fd21bae848ff441f326912e58d5e32d913e3a66ada5876bfb3",
    "2023-02-lei-jun-investor-day-car-progress.txt": "7778d6d57e1f3b8a8af387ea204837b856794a9c28aedc6d16f096d9f06ba47f",
    "2023-02-xiaomi-fines-supplier-reuters.txt": "74596369720e144e437cb402d107a3d1bc70cc35830e51d547fa1c7ed2c04097",
    "2021-10-19-xiaomi-first-cars-in-2024.txt": "6244f1527436dbf1b2cde236502f6dff2ce2a88b4a0ddd957d002e35b279b079",
    "2023-08-xiaomi-wins-approval-to-build-cars.txt": "b3329bc749696bdf8ca14c75856d8a85e445237aebe7f422e6646dfe259657a4",
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_source_is_byte_for_byte_as_received(name: str) -> None:
    digest = hashlib.sha256((ROOT / "sources" / name).read_bytes()).hexdigest()
    assert digest == SEEDS[name]


def test_every_seed_is_present() -> None:
    texts = {p.name for p in (ROOT / "sources").glob("*.txt")}
    assert set(SEEDS) <= texts


def unregistered(folder: Path, seeds: dict[str, str]) -> list[str]:
    """The ``SEEDS`` lines to add for the texts of ``folder`` that are not registered."""
    return [
        f'    "{p.name}": "{hashlib.sha256(p.read_bytes()).hexdigest()}",'
        for p in sorted(folder.glob("*.txt"))
        if p.name not in seeds
    ]


def test_every_text_is_registered() -> None:
    missing = unregistered(ROOT / "sources", SEEDS)
    assert missing == [], "register the new texts' digests in SEEDS (tests/test_sources.py):\n" + "\n".join(missing)


def test_a_new_text_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "2024-03-new.txt").write_bytes(b"Texte.\n")
    (tmp_path / "2021-10-19-xiaomi-first-cars-in-2024.txt").write_bytes(b"registered")
    assert unregistered(tmp_path, SEEDS) == [
        '    "2024-03-new.txt": "' + hashlib.sha256(b"Texte.\n").hexdigest() + '",'
    ]
