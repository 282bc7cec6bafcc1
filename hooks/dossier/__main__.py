"""``python -m dossier``: see :mod:`dossier.cli`."""

import sys

from .cli import main

sys.exit(main())
