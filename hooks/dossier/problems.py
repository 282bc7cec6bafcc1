"""Problems found in sources and annotation files, and how they are reported.

Every problem carries the file, line and column it concerns (1-based, as
editors count) and a message that says what is wrong and what to do. Loaders
collect problems instead of raising, so that a contributor sees all of them at
once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Protocol

__all__ = ["Collector", "DossierError", "Problem", "format_github", "format_problems", "format_warnings"]


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one file.

    Attributes:
        path: The file, relative to the project root, with forward slashes.
        line: The line, from 1.
        col: The column, from 1, counted in characters.
        message: What is wrong and what to do about it.
    """

    path: str
    line: int
    col: int
    message: str

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


_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
"""What ``str.splitlines`` breaks a line at."""
_MESSAGE_CHARS = 2_000
"""The longest message: what quotes input back is cut before that."""


class _Marked(Protocol):
    """A YAML mark: where a node starts or ends, from 0."""

    line: int
    column: int


class _Node(Protocol):
    start_mark: _Marked
    end_mark: _Marked


@dataclass
class Collector:
    """Problems of one file, in the order found."""

    path: str
    problems: list[Problem] = field(default_factory=list)

    def at(self, node: _Node | None, message: str, *, end: bool = False) -> None:
        """A problem where a YAML node starts (or ends); at 1:1 without one."""
        mark = None if node is None else (node.end_mark if end else node.start_mark)
        line, col = (1, 1) if mark is None else (mark.line + 1, mark.column + 1)
        self.at_position(line, col, message)

    def at_position(self, line: int, col: int, message: str) -> None:
        """A problem at a line and column, from 1."""
        self.problems.append(Problem(self.path, line, col, one_line(message)))


def one_line(message: str) -> str:
    """A message on one line (line breaks from the input shown as ``\\n``) and of bounded length."""
    message = _LINE_BREAKS.sub(lambda m: repr(m.group())[1:-1], message)
    return message if len(message) <= _MESSAGE_CHARS else message[: _MESSAGE_CHARS - 1] + "…"
