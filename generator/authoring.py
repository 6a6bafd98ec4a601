"""The officer's commands of `bestek`: `new`, `schema`, `opmerkingen`, `check --format json` and `export --docx`.

Their options and what they print; cli.py adds them to its parser (add_commands) and hands them the parsed
arguments (run). The work is done by the stages: write/starter.py and write/editor.py (new, schema),
pipeline.word_copies (render/docx.py) and pipeline.comments (load/comments.py), core/message_codes.py (JSON).
"""
from __future__ import annotations

import argparse
import csv
import datetime
import io
import sys
from pathlib import Path

from generator.core.errors import ContentErrors

NEW_HELP = "maak een nieuw project in een nieuwe of lege map, klaar om te bouwen"
SCHEMA_HELP = "schrijf de JSON-schema's van de inhoudsbestanden voor een editor (VS Code) in MAP"
COMMENTS_HELP = "toon de opmerkingen uit een Word-versie (bestek export --docx) bij de regel van de bron"


def add_commands(sub) -> None:
    """The commands and options of this module, added to the `bestek` parser's subcommands."""
    new = sub.add_parser("new", help=NEW_HELP, description=NEW_HELP)
    new.add_argument("folder", nargs="?", type=Path, metavar="MAP", help="de map van het nieuwe project")
    new.add_argument("--soort", metavar="SOORT",  # checked by write/starter.py: the parser must stay quick to make
                     help="consultatie, aanbesteding, open-house of brief (zie --list)")
    new.add_argument("--regio", metavar="NAAM", help="de naam van de regio, zoals \"Regio Midden-Holland\"")
    new.add_argument("--gemeenten", metavar="NAMEN",
                     help="de deelnemende gemeenten, gescheiden door komma's; de eerste is de centrumgemeente")
    new.add_argument("--titel", metavar="TITEL",
                     help="de titel van het traject (standaard: Inkoop Jeugd en Wmo <jaar>)")
    new.add_argument("--jeugd", action="store_true", help="inkoop onder de Jeugdwet (zonder --jeugd en --wmo: beide)")
    new.add_argument("--wmo", action="store_true", help="inkoop onder de Wmo 2015 (zonder --jeugd en --wmo: beide)")
    new.add_argument("--list", action="store_true", help="toon de soorten projecten en stop")
    schema = sub.add_parser("schema", help=SCHEMA_HELP, description=SCHEMA_HELP)
    schema.add_argument("folder", type=Path, metavar="MAP", help="de map voor de schema's (wordt gemaakt)")
    schema.add_argument("--project", type=Path, metavar="MAP",
                        help="neem ook de eigen documentsoorten van dit project op (standaard: alleen die van Bestek)")
    comments = sub.add_parser("opmerkingen", help=COMMENTS_HELP, description=COMMENTS_HELP)
    comments.add_argument("file", type=Path, metavar="BESTAND", help="het Word-bestand met de opmerkingen")
    comments.add_argument("--project", type=Path, default=Path("."), metavar="MAP",
                          help="de projectmap (standaard: de huidige map)")
    comments.add_argument("--format", choices=["tekst", "csv"], default="tekst",
                          help="tekst (standaard): één regel per opmerking; csv: een tabel")
    for command in (new, schema, comments):
        command.add_argument("--debug", action="store_true", help=argparse.SUPPRESS)
    sub.choices["check"].add_argument("--format", choices=["tekst", "json"], default="tekst",
                                      help="json: de meldingen als JSON (bestand, regel, kolom, ernst, melding en "
                                           "code) voor editors en CI")
    sub.choices["export"].add_argument("--docx", action="store_true",
                                       help="maak alleen een Word-versie van elk document voor wie meeleest, in "
                                            "build/docx/ (om te lezen en opmerkingen te maken, niet om te bewerken)")


def run(args: argparse.Namespace) -> int | None:
    """The exit code of a command of this module, or None when the command is not one of them."""
    if args.command == "new":
        return new(args)
    if args.command == "schema":
        from generator.write.editor import project_kinds, theme_kinds, write_schemas

        written = write_schemas(args.folder, project_kinds(args.project) if args.project else theme_kinds())
        print(f"{len(written)} JSON-schema's geschreven in {args.folder}: {', '.join(written)}.")
        return 0
    if args.command == "opmerkingen":
        return opmerkingen(args.project, args.file, args.format)
    if args.command == "check" and args.format == "json":
        return check_json(args.project, args.out)
    if args.command == "export" and args.docx:
        from generator.pipeline import word_copies

        result = word_copies(args.project, args.out)
        for warning in result.warnings:
            print(warning, file=sys.stderr)
        print(f"Word-versies klaar: {len(result.files)} in {result.folder} ({', '.join(result.files)}). Ze zijn om "
              "te lezen en van opmerkingen te voorzien; lees de opmerkingen met 'bestek opmerkingen BESTAND.docx'.")
        return 0
    return None


def new(args: argparse.Namespace) -> int:
    from generator.core.errors import UsageError
    from generator.write.starter import answers, kinds_listing, next_steps, starter_files, write_starter

    if args.list:
        print("Soorten projecten (bestek new MAP --soort SOORT):")
        print("\n".join(f"  {line}" for line in kinds_listing()))
        return 0
    if args.folder is None:
        raise UsageError("geef de map van het nieuwe project op, zoals 'bestek new mijn-aanbesteding'")
    def asked(question: str) -> str:
        try:
            return input(question)
        except EOFError:  # Ctrl+D
            raise UsageError("gestopt zonder antwoord; er is niets geschreven") from None

    ask = asked if sys.stdin.isatty() else None  # on a terminal, what the options leave out is asked
    given = answers(args.soort, args.regio, args.gemeenten, args.jeugd, args.wmo, args.titel, ask)
    write_starter(args.folder, starter_files(given, datetime.date.today()))
    print("\n".join(next_steps(args.folder, given)))
    return 0


def check_json(project: Path, out: Path | None) -> int:
    """`bestek check --format json`: the errors (exit 1) or the warnings (exit 0) as JSON on standard output."""
    from generator.core.message_codes import as_json
    from generator.pipeline import check

    try:
        _, warnings = check(project, out=out)
    except ContentErrors as errors:
        print(as_json([e for e in errors.errors if not e.message.startswith("waarschuwing:")],
                      [e for e in errors.errors if e.message.startswith("waarschuwing:")]))
        return 1
    print(as_json([], warnings))
    return 0


def comment_rows(placed) -> list[list[str]]:
    """The columns of `bestek opmerkingen --format csv`."""
    rows = [["bestand", "regel", "paragraaf", "auteur", "datum", "opmerking", "bij de tekst"]]
    for item in placed:
        day = item.comment.date.isoformat() if item.comment.date else ""
        rows.append([item.path, str(item.line), item.section, item.comment.author, day, item.comment.text,
                     item.comment.anchor])
    # a reviewer's text that a spreadsheet would take for a formula ('=HYPERLINK(...)') stays text
    from generator.core.text import spreadsheet_text

    return [[spreadsheet_text(cell) for cell in row] for row in rows]


def comment_line(item) -> str:
    """'content/documents/leidraad.md:42: 9.2 Opschortende termijn: [juridisch adviseur, 3 maart] "..." bij "..."'."""
    from generator.core.text import dutch_date

    comment = item.comment
    day = dutch_date(comment.date).rsplit(" ", 1)[0] if comment.date else "zonder datum"
    anchor = comment.anchor if len(comment.anchor) <= 60 else comment.anchor[:57].rsplit(" ", 1)[0] + "..."
    where = f" {item.section}:" if item.section else ""
    attached = f' bij "{anchor}"' if anchor else ""
    return f'{item.path}:{item.line}:{where} [{comment.author}, {day}] "{comment.text}"{attached}'


def opmerkingen(project: Path, docx: Path, form: str) -> int:
    from generator.core.errors import printable
    from generator.pipeline import comments

    placed = comments(project, docx)
    if form == "csv":
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(comment_rows(placed))
        sys.stdout.write(buffer.getvalue())
        return 0
    for item in placed:
        print(printable(comment_line(item)))
    print(f"{len(placed)} opmerking{'en' if len(placed) != 1 else ''} in {docx}.")
    return 0
