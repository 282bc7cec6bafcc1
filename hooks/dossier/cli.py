"""Command line of the engine: ``check`` (validate without building) and ``schema``.

``python hooks/check.py [--root DIR] [--github]`` validates; ``python -m dossier
schema`` (with ``hooks/`` on the path) prints the annotation JSON Schema.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .load import load_dossier
from .problems import format_github, format_problems
from .schema import build_json_schema, build_topics_json_schema

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="dossier", description=__doc__)
    parser.add_argument("command", nargs="?", default="check", choices=["check", "schema", "topics-schema"])
    parser.add_argument("--root", default=".", help="the project folder (default: the current one)")
    parser.add_argument(
        "--github",
        action="store_true",
        default=os.environ.get("GITHUB_ACTIONS") == "true",
        help="also print GitHub Actions ::error lines (on by default under Actions)",
    )
    args = parser.parse_args(argv)
    if args.command == "schema":
        print(json.dumps(build_json_schema(), indent=2, ensure_ascii=False))
        return 0
    if args.command == "topics-schema":
        print(json.dumps(build_topics_json_schema(), indent=2, ensure_ascii=False))
        return 0
    dossier = load_dossier(Path(args.root))
    if dossier.problems:
        print(format_problems(dossier.problems))
        if args.github:
            print(format_github(dossier.problems))
        count = len(dossier.problems)
        print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        return 1
    notes = sum(len(s.notes) for s in dossier.sources)
    claims = sum(len(s.claims) for s in dossier.sources)
    print(f"OK: {len(dossier.sources)} sources, {notes} notes, {claims} claims, {len(dossier.topics)} topics.")
    return 0
