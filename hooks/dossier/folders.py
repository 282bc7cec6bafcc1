"""The site's folders: a fresh site put in the place of the last one, whole or not at all,
and the files that may be published (regular files inside the project).

A site generator that cleans its output folder before writing would leave a
partial site when the build fails half-way. Building into :func:`fresh_folder`
beside it and calling :func:`replace_folder` once the build is complete (or
:func:`drop_folder` when it is not) keeps the last site as it was until then.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

__all__ = ["drop_abandoned_folders", "drop_folder", "fresh_folder", "regular_file_inside", "replace_folder"]


def fresh_folder(site: Path) -> Path:
    """An empty folder beside ``site`` for this process to build into.

    Folders that builds killed before they could clean up left beside ``site``
    (their process is gone) are removed first.
    """
    drop_abandoned_folders(site)
    fresh = site.with_name(f".{site.name}.building-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    return fresh


def drop_abandoned_folders(site: Path) -> list[Path]:
    """Remove ``.<site>.building-<pid>`` and ``.<site>.old-<pid>`` folders whose process is gone."""
    dropped = []
    if not site.parent.is_dir():
        return dropped
    for kind in ("building", "old"):
        for folder in site.parent.glob(f".{site.name}.{kind}-*"):
            pid = folder.name.rpartition("-")[2]
            if pid.isdigit() and not process_alive(int(pid)) and folder.is_dir() and not folder.is_symlink():
                shutil.rmtree(folder, ignore_errors=True)
                dropped.append(folder)
    return dropped


def process_alive(pid: int) -> bool:
    """Whether a process with this id exists (on this machine)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def drop_folder(fresh: Path) -> None:
    """Remove a folder built in vain."""
    shutil.rmtree(fresh, ignore_errors=True)


def replace_folder(target: Path, fresh: Path) -> None:
    """``fresh`` renamed to ``target``; the old ``target`` removed once it is out of the way."""
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    try:
        if target.exists() or target.is_symlink():
            target.rename(old)
        fresh.rename(target)
    except OSError:  # a folder that cannot be renamed (a mount point): empty it and move the new files in
        if old.exists() and not target.exists():
            old.rename(target)
        target.mkdir(exist_ok=True)
        for entry in target.iterdir():
            (shutil.rmtree if entry.is_dir() and not entry.is_symlink() else os.remove)(entry)
        for entry in fresh.iterdir():
            shutil.move(entry, target / entry.name)
        fresh.rmdir()
    shutil.rmtree(old, ignore_errors=True)


def regular_file_inside(path: Path, root: Path) -> bool:
    """Whether ``path`` is a regular file inside ``root``, neither a link nor a special file."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and path.resolve().is_relative_to(root)
