"""Session fixtures for the tests that look at a built site: build it, serve it, open a browser.

Loaded by ``pytest_plugins`` in conftest.py. The real site is built once with
``mkdocs build --strict`` into a temporary folder and served on 127.0.0.1 from
a thread; the browser is Debian's chromium driven by Playwright (never a
downloaded browser build).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import io
import logging
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import environ

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("DOSSIER_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"
BUILD_TIME = "1700000000"
"""The build time of the sites built here (``SOURCE_DATE_EPOCH``, which both generators honour):
it is written into ``sitemap.xml`` (``lastmod``) and the header of ``sitemap.xml.gz``."""


def generator_command(name: str) -> list[str]:
    """The command line of a generator: ``mkdocs`` (this interpreter's) or ``properdocs`` (its own venv)."""
    if name == "mkdocs":
        return [sys.executable, "-m", "mkdocs"]
    if not PROPERDOCS.exists():
        pytest.fail(f"{PROPERDOCS} is missing: ./dev test (or ./dev build --with properdocs) installs it")
    return [str(PROPERDOCS)]


def run_mkdocs_build(config_dir: Path, site_dir: Path, generator: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the project at ``config_dir`` into ``site_dir``; its status and log.

    MkDocs runs in this process (:func:`build_in_process`); ProperDocs, which has its own
    virtual environment, runs its command line.
    """
    if generator == "mkdocs":
        return build_in_process(config_dir, site_dir)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_TIME}
    return subprocess.run(
        [*generator_command(generator), "build", "-f", "mkdocs.yml", "--strict", "-q", "-d", str(site_dir)],
        cwd=config_dir,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def build_in_process(config_dir: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """What ``mkdocs build --strict -q -d site_dir`` does, in this process: its exit status and log.

    As the command line does: load the config, ``on_startup``, build, ``on_shutdown``; a
    ``PluginError`` is logged and aborts the build. The log (warnings and errors, as
    ``LEVEL - message``) stands for the command's stderr. The hooks are loaded afresh
    by every config, so no state carries over from one build to the next.
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    log = io.StringIO()
    handler = logging.StreamHandler(log)
    handler.setLevel(logging.WARNING)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    status = 0
    try:
        with environ(GITHUB_ACTIONS=None, SOURCE_DATE_EPOCH=BUILD_TIME):
            config = load_config(str(config_dir / "mkdocs.yml"), site_dir=str(site_dir), strict=True)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                build(config)
            finally:
                config.plugins.on_shutdown()
    except (Abort, ConfigurationError) as error:
        logger.error(str(error))
        status = 1
    finally:
        logger.removeHandler(handler)
    return subprocess.CompletedProcess(["mkdocs", "build", "--strict"], status, "", log.getvalue())


def write_fixture_project(root: Path) -> Path:
    """Give a fixture dossier at ``root`` the real docs/, theme overrides and a mkdocs.yml using the real hooks."""
    for folder in ("docs", "overrides"):
        shutil.copytree(ROOT / folder, root / folder, dirs_exist_ok=True)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for hook in ("dossier_hooks.py", "theme_fixes.py"):
        config = config.replace(f"hooks/{hook}", (ROOT / "hooks" / hook).as_posix())
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    return root


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A browser closing a connection early is not a failure of the site."""


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve ``directory`` on a free port of 127.0.0.1; returns the server and its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def site_pages(site_dir: Path) -> list[str]:
    """Every generated HTML page, as a path relative to the site folder."""
    return sorted(p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html"))


@contextlib.contextmanager
def shared_path(tmp_path_factory: pytest.TempPathFactory, name: str) -> Iterator[Path]:
    """``name`` in the temporary folder of the whole run, shared by every pytest-xdist worker,
    held under a file lock: the first worker to come makes it, the others wait and find it made."""
    from filelock import FileLock

    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):  # each worker's folder is inside the run's
        shared = shared.parent
    with FileLock(shared / f"{name}.lock"):
        yield shared / name


def build_once(tmp_path_factory: pytest.TempPathFactory, name: str, config_dir: Path) -> Path:
    """The project at ``config_dir`` built with ``--strict`` once for the whole run (:func:`shared_path`)."""
    with shared_path(tmp_path_factory, name) as site_dir:
        if not (site_dir / "index.html").is_file():
            shutil.rmtree(site_dir, ignore_errors=True)
            result = run_mkdocs_build(config_dir, site_dir)
            assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once with ``--strict`` for the whole run. No test writes into it."""
    return build_once(tmp_path_factory, "real-site", ROOT)


def serve_site(site_dir: Path, config_dir: Path = ROOT) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a built site under the path of its ``site_url``, as it is deployed (the 404 page needs it)."""
    match = re.search(r"^site_url:\s*(\S+)", (config_dir / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    prefix = urlsplit(match.group(1)).path.strip("/") if match else ""
    if not prefix:
        return serve(site_dir)
    top = site_dir.parent / f"{site_dir.name}-served"
    (top / prefix).parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):  # another worker's server may have made it
        (top / prefix).symlink_to(site_dir, target_is_directory=True)
    server, url = serve(top)
    return server, f"{url}{prefix}/"


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL of the real site served on 127.0.0.1."""
    server, url = serve_site(built_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium, headless, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: .ci/run installs the chromium package"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """The folder for screenshots (gitignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
