"""The sources folder on disk: which files it holds, and each file's bytes and text.

:func:`scan_sources` lists the texts and annotation files of ``sources/`` and reports
anything else in it (hidden files, folders, other names). :func:`read_file` reads a
regular file only (symbolic links, pipes and devices are refused unopened) and no
larger than its kind's limit; :func:`decode` turns its bytes into UTF-8 text, and
:func:`check_printable` refuses control characters.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .paths import taken_by
from .problems import Collector, Problem
from .schema import PATTERNS
from .subjects import SUBJECTS_FILE

__all__ = [
    "ANNOTATION_LIMIT",
    "MAX_ANNOTATION_BYTES",
    "MAX_SOURCE_BYTES",
    "SOURCE_LIMIT",
    "TOPICS_FILE",
    "FileRead",
    "Scan",
    "check_printable",
    "decode",
    "read_file",
    "scan_sources",
]

TOPICS_FILE = "topics.yml"
MAX_SOURCE_BYTES = 1_000_000
"""A news article is far smaller; a larger file is most likely the wrong file."""
MAX_ANNOTATION_BYTES = 1_000_000
"""The annotation file of one article, and the topics file, are far smaller."""

_SLUG = re.compile(PATTERNS["slug"].regex)
_BOM = "\ufeff"
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Characters no text shows: C0 and C1 controls but tab, line feed and carriage return."""
_TEXT_LINE = re.compile(r"\r\n|\r|\n")

_UNEXPECTED_FILE = (
    "Unexpected file in the sources folder: expected a source text (<slug>.txt) or its annotation file (<slug>.yml)."
)
_GIT_FILES = frozenset({".gitattributes", ".gitignore", ".gitkeep"})
"""Git's own files, which may sit in any folder and are never published."""
_HIDDEN_FILE = (
    "Unexpected hidden file in the sources folder: files whose names start with a dot are not published. "
    "Remove it, or name it <slug>.txt or <slug>.yml."
)
_UNEXPECTED_FOLDER = (
    "Unexpected folder in the sources folder: sources sit directly in sources/ (a slug cannot contain '/'); "
    "move its files up and name them <slug>.txt and <slug>.yml."
)


_FILE_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class Limit:
    """The largest file of a kind, and what to say about a larger one."""

    noun: str
    size: int
    hint: str


SOURCE_LIMIT = Limit("a source", MAX_SOURCE_BYTES, "A news article is far smaller: check that this is the right file.")
ANNOTATION_LIMIT = Limit(
    "an annotation file",
    MAX_ANNOTATION_BYTES,
    "Annotations of one article are far smaller: check that this is the right file.",
)


@dataclass(frozen=True)
class FileRead:
    """A file as read: its bytes, or None with the problems that kept it unread."""

    rel: str
    data: bytes | None
    problems: tuple[Problem, ...]

    @property
    def key(self) -> tuple[str, bytes | None, tuple[Problem, ...]]:
        """What identifies the file's content: its bytes (hashed and compared by the cache's
        dict), not its size or modification time, which a copy can keep."""
        return (self.rel, self.data, self.problems)


def read_file(path: Path, root: Path, limit: Limit) -> FileRead:
    """A regular file's bytes. Symbolic links and special files (pipes, devices) are
    refused without being opened, so that nothing outside the repository is read and
    nothing blocks; a file larger than ``limit`` is refused unread."""
    rel = path.relative_to(root).as_posix()
    out = Collector(rel)
    data = _read_regular(path, limit, out)
    return FileRead(rel, data, tuple(out.problems))


def _not_regular(path: Path, mode: int) -> str:
    if stat.S_ISLNK(mode):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return (
            f"Expected a regular file but found a symbolic link to {target!r}. "
            "Sources are published as stored: replace the link with the file itself."
        )
    kind = _FILE_KINDS.get(stat.S_IFMT(mode), "a special file")
    return f"Expected a regular file but found {kind}. Replace it with a plain text file."


def _read_regular(path: Path, limit: Limit, out: Collector) -> bytes | None:
    try:
        mode = os.lstat(path).st_mode
        if not stat.S_ISREG(mode):
            out.at_position(1, 1, _not_regular(path, mode))
            return None
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        out.at_position(1, 1, f"Cannot read the file: {error.strerror}.")
        return None
    try:
        info = os.fstat(descriptor)  # the file opened, should it have been swapped since
        if not stat.S_ISREG(info.st_mode):
            out.at_position(1, 1, _not_regular(path, info.st_mode))
            return None
        if info.st_size > limit.size:
            out.at_position(1, 1, _too_large(limit, info.st_size))
            return None
        chunks: list[bytes] = []
        size = 0
        while size <= limit.size and (chunk := os.read(descriptor, limit.size + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
        if size > limit.size:  # grew while being read
            out.at_position(1, 1, _too_large(limit, size))
            return None
        return b"".join(chunks)
    except OSError as error:
        out.at_position(1, 1, f"Cannot read the file: {error.strerror}.")
        return None
    finally:
        os.close(descriptor)


def _too_large(limit: Limit, size: int) -> str:
    return f"Expected {limit.noun} of at most {limit.size:,} bytes but received {size:,} bytes. {limit.hint}"


def decode(data: bytes, out: Collector) -> str | None:
    """The bytes decoded as UTF-8 without a leading BOM, or None with a problem."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        col = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        guess = _guess_encoding(data)
        if "UTF-16" in guess:  # lines and columns of UTF-8 mean nothing in it
            line, col = 1, 1
        out.at_position(
            line,
            col,
            f"Expected UTF-8 text but byte 0x{data[error.start]:02X} is not valid UTF-8. "
            f"Save the file as UTF-8 ({guess}).",
        )
        return None
    return text.removeprefix(_BOM)


def _guess_encoding(data: bytes) -> str:
    """What the bytes of a file that is not UTF-8 look like, for the message."""
    if data[:2] in {b"\xff\xfe", b"\xfe\xff"}:
        return "it is in UTF-16"
    pairs = data[:2000]
    if len(pairs) >= 4 and pairs.count(0) * 4 >= len(pairs):
        return "it looks like UTF-16"
    return "it may be in Latin-1 or Windows-1252"


def check_printable(text: str, out: Collector) -> bool:
    """Whether the text holds no control character; else where the first is, and how many (reported)."""
    first = _CONTROL.search(text)
    if first is None:
        return True
    before = text[: first.start()]
    line = len(_TEXT_LINE.findall(before)) + 1
    col = first.start() - max(before.rfind("\n"), before.rfind("\r"))
    count = len(_CONTROL.findall(text))
    more = f", and {count - 1:,} more" if count > 1 else ""
    out.at_position(
        line,
        col,
        f"Expected printable text but found the control character U+{ord(first.group()):04X}{more}. "
        f"A text holds letters, tabs and line breaks: remove {'them' if more else 'it'} "
        "(control characters are left over from a copy or a conversion).",
    )
    return False


@dataclass
class Scan:
    """The files of the sources folder, by slug, and the problems of every other entry.

    Attributes:
        texts: Source texts, ``<slug>.txt``.
        annotations: Annotation files, ``<slug>.yml``.
        problems: Entries that are neither, and names that cannot be used.
    """

    texts: dict[str, Path] = field(default_factory=dict)
    annotations: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def scan_sources(folder: Path, root: Path, sources_dir: str) -> Scan:
    """Every text and annotation file of ``folder``; everything else in it reported."""
    scan = Scan()
    for path in sorted(folder.iterdir()):
        rel = path.relative_to(root).as_posix()
        if path.name in {TOPICS_FILE, SUBJECTS_FILE} or path.name in _GIT_FILES:
            continue
        if path.name.startswith("."):
            scan.problems.append(Problem(rel, 1, 1, _HIDDEN_FILE))
            continue
        if path.is_dir() and not path.is_symlink():
            scan.problems.append(Problem(rel, 1, 1, _UNEXPECTED_FOLDER))
            continue
        if path.suffix not in {".txt", ".yml"}:
            scan.problems.append(Problem(rel, 1, 1, _UNEXPECTED_FILE))
            continue
        if not _SLUG.fullmatch(path.stem):
            scan.problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    f"Expected a file name made of lower-case letters, digits and single "
                    f"hyphens (like 2023-02-xiaomi-fines-supplier{path.suffix}) but received {path.name!r}.",
                )
            )
            continue
        if (taken := taken_by("sources", path.stem)) is not None:
            scan.problems.append(
                Problem(
                    rel,
                    1,
                    1,
                    f"The name '{path.stem}' is taken by {taken}: this source's page would replace that list. "
                    f"Rename the source's files, for example to {sources_dir}/2023-02-{path.stem}.txt and .yml.",
                )
            )
            continue
        (scan.texts if path.suffix == ".txt" else scan.annotations)[path.stem] = path
    return scan
