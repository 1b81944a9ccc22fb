"""The ``gazette`` command: the window, ``gazette extract``, ``gazette map`` and ``gazette corrections``.

``extract`` never imports Qt, so it runs on servers and in batch jobs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

from reader import __version__

if TYPE_CHECKING:
    from reader.core.corrections import Correction, CorrectionStore

EXIT_UNREADABLE = 1
EXIT_NO_MODEL = 2


def _extract_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gazette extract",
        description="Print the people, places, organisations and countries found in text files.",
    )
    parser.add_argument(
        "files", nargs="+", metavar="FILE",
        help="files to analyse: text, PDF, DOCX, ODT, EPUB, HTML, e-mail (.eml), RTF, PNG/JPEG/TIFF scans",
    )  # fmt: skip
    parser.add_argument("--password", help="password of an encrypted PDF")
    parser.add_argument("--ocr", action="store_true", help="recognise PDFs without a text layer with OCR (Tesseract)")
    parser.add_argument("--format", choices=("json", "csv"), default="json", help="output format (default: json)")
    parser.add_argument("--model", help="spaCy pipeline package to use (default: the best installed)")
    parser.add_argument("--no-corrections", action="store_true", help="leave your corrections out")
    return parser


def _corrections_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="gazette corrections",
        description="List, export or import your corrections (kept in GAZETTE_DATA_DIR or the user data folder).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("list", help="print every correction, one per line")
    export = commands.add_parser("export", help="write every correction as a gazette-corrections JSON file")
    export.add_argument("-o", "--output", metavar="FILE", help="file to write (default: standard output)")
    imports = commands.add_parser("import", help="add the corrections of a JSON file (duplicates are dropped)")
    imports.add_argument("file", metavar="FILE")
    return parser


def corrections_main(argv: Sequence[str]) -> int:
    """Run ``gazette corrections``; return the exit status."""
    args = _corrections_parser().parse_args(list(argv))
    import sqlite3

    from reader.core.corrections import CorrectionsError, CorrectionStore, read_corrections_file

    corrections = []
    try:
        if args.command == "import":
            corrections = read_corrections_file(args.file)
        store = CorrectionStore()
    except CorrectionsError as exc:
        _error(str(exc))
        return EXIT_UNREADABLE
    if store.warning:
        _error(store.warning)
    try:
        return _corrections_command(args, store, corrections)
    except CorrectionsError as exc:  # a read-only store refuses an import
        _error(str(exc))
        return EXIT_UNREADABLE
    except sqlite3.Error as exc:
        _error(f"the corrections store {store.path} could not be used: {exc}")
        return EXIT_UNREADABLE
    finally:
        store.close()


def _corrections_command(args: argparse.Namespace, store: CorrectionStore, corrections: list[Correction]) -> int:
    """``gazette corrections list|export|import`` on an open store."""
    from pathlib import Path

    from reader.core.corrections import dump_corrections
    from reader.core.settings import write_atomically

    if args.command == "list":
        for c in store.all():
            where = f"  [{c.path or c.document}]" if c.document else ""
            print(f"{c.id}\t{c.action}\t{c.describe()}{where}")
    elif args.command == "export":
        text = dump_corrections(store.all())
        if not args.output:
            sys.stdout.write(text)
            return 0
        try:
            write_atomically(Path(args.output), text)
        except OSError as exc:
            from reader.core.files import describe_os_error

            _error(f"cannot write {args.output}: {describe_os_error(exc)}")
            return EXIT_UNREADABLE
    else:
        added, same = store.import_all(corrections)
        print(f"{added} corrections added or changed, {same} already there")
    return 0


def _error(message: str) -> None:
    print(f"gazette: {' '.join(message.split())}", file=sys.stderr)


def extract_main(argv: Sequence[str]) -> int:
    """Run ``gazette extract``; return the exit status."""
    args = _extract_parser().parse_args(list(argv))
    from reader.core.document import DocumentError
    from reader.core.export import to_csv, to_json
    from reader.core.formats import NoTextLayerError, PasswordError, load_document
    from reader.core.sources import blank_furniture
    from reader.nlp.analyse import analyse_text
    from reader.nlp.pipeline import ModelNotFoundError, load_pipeline

    documents = []
    status = 0
    for name in args.files:
        try:
            documents.append(load_document(name, password=args.password, ocr=args.ocr))
            if documents[-1].notice:
                _error(f"{name}: {documents[-1].notice}")
        except NoTextLayerError as exc:
            _error(f"{exc} Run with --ocr to recognise it.")
            status = EXIT_UNREADABLE
        except PasswordError as exc:
            _error(str(exc) if exc.wrong else f"{exc} Give it with --password.")
            status = EXIT_UNREADABLE
        except DocumentError as exc:
            _error(str(exc))
            status = EXIT_UNREADABLE
    if not documents:
        return status
    try:
        pipeline = load_pipeline(args.model, without_cli=True)
    except ModelNotFoundError as exc:
        _error(str(exc))
        return EXIT_NO_MODEL
    from reader.core.corrections import with_stored_corrections
    from reader.core.progress import ProgressBar

    several = len(args.files) > 1
    for index, document in enumerate(documents):
        furniture = document.sources.furniture if document.sources else ()
        # A big text shows how far it is on a terminal's stderr (never in a file or pipe).
        bar = ProgressBar.for_terminal(sys.stderr, document.name, len(document.text))
        try:
            analysis = analyse_text(
                blank_furniture(document.text, furniture), pipeline, progress=bar.update if bar else None
            )
        finally:
            if bar is not None:
                bar.close()
        if not args.no_corrections:
            analysis = with_stored_corrections(document, analysis, _error)
        if args.format == "csv":
            sys.stdout.write(to_csv(document, analysis, header=index == 0))
        else:
            sys.stdout.write(to_json(document, analysis, pipeline.package, indent=None if several else 2) + "\n")
        sys.stdout.flush()
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``gazette`` command."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--analysis-worker"]:
        from reader.nlp.process import worker_main

        return worker_main()
    if args[:1] == ["--version"]:
        print(f"gazette {__version__}")
        return 0
    try:
        if args[:1] == ["extract"]:
            return extract_main(args[1:])
        if args[:1] == ["export"]:
            from reader.ui.app import export_main

            return export_main(args[1:])
        if args[:1] == ["corrections"]:
            return corrections_main(args[1:])
        if args[:1] == ["map"]:
            from reader.ui.app import map_main

            return map_main(args[1:])
        from reader.ui.app import gui_main

        return gui_main(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
