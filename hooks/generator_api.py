"""The generator's plugin API, as the hooks use it: from MkDocs 1.6 or from ProperDocs.

ProperDocs, the maintained fork of MkDocs 1.x, ships the same API under its own
package, ``properdocs``; its command line also maps every ``mkdocs.*`` import to
``properdocs.*`` so that themes and plugins written for MkDocs (Material among
them) run unchanged, and MkDocs itself need not be installed. The hooks import
what they use of the generator from here, and get it from the generator that
runs them: ProperDocs when it is loaded (or MkDocs is not installed), MkDocs
otherwise. Nothing else in ``hooks/`` imports either package.
"""

from __future__ import annotations

import sys
from importlib.util import find_spec

GENERATOR = "properdocs" if "properdocs" in sys.modules or find_spec("mkdocs") is None else "mkdocs"
"""The package name of the generator that runs the hooks."""

if GENERATOR == "properdocs":
    from properdocs.config.defaults import ProperDocsConfig as MkDocsConfig
    from properdocs.exceptions import PluginError
    from properdocs.livereload import LiveReloadServer
    from properdocs.plugins import CombinedEvent, event_priority, get_plugin_logger
    from properdocs.structure.files import File, Files, InclusionLevel
    from properdocs.structure.pages import Page
    from properdocs.structure.toc import get_toc
    from properdocs.utils import CountHandler
else:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import PluginError
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.plugins import CombinedEvent, event_priority, get_plugin_logger
    from mkdocs.structure.files import File, Files, InclusionLevel
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import get_toc
    from mkdocs.utils import CountHandler

__all__ = [
    "GENERATOR",
    "CombinedEvent",
    "CountHandler",
    "File",
    "Files",
    "InclusionLevel",
    "LiveReloadServer",
    "MkDocsConfig",
    "Page",
    "PluginError",
    "event_priority",
    "get_plugin_logger",
    "get_toc",
]
