"""Validate sources/ without building the site: ``python hooks/check.py``.

Runs the same loader as the build, so the two can never disagree. Prints every
problem as ``path:line:col: message``; under GitHub Actions also as
``::error`` workflow commands, so problems show on the pull request's diff.
Exits 1 when there is any problem.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dossier.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
