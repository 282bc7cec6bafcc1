"""The dossier engine: turns ``sources/`` into annotated pages and exports.

This package knows nothing of MkDocs. It loads and validates the raw articles
and their YAML annotations (:mod:`.load`), locates every quote in its text
(:mod:`.anchor`), renders HTML (:mod:`.render`, :mod:`.markup`), lays out the
site's generated pages (:mod:`.site`) and writes the exports (:mod:`.export`).
The MkDocs hook module next to it only adapts MkDocs events to these calls.
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
