"""spaCy without its command line at import time: `spacy.cli` is loaded on first use instead.

`import spacy` runs `from .cli.info import info`, and `spacy.cli` imports every spaCy command with their
dependencies (weasel, jinja2, the download and project tooling): about 0.35 s of the 0.85 s spaCy takes to
import here, a fifth of a one-article `dipextract FILE` run, for code dipextract never calls. Before spaCy
is first imported, `install()` puts two stand-ins in `sys.modules`: `spacy.cli`, which imports the real
package on the first attribute anyone asks of it (`spacy.cli.download`, `import spacy.cli.train`), and
`spacy.cli.info` with an `info` that does the same before calling spaCy's. Nothing changes when spaCy was
imported already, nor for `python -m spacy`, which runs in its own process.

Only the `dipextract` command installs them (a process that runs no one else's code); `import dipextract`
leaves spaCy as it is.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any

_CLI, _INFO = "spacy.cli", "spacy.cli.info"


def _real_cli() -> types.ModuleType:
    """Import spaCy's real `spacy.cli` in place of the stand-ins, and bind it on the `spacy` package."""
    for name in (_INFO, _CLI):
        if isinstance(sys.modules.get(name), _StandIn):
            del sys.modules[name]
    cli = importlib.import_module(_CLI)
    spacy = sys.modules.get("spacy")
    if spacy is not None:
        spacy.cli = cli  # type: ignore[attr-defined]
    return cli


class _StandIn(types.ModuleType):
    """A module that becomes spaCy's real one on first attribute access (`__path__` included)."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and (name != "__path__" or self.__name__ == _INFO):
            # tools probe modules' dunders (`inspect` asks every module for `__file__`; `from .cli.info
            # import info` asks for `__path__`): only an import of a submodule of `spacy.cli` loads it
            raise AttributeError(name)
        cli = _real_cli()  # both stand-ins leave sys.modules before anything is imported
        return getattr(cli if self.__name__ == _CLI else importlib.import_module(self.__name__), name)


def _info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, imported when called."""
    _real_cli()
    return importlib.import_module(_INFO).info(*args, **kwargs)


def install() -> None:
    """Defer `spacy.cli` if spaCy is not imported yet (no-op otherwise)."""
    if "spacy" in sys.modules or _CLI in sys.modules:
        return
    info = _StandIn(_INFO)
    info.info = _info  # type: ignore[attr-defined]
    sys.modules[_CLI] = _StandIn(_CLI)
    sys.modules[_INFO] = info
