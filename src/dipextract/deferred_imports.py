"""spaCy without the parts of its import that dipextract never runs: they load on first use instead.

`import spacy` imports two things the `dipextract` command does not need, about a quarter of the start-up
of a one-article `dipextract FILE` run:

- `spacy.cli` (`spacy/__init__` runs `from .cli.info import info`), which imports every spaCy command
  with weasel, jinja2 and the download and project tooling: ~0.35 s;
- `srsly._yaml_api` (srsly's `__init__` imports it for `srsly.read_yaml` and friends, used only by spaCy's
  and weasel's command lines), which imports srsly's vendored ruamel.yaml: ~0.06 s.

Before spaCy is first imported, `install()` puts stand-ins in `sys.modules`: `spacy.cli`, which imports the
real package on the first attribute anyone asks of it (`spacy.cli.download`, `import spacy.cli.train`);
`spacy.cli.info`, with an `info` that does the same before calling spaCy's; and `srsly._yaml_api`, whose
functions import the real module when called. Nothing changes when spaCy (or srsly) was imported already,
nor for `python -m spacy`, which runs in its own process.

Only the `dipextract` command installs them (a process that runs no one else's code); `import dipextract`
leaves spaCy as it is.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable
from typing import Any

_CLI, _INFO, _YAML = "spacy.cli", "spacy.cli.info", "srsly._yaml_api"
_YAML_FUNCTIONS = ("read_yaml", "write_yaml", "yaml_dumps", "yaml_loads", "is_yaml_serializable")


def _real(name: str) -> types.ModuleType:
    """Import the real module `name` in place of its stand-in and bind it on its parent package."""
    if isinstance(sys.modules.get(name), _StandIn):
        del sys.modules[name]
    module = importlib.import_module(name)
    parent, _, child = name.rpartition(".")
    if parent in sys.modules:
        setattr(sys.modules[parent], child, module)
    return module


def _real_cli() -> types.ModuleType:
    """spaCy's real `spacy.cli` (both of its stand-ins leave `sys.modules` before anything is imported)."""
    if isinstance(sys.modules.get(_INFO), _StandIn):
        del sys.modules[_INFO]
    return _real(_CLI)


class _StandIn(types.ModuleType):
    """A module that becomes the real one on first attribute access (`__path__` included)."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and (name != "__path__" or self.__name__ != _CLI):
            # tools probe modules' dunders (`inspect` asks every module for `__file__`; `from .cli.info
            # import info` asks for `__path__`): only an import of a submodule of `spacy.cli` loads it
            raise AttributeError(name)
        if self.__name__ == _YAML:
            return getattr(_real(_YAML), name)
        cli = _real_cli()
        return getattr(cli if self.__name__ == _CLI else importlib.import_module(self.__name__), name)


def _info(*args: Any, **kwargs: Any) -> Any:
    """`spacy.info`, imported when called."""
    _real_cli()
    return importlib.import_module(_INFO).info(*args, **kwargs)


def _yaml_function(name: str) -> Callable[..., Any]:
    """srsly's YAML function `name`, imported when called."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(_real(_YAML), name)(*args, **kwargs)

    call.__name__ = call.__qualname__ = name
    return call


def install() -> None:
    """Defer `spacy.cli` and srsly's YAML if spaCy is not imported yet (no-op otherwise)."""
    if "spacy" in sys.modules or _CLI in sys.modules:
        return
    info = _StandIn(_INFO)
    info.info = _info  # type: ignore[attr-defined]
    sys.modules[_CLI] = _StandIn(_CLI)
    sys.modules[_INFO] = info
    if "srsly" not in sys.modules and _YAML not in sys.modules:
        yaml = _StandIn(_YAML)
        for name in _YAML_FUNCTIONS:
            setattr(yaml, name, _yaml_function(name))
        sys.modules[_YAML] = yaml
