"""Command line of the engine: ``check`` (validate without building), ``import`` and ``schema``.

``python hooks/check.py [--root DIR] [--github] [--fix]`` validates, warns about
quotes that differ from their text only in typography and, with ``--fix``,
rewrites them to the text's passage; ``python hooks/check.py import FILE… [--dry-run]``
appends the notes and claims of annotation tools' JSON (:mod:`.importer`); ``python -m dossier schema`` (with
``hooks/`` on the path) prints the annotation JSON Schema.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .importer import import_annotations
from .load import load_dossier
from .problems import format_github, format_problems, format_warnings
from .quotes import find_inexact_quotes, fix_quotes, quote_warnings
from .schema import build_json_schema, build_subjects_json_schema, build_topics_json_schema

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = argparse.ArgumentParser(prog="dossier", description=__doc__)
    parser.add_argument(
        "command",
        nargs="?",
        default="check",
        choices=["check", "schema", "topics-schema", "subjects-schema", "import"],
    )
    parser.add_argument("files", nargs="*", type=Path, help="import: W3C Web Annotation or Hypothesis JSON files")
    parser.add_argument("--dry-run", action="store_true", help="import: print the changes as a diff, write nothing")
    parser.add_argument("--root", default=".", help="the project folder (default: the current one)")
    parser.add_argument(
        "--github",
        action="store_true",
        default=os.environ.get("GITHUB_ACTIONS") == "true",
        help="also print GitHub Actions ::error lines (on by default under Actions)",
    )
    parser.add_argument(
        "--fix",
        action="store_true",
        help="rewrite quotes that differ from their text only in typography to the text's passage, in place",
    )
    args = parser.parse_intermixed_args(argv)
    if args.command == "schema":
        print(json.dumps(build_json_schema(), indent=2, ensure_ascii=False))
        return 0
    if args.command == "topics-schema":
        print(json.dumps(build_topics_json_schema(), indent=2, ensure_ascii=False))
        return 0
    if args.command == "subjects-schema":
        print(json.dumps(build_subjects_json_schema(), indent=2, ensure_ascii=False))
        return 0
    if args.command == "import":
        return _import(Path(args.root), args.files, dry_run=args.dry_run)
    if args.files:
        parser.error(f"'{args.command}' takes no file")
    dossier = load_dossier(Path(args.root))
    inexact = find_inexact_quotes(dossier, args.root)
    if args.fix and inexact:
        try:
            changed = fix_quotes(args.root, inexact)
        except ValueError as error:
            print(f"{error}. Rewrite its quotes by hand.", file=sys.stderr)
            return 1
        print(f"Rewrote {_count(len(inexact), 'quote')} to the text's passage in {', '.join(changed)}.")
        inexact = []
    if inexact:
        print(format_warnings(quote_warnings(inexact), github=args.github))
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
    if inexact:
        print(
            f"{_count(len(inexact), 'quote')} differ{'s' if len(inexact) == 1 else ''} from the text "
            "only in typography: './dev check --fix' rewrites them.",
            file=sys.stderr,
        )
    return 0


def _import(root: Path, files: list[Path], *, dry_run: bool) -> int:
    if not files:
        print("Name the files to import: ./dev import FILE…", file=sys.stderr)
        return 2
    result = import_annotations(root, files, write=not dry_run)
    for line in result.warnings:
        print(line)
    if result.problems:
        print("\n".join(result.problems))
        print(
            f"{_count(len(result.problems), 'problem')} found; nothing was written.",
            file=sys.stderr,
        )
        return 1
    if dry_run:
        print(result.diff(), end="")
        print(f"Would add {_count(result.added, 'annotation')} to {_count(len(result.changes), 'file')}.")
        return 0
    print(f"Added {_count(result.added, 'annotation')} to {', '.join(result.changes) or 'no file'}.")
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'s' if number != 1 else ''}"
