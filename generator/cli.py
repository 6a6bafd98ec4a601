"""The `bestek` command: `bestek build`, `check`, `package`, `export`, `serve`, `release`, `diff`, `gunning`, `rules`
and the officer's `new`, `schema` and `opmerkingen` (authoring.py).

Exit codes: 0 success; 1 content errors (each `path:line:col: melding`); 2 usage or environment
problems; 130 after Ctrl+C and 143 after SIGTERM, both of which clean up as any failed build does (the
temporary folder removed, the lock released, the PDF workers stopped). Tracebacks only with --debug.
Every message is Dutch, argparse's own included (`_DUTCH`), and so are the reasons of operating-system
errors (errors.os_reason).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

from generator import __version__
from generator.authoring import add_commands
from generator.authoring import run as run_authoring
from generator.core.collector import fewer_collections
from generator.core.errors import BestekError, UsageError, os_reason

#: argparse's messages (its gettext strings, Python 3.11) in Dutch; argparse looks `_` up when it runs
_DUTCH = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulptekst en stop",
    "argument %(argument_name)s: %(message)s": "bij %(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "not allowed with argument %s": "niet toegestaan samen met %s",
    "ignored explicit argument %r": "hier hoort geen waarde bij (%r)",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "one of the arguments %s is required": "een van de argumenten %s is verplicht",
    "expected one argument": "hier hoort een waarde bij",
    "expected at most one argument": "hier hoort hoogstens één waarde bij",
    "expected at least one argument": "hier hoort minstens één waarde bij",
    "expected %s argument": "hier hoort %s waarde bij",
    "expected %s arguments": "hier horen %s waarden bij",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
    "unexpected option string: %s": "onverwachte optie: %s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "onbekende opdracht %(parser_name)r (kies uit %(choices)s)",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
}


@contextlib.contextmanager
def _dutch_argparse() -> Iterator[None]:
    """argparse speaks Dutch while the parser is made and used (its messages and help texts)."""
    # argparse imports `_` and `ngettext` from gettext at run time; typeshed leaves them out of its stub
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = lambda text: _DUTCH.get(text, text)  # type: ignore[attr-defined]
    argparse.ngettext = (  # type: ignore[attr-defined]
        lambda one, many, n: _DUTCH.get(one if n == 1 else many, one if n == 1 else many))
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # argparse would print its usage and exit 2
        raise UsageError(f"ongeldige aanroep: {message} (zie '{self.prog} --help')")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl+C so that everything is cleaned up on the way out."""


def _terminate(signum: int, frame) -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # one clean-up at a time
    raise Terminated()


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="bestek", description="Aanbestedingsdocumenten als code: YAML en Markdown naar "
                                                "website en PDF.")
    parser.add_argument("--version", action="version", version=f"bestek {__version__}",
                        help="toon het versienummer van Bestek en stop")
    parser.add_argument("--debug", action="store_true", help="toon bij fouten de volledige Python-traceback")
    sub = parser.add_subparsers(dest="command", metavar="opdracht", parser_class=_Parser)
    for name, text in (("build", "controleer het project en maak de website en de PDF's"),
                       ("check", "controleer alleen het project"),
                       ("package", "maak ook het aanbestedingspakket voor TenderNed (zip met PDF's, documentenlijst, "
                                   "manifest en planning.ics)"),
                       ("serve", "toon de website op deze computer en maak haar opnieuw bij elke wijziging")):
        command = _command(sub, name, text)
        if name in ("build", "package", "check"):
            command.add_argument("--out", type=Path, metavar="MAP",
                                 help="de uitvoermap (standaard: build/ in de projectmap)" if name != "check" else
                                 "de uitvoermap van 'bestek build', waarmee check vergelijkt waar verwijzingen met "
                                 "een nummer naar wezen (standaard: build/ in de projectmap)")
        if name in ("build", "serve"):
            command.add_argument("--no-pdf", action="store_true", help="alleen de website maken")
        if name in ("build", "package"):
            command.add_argument("--jobs", type=_jobs, metavar="N",
                                 help="maak de PDF's met N processen tegelijk (standaard: alle processorkernen)")
            command.add_argument("--quiet", action="store_true", help="geen voortgangsbalk")
        if name == "serve":
            command.add_argument("--port", type=_port, default=8000, metavar="POORT",
                                 help="de poort op 127.0.0.1 (standaard: 8000)")
            command.add_argument("--host", action="append", default=[], metavar="NAAM", type=_host,
                                 help="accepteer ook verzoeken voor deze hostnaam, zoals een eigen naam voor "
                                      "127.0.0.1 (herhaalbaar); de server luistert altijd alleen op 127.0.0.1")
    for name, text in (("release", "leg de huidige versie vast als gepubliceerd: releases/<versie>/ met de PDF's en "
                                   "de inhoud (de versie staat in content/tender.yaml)"),
                       ("diff", "toon wat er gewijzigd is sinds een release (standaard: de laatste)"),
                       ("export", "maak de aankondiging (eForms), open data (OCDS), het UEA en de spreadsheets in "
                                  "build/export/"),
                       ("gunning", "maak uit de vertrouwelijke beoordeling (vertrouwelijk/beoordeling.yaml) de "
                                   "gunningsbeslissingen, het proces-verbaal en gunning.json in build/vertrouwelijk/, "
                                   "alleen voor u leesbaar")):
        command = _command(sub, name, text)
        if name == "diff":
            command.add_argument("version", nargs="?", metavar="VERSIE",
                                 help="de release om mee te vergelijken, zoals 1.0 (standaard: de laatste)")
        elif name == "export":
            command.add_argument("--out", type=Path, metavar="MAP",
                                 help="de uitvoermap; de export komt in MAP/export/ (standaard: build/ in de "
                                      "projectmap)")
            command.add_argument("--gunning", type=Path, metavar="BESTAND",
                                 help="de gunningsuitslag van 'bestek gunning' voor de aankondiging van de gegunde "
                                      "opdracht (standaard: vertrouwelijk/gunning.json in de uitvoermap, als die er "
                                      "is)")
        elif name == "gunning":
            command.add_argument("--out", type=Path, metavar="MAP",
                                 help="de uitvoermap; de stukken komen in MAP/vertrouwelijk/ (standaard: build/ in de "
                                      "projectmap)")
        if name in ("release", "gunning"):
            command.add_argument("--jobs", type=_jobs, metavar="N",
                                 help="maak de PDF's met N processen tegelijk (standaard: alle processorkernen)")
    rules = sub.add_parser("rules", help="toon de wettelijke regels die Bestek controleert",
                           description="toon de wettelijke regels die Bestek controleert")
    rules.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    add_commands(sub)  # new, schema, opmerkingen, check --format json, export --docx
    return parser


def _command(sub, name: str, text: str) -> argparse.ArgumentParser:
    """A subcommand with what every one that works on a project has: --project and the hidden --debug."""
    command = sub.add_parser(name, help=text, description=text)
    command.add_argument("--project", type=Path, default=Path("."), metavar="MAP",
                         help="de projectmap (standaard: de huidige map)")
    command.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    return command


def _host(text: str) -> str:
    if not re.fullmatch(r"[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\]", text):
        raise argparse.ArgumentTypeError(f"'{text}' is geen hostnaam (zoals bestek.lokaal, zonder poort)")
    return text


def _port(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is geen poortnummer (0 tot en met 65535)")
    return int(text)


def serve(project: Path, port: int, pdf: bool | None, hosts: list[str] | None = None) -> int:
    from generator.serve import LOCAL_HOSTS, DevServer

    server = DevServer(project, port, pdf, allowed_hosts=(*LOCAL_HOSTS, *(hosts or [])))
    try:
        server.start()
    except KeyboardInterrupt:
        server.close()
        raise
    print(f"Bestek toont de website op {server.url} (stoppen: Ctrl+C).", flush=True)
    server.wait()
    print("Gestopt.", flush=True)
    return 0


def print_rules() -> None:
    from generator.core.text import dutch_date, number
    from generator.validate.rules import RULES

    for rule in RULES:
        value = f"{number(rule.value)} {rule.unit}".strip() if rule.unit and not rule.periods else ""
        procedures = ", ".join(rule.procedures) or "alle procedures"
        print(f"{rule.id}: {rule.title}")
        print(f"    {('waarde: ' + value + '; ') if value else ''}geldt voor: {procedures}; ernst: {rule.severity}; "
              f"vanaf {dutch_date(rule.applies_from)}")
        print(f"    bron: {rule.article} ({rule.source})")
        for period in rule.periods:
            print(f"    van {dutch_date(period.start)} tot en met {dutch_date(period.end)}: "
                  f"{number(period.value)} {rule.unit} ({period.source})")
        if rule.outside_aw:
            print(f"    buiten de Aanbestedingswet (open house, subsidie): {rule.outside_aw}")


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is geen aantal processen (een geheel getal vanaf 1)")
    return int(text)


class ProgressBar:
    """'PDF's  [#######-----]  7/12' on one terminal line, redrawn as PDFs finish."""

    def __init__(self, stream) -> None:
        self.stream = stream
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        width = 30
        filled = round(width * done / total) if total else width
        self.stream.write(f"\rPDF's  [{'#' * filled}{'-' * (width - filled)}]  {done}/{total}")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            self.stream.write("\n")
            self.stream.flush()


def count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def run(argv: list[str]) -> int:
    with _dutch_argparse():
        args = make_parser().parse_args(argv)
    if args.command in ("build", "package"):
        from generator.core.paths import find_project
        package = args.command == "package"
        pdf = None if package or not args.no_pdf else False
        recorded = previous_build(find_project(args.project), args.out, pdf, package)
        if recorded is not None:  # answered without loading the pipeline
            for warning in recorded["warnings"]:
                print(warning, file=sys.stderr)
            out = args.out.resolve() if args.out else find_project(args.project) / "build"
            print(f"Niets gewijzigd sinds de vorige build; de uitvoer in {out} is al actueel.")
            return 0
    from generator.pipeline import build, check  # imported only now: the pipeline's modules take a while to load

    if args.command is None:
        raise UsageError("geef een opdracht, zoals 'bestek build' of 'bestek check'; 'bestek --help' toont ze alle")
    if args.command == "rules":
        print_rules()
        return 0
    if (code := run_authoring(args)) is not None:
        return code
    if args.command == "check":
        project, warnings = check(args.project, out=args.out)
        for warning in warnings:
            print(warning, file=sys.stderr)
        print(f"In orde: {count(len(project.documents), 'document', 'documenten')}, "
              f"{count(len(project.segments), 'segment', 'segmenten')}"
              f"{f' ({len(project.tendered_segments)} aanbesteed)' if project.untendered_segments else ''}, "
              f"{count(len(project.requirements), 'eis', 'eisen')}, "
              f"{count(len(project.criteria), 'gunningscriterium', 'gunningscriteria')}.")
        return 0
    if args.command == "serve":
        return serve(args.project, args.port, False if args.no_pdf else None, args.host)
    if args.command == "diff":
        from generator.pipeline import diff
        print("\n".join(diff(args.project, args.version)))
        return 0
    if args.command == "export":
        from generator.pipeline import export
        exported = export(args.project, args.out, args.gunning)
        for warning in exported.warnings:
            print(warning, file=sys.stderr)
        for note in exported.notes:
            print(note)
        print(f"Export klaar: {count(len(exported.files), 'bestand', 'bestanden')} in {exported.folder} "
              f"({', '.join(exported.files)}).")
        return 0
    if args.command == "gunning":
        from generator.pipeline import gunning
        awarded = gunning(args.project, args.out, jobs=args.jobs)
        for warning in awarded.warnings:
            print(warning, file=sys.stderr)
        letters = sum(1 for name in awarded.files if name.endswith(".pdf") and name != "proces-verbaal.pdf")
        what = "gunningsbeslissing" if any(n.startswith("gunningsbeslissing-") for n in awarded.files) else \
            "toelatingsbesluit"
        print(f"Gunning klaar: {count(letters, what, what + 'en')}, het "
              f"proces-verbaal{' en gunning.json' if 'gunning.json' in awarded.files else ''} in {awarded.folder} "
              "(alleen voor u leesbaar). Vertrouwelijk: verstuur elke brief alleen aan de inschrijver zelf.")
        return 0
    if args.command == "release":
        from generator.pipeline import release
        released = release(args.project, jobs=args.jobs)
        for warning in released.warnings:
            print(warning, file=sys.stderr)
        print(f"Release {released.version} vastgelegd in {released.folder}: "
              f"{count(released.documents, 'document', 'documenten')}, "
              f"{count(released.changes, 'gewijzigde paragraaf', 'gewijzigde paragrafen')} sinds de vorige release. "
              "Bewaar de map bij het project (in git); een release verandert niet meer.")
        return 0
    package = args.command == "package"
    bar = None if args.quiet or not sys.stderr.isatty() else ProgressBar(sys.stderr)
    result = build(args.project, args.out, pdf=None if package or not args.no_pdf else False, package=package,
                   jobs=args.jobs, progress=bar)
    if bar:
        bar.close()
    for warning in result.warnings:
        print(warning, file=sys.stderr)
    if result.unchanged:  # another build finished the same output between the quick look and now
        print(f"Niets gewijzigd sinds de vorige build; de uitvoer in {result.out} is al actueel.")
        return 0
    print(f"Klaar: {count(result.pages, 'webpagina', 'webpagina' + chr(39) + 's')} in {result.out / 'site'} "
          f"(zoekindex: {count(result.indexed, 'pagina', 'pagina' + chr(39) + 's')}), "
          f"{count(result.pdfs, 'PDF', 'PDF' + chr(39) + 's')} in {result.out / 'pdf'}.")
    if result.package:
        print(f"Aanbestedingspakket: {result.package}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    debug = "--debug" in argv
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread: the caller handles signals
        previous = None
    try:
        with fewer_collections():  # core/collector.py: the cyclic collector far less often
            return _main(argv, debug)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _main(argv: list[str], debug: bool) -> int:
    try:
        return run(argv)
    except BestekError as exc:
        if debug:
            raise
        for message in exc.messages():
            print(message, file=sys.stderr)
        if exc.exit_code == 1:
            count = len(exc.messages())
            print(f"{count} fout{'en' if count != 1 else ''} gevonden.", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:  # the output went to a program that stopped reading (bestek diff | head)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
        return 0
    except Terminated:
        print("afgebroken (SIGTERM)", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("afgebroken", file=sys.stderr)
        return 130
    except OSError as exc:  # the machine, not Bestek: a folder it may not read, a full disk
        if debug:
            raise
        where = f" bij '{exc.filename}'" if exc.filename else ""
        print(f"fout van het besturingssysteem{where}: {os_reason(exc)}; controleer de map en de rechten en "
              "probeer het opnieuw", file=sys.stderr)
        return 2
    except Exception as exc:  # the last line of defence: no traceback for users
        if debug:
            raise
        print(f"interne fout in Bestek: {type(exc).__name__}: {exc}. Meld dit aan de ontwikkelaars "
              "(met --debug voor details).", file=sys.stderr)
        return 3


def previous_build(root: Path, out: Path | None, pdf: bool | None, package: bool) -> dict | None:
    """The recorded result when the output of this project is already up to date, else None. Needs none
    of the pipeline's modules, so `bestek build` with nothing to do answers in a fraction of a second."""
    from generator.incremental import build_options, unchanged
    from generator.write.output import OutputFolder

    options = build_options(pdf, package)
    return OutputFolder(out or root / "build", reuse=lambda folder: unchanged(folder, root, options),
                        project=root).peek()
