"""Problems found in sources and annotation files, and how they are reported.

Every problem carries the file, line and column it concerns (1-based, as
editors count) and a message that says what is wrong and what to do. Loaders
collect problems instead of raising, so that a contributor sees all of them at
once.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["DossierError", "Problem", "format_github", "format_problems", "format_warnings"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file."""

    path: str
    """The file, relative to the project root, with forward slashes."""

    line: int
    """The line, from 1."""

    col: int
    """The column, from 1, counted in characters."""

    message: str
    """What is wrong and what to do about it."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"

    @property
    def github(self) -> str:
        """The problem as a GitHub Actions workflow command."""
        return self.workflow_command("error")

    def workflow_command(self, level: str) -> str:
        """The problem as a GitHub Actions ``::error`` or ``::warning`` command."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::{level} file={self.path},line={self.line},col={self.col}::{message}"


class DossierError(Exception):
    """Raised when a dossier has problems; carries all of them."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(sorted(problems))
        super().__init__(format_problems(self.problems))


def format_problems(problems: Iterable[Problem]) -> str:
    """All problems, one ``path:line:col: message`` per line, in file order."""
    return "\n".join(str(problem) for problem in sorted(problems))


def format_github(problems: Iterable[Problem]) -> str:
    """All problems as ``::error file=…,line=…,col=…::message`` lines."""
    return "\n".join(problem.github for problem in sorted(problems))


def format_warnings(warnings: Iterable[Problem], *, github: bool = False) -> str:
    """Warnings, one ``path:line:col: warning: message`` per line (and ``::warning`` lines with ``github``)."""
    ordered = sorted(warnings)
    lines = [f"{w.path}:{w.line}:{w.col}: warning: {w.message}" for w in ordered]
    if github:
        lines += [w.workflow_command("warning") for w in ordered]
    return "\n".join(lines)
