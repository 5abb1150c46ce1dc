"""The `dipextract` command imports spaCy without its command line, which still loads when asked for."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    from dipextract import spacy_cli_lazy
    spacy_cli_lazy.install()
    from dipextract.api import extract
    doc = extract("Садыр Жапаров прибыл в Бишкек.")
    print("names", [e.name for e in doc.entities])
    print("deferred", type(sys.modules["spacy.cli"]).__name__, "weasel" in sys.modules)
    import spacy.cli.train
    from spacy.cli import download
    import spacy
    print("loaded", type(sys.modules["spacy.cli"]).__name__, download.__module__, spacy.cli.train.__name__)
    print("info", spacy.info.__module__)
    """
)


def test_spacy_cli_loads_only_when_used() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True).stdout
    lines = dict(line.split(" ", 1) for line in out.splitlines())
    assert "Садыр Жапаров" in lines["names"] and "Бишкек" in lines["names"]
    assert lines["deferred"] == "_StandIn False"  # the pipeline ran without spaCy's CLI and its weasel
    assert lines["loaded"] == "module spacy.cli.download spacy.cli.train"
    assert lines["info"] == "dipextract.spacy_cli_lazy"


def test_install_does_nothing_once_spacy_is_imported() -> None:
    import spacy  # noqa: F401  (the test process has spaCy already)

    from dipextract import spacy_cli_lazy

    before = dict(sys.modules)
    spacy_cli_lazy.install()
    assert sys.modules.get("spacy.cli") is before.get("spacy.cli")
