"""A small fixture dossier for the cross-source tests: three sources, two topics, three subjects."""

from __future__ import annotations

from pathlib import Path

from conftest import write_dossier

from dossier.load import load_dossier
from dossier.model import Dossier

TOPICS = """topics:
  - id: factory
    title: Factory
    summary: Where and how many.
  - id: money
    title: Money
    summary: Prices and fines.
"""

SUBJECTS = """subjects:
  - id: capacity
    title: Factory capacity
    question: How many cars a year will the factory make?
    kind: quantity
    unit: vehicles/year
  - id: start
    title: Start of production
    question: When will production start?
    kind: date
  - id: fine
    title: The fine
    question: How much was the supplier fined?
    kind: quantity
    unit: CNY
"""

A_TXT = "Une usine de 300 000 véhicules par an. Production au premier semestre 2024. Amende de 1 million de yuans.\n"
A_YML = """title: Source A
date: 2023-02
language: fr
topics: [factory]
claims:
  - id: capacity
    quote: 300 000 véhicules par an
    claim: A factory for **300,000** vehicles a year.
    topics: [factory]
    subject: capacity
    value: 300 000
    unit: vehicles/year
  - id: start
    quote: Production au premier semestre 2024
    claim: Production starts in the first half of 2024.
    topics: [factory]
    subject: start
    event_date: 2024-H1
  - id: fine
    quote: 1 million de yuans
    claim: A fine of 1 million yuan.
    topics: [money]
    subject: fine
    value: 1 million
    unit: CNY
"""

B_TXT = "Capacité de 300 mille voitures. Début en 2024. Amende de 130 000 euros.\n"
B_YML = """title: Source B
date: 2023-08-15
language: fr
claims:
  - id: capacity
    quote: 300 mille voitures
    claim: Capacity of 300,000 cars.
    topics: [factory]
    subject: capacity
    value: 300 mille
    unit: vehicles/year
  - id: start
    quote: Début en 2024
    claim: Production starts in 2024.
    topics: [factory]
    subject: start
    event_date: 2024
  - id: fine
    quote: 130 000 euros
    claim: A fine of 130,000 euros.
    topics: [money]
    subject: fine
    value: 130000
    unit: EUR
"""

C_TXT = "Une capacité de 200 000 véhicules, dès le troisième trimestre 2024.\n"
C_YML = """title: Source C
date: 2021
language: fr
claims:
  - id: capacity
    quote: 200 000 véhicules
    claim: Capacity of 200,000 vehicles.
    topics: [factory]
    subject: capacity
    value: 200000
    unit: vehicles/year
  - id: start
    quote: dès le troisième trimestre 2024
    claim: From the third quarter of 2024.
    topics: [factory]
    subject: start
    event_date: 2024-Q3
"""


def fixture_files(**overrides: str) -> dict[str, str]:
    """The fixture's files, with some replaced: ``fixture_files(c_yml=None)``."""
    files = {
        "sources/topics.yml": TOPICS,
        "sources/subjects.yml": SUBJECTS,
        "sources/2023-02-a.txt": A_TXT,
        "sources/2023-02-a.yml": A_YML,
        "sources/2023-08-15-b.txt": B_TXT,
        "sources/2023-08-15-b.yml": B_YML,
        "sources/2021-c.txt": C_TXT,
        "sources/2021-c.yml": C_YML,
    }
    files.update(overrides)
    return {k: v for k, v in files.items() if v is not None}


def load_fixture(root: Path, **overrides: str) -> Dossier:
    """Write the fixture under ``root`` and load it; fails on any problem."""
    write_dossier(root, fixture_files(**overrides))
    dossier = load_dossier(root)
    assert [str(p) for p in dossier.problems] == []
    return dossier


TIME_SUBJECTS = """subjects:
  - id: team
    title: Size of the team
    question: How many people work on the car?
    kind: quantity
    unit: people
    changes_over_time: true
  - id: sanction
    title: The sanction
    question: What did Xiaomi do to the supplier?
    kind: category
    values:
      - id: fine
        label: A fine
      - id: lawsuit
        label: A lawsuit
"""
TIME_TOPICS = "topics:\n  - id: team\n    title: Team\n    summary: Who works on the car.\n"
X_TXT = "Une équipe de 450 personnes. Xiaomi a infligé une amende au fournisseur.\n"
X_YML = """title: Source X
date: 2021-10
language: fr
claims:
  - id: team
    quote: 450 personnes
    claim: A team of 450.
    topics: [team]
    subject: team
    value: 450
    unit: people
  - id: sanction
    quote: infligé une amende
    claim: Xiaomi fined the supplier.
    topics: [team]
    subject: sanction
    category: fine
"""
Y_TXT = "L'équipe compte 2 300 personnes. Xiaomi a poursuivi le fournisseur.\n"
Y_YML = """title: Source Y
date: 2023-02
language: fr
claims:
  - id: team
    quote: 2 300 personnes
    claim: A team of 2,300.
    topics: [team]
    subject: team
    value: 2 300
    unit: people
  - id: sanction
    quote: poursuivi le fournisseur
    claim: Xiaomi sued the supplier.
    topics: [team]
    subject: sanction
    category: lawsuit
"""


def time_files(**overrides: str | None) -> dict[str, str]:
    """A second fixture: a team that grows over time, and a sanction told two ways."""
    files = {
        "sources/topics.yml": TIME_TOPICS,
        "sources/subjects.yml": TIME_SUBJECTS,
        "sources/2021-10-x.txt": X_TXT,
        "sources/2021-10-x.yml": X_YML,
        "sources/2023-02-y.txt": Y_TXT,
        "sources/2023-02-y.yml": Y_YML,
    }
    files.update(overrides)
    return {k: v for k, v in files.items() if v is not None}
