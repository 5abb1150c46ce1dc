"""The `dipextract` command imports spaCy without its command line and srsly without its YAML: both load when used."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    from dipextract import deferred_imports
    deferred_imports.install()
    from dipextract.api import extract
    doc = extract("Садыр Жапаров прибыл в Бишкек.")
    print("names", [e.name for e in doc.entities])
    print("deferred", type(sys.modules["spacy.cli"]).__name__, "weasel" in sys.modules)
    import srsly
    print("yaml", type(sys.modules["srsly._yaml_api"]).__name__, "srsly.ruamel_yaml" in sys.modules)
    print("dumped", srsly.yaml_dumps({"a": [1, 2]}).strip().replace(chr(10), "|"))
    print("yaml_after", type(sys.modules["srsly._yaml_api"]).__name__, srsly.yaml_loads("b: 3")["b"])
    import spacy.cli.train
    from spacy.cli import download
    import spacy
    print("loaded", type(sys.modules["spacy.cli"]).__name__, download.__module__, spacy.cli.train.__name__)
    print("info", spacy.info.__module__)
    """
)


def test_deferred_modules_load_only_when_used() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True).stdout
    lines = dict(line.split(" ", 1) for line in out.splitlines())
    assert "Садыр Жапаров" in lines["names"] and "Бишкек" in lines["names"]
    assert lines["deferred"] == "_StandIn False"  # the pipeline ran without spaCy's CLI and its weasel
    assert lines["loaded"] == "module spacy.cli.download spacy.cli.train"
    assert lines["info"] == "dipextract.deferred_imports"
    assert lines["yaml"] == "_StandIn False"  # srsly's vendored ruamel.yaml was never imported
    assert lines["dumped"] == "a:|  - 1|  - 2"
    assert lines["yaml_after"] == "module 3"


def test_install_does_nothing_once_spacy_is_imported() -> None:
    import spacy  # noqa: F401  (the test process has spaCy already)

    from dipextract import deferred_imports

    before = dict(sys.modules)
    deferred_imports.install()
    assert sys.modules.get("spacy.cli") is before.get("spacy.cli")
    assert sys.modules.get("srsly._yaml_api") is before.get("srsly._yaml_api")
