"""Stage 1, load: read every file of a project into data that remembers where each value came from.

Owns the project's files: config.yaml, content/*.yaml, content/documents/*.md, the logo and the
images and attachments the documents point at. Nothing later reads them again. Every file must lie
inside the project (a symlink leading out is refused). Problems found here (encoding, size, YAML
syntax, front matter, raw HTML, refused links) are content errors with a position; loading goes on
with the other files so all errors are reported at once.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from generator.core import characters, safety
from generator.core.errors import ContentError, os_reason
from generator.core.headings import NUMBERED_LEVELS, Section
from generator.core.markdown import Outline, keeping_outlines, markup_limit, outline
from generator.core.paths import (
    CONFIDENTIAL_DIR,
    CONFIG_FILE,
    CONTENT_DIR,
    DATA_FILES,
    DOCUMENTS_DIR,
    REQUIRED_FILES,
    find_project,
)
from generator.core.safety import LinkedFile
from generator.load.parsecache import remembered
from generator.load.releases import LoadedRelease, load_releases
from generator.load.yamlcache import parse_yaml
from generator.load.yamlsource import YamlDocument

MAX_FILE_BYTES = 2 * 1024 * 1024


@dataclass
class LoadedDocument:
    """A Markdown document: front matter (with positions), body text and its outline."""

    id: str
    path: str
    front: YamlDocument
    body: str
    body_line: int  # the file line on which the body's first line stands
    outline: Outline
    links: list[LinkedFile] = field(default_factory=list)
    _sections: tuple[Section, ...] | None = field(default=None, repr=False, compare=False)

    def file_line(self, body_line: int) -> int:
        return self.body_line + body_line - 1

    def sections(self) -> tuple[Section, ...]:
        """Every heading with its number and id, as the document's `numbering` and `numbering_depth` number
        them (core/headings.py); computed once (validation asks for them per reference and per link)."""
        if self._sections is None:
            data = self.front.data if isinstance(self.front.data, dict) else {}
            self._sections = self.outline.sections(data.get("numbering", "hoofdstukken"),
                                                   data.get("numbering_depth", NUMBERED_LEVELS))
        return self._sections


@dataclass
class LoadedProject:
    root: Path
    config: YamlDocument | None
    data: dict[str, YamlDocument | None] = field(default_factory=dict)
    documents: list[LoadedDocument] = field(default_factory=list)
    #: data files that exist but could not be parsed: later stages skip references into them
    broken: set[str] = field(default_factory=set)
    #: the logo named in config.yaml (theme.logo): its path in the project and its bytes
    logo: tuple[str, bytes] | None = None
    #: images and attachments the documents point at: path from the project's top -> bytes
    files: dict[str, bytes] = field(default_factory=dict)
    #: the project's own templates, by name below templates/ ("blocks/woordenlijst.html"); the render stage
    #: loads them (sandboxed), validation only needs to know which exist
    templates: frozenset[str] = frozenset()
    #: the published versions in releases/, oldest first (load/releases.py)
    releases: list[LoadedRelease] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)


def _bytes(size: int) -> str:
    return f"{size:,}".replace(",", ".")


def read_file(root: Path, relative: str, limit: int) -> bytes | str:
    """The bytes of a regular file inside the project, or what is wrong with it as a Dutch phrase that
    follows the file's name ("bestaat niet"). A symlink may point elsewhere inside the project, not out."""
    if "\0" in relative:
        return "heeft een NUL-teken (%00) in de naam; haal het uit de link"
    if _confidential(relative):
        return CONFIDENTIAL_REFUSED
    if _private(relative):
        return ("is een verborgen bestand of ligt in een verborgen map (zoals .git of .env) of in de uitvoer van "
                "een build (build/); Bestek leest en publiceert die niet: zet het bestand zelf in content/")
    try:
        real = (root / relative).resolve(strict=False)
        if not real.is_relative_to(root):
            return ("is een snelkoppeling (symlink) naar een plek buiten het project; Bestek leest alleen "
                    "bestanden binnen het project: zet het bestand zelf in het project in plaats van de snelkoppeling")
        if real != root / relative and _confidential(real.relative_to(root).as_posix()):
            return f"is een snelkoppeling (symlink) naar {CONFIDENTIAL_DIR}/, {_CONFIDENTIAL_WHY}"
        if real != root / relative and _private(real.relative_to(root).as_posix()):
            return ("is een snelkoppeling (symlink) naar een verborgen bestand of map (zoals .git of .env) of "
                    "naar de uitvoer van een build; Bestek leest en publiceert die niet: zet het bestand zelf "
                    "in content/")
        if not real.exists():
            return "bestaat niet"
        if not real.is_file():
            return "is een map, geen bestand" if real.is_dir() else "is geen gewoon bestand"
        size = real.stat().st_size
        if size > limit:
            return f"is te groot ({_bytes(size)} bytes); de grens is {_bytes(limit)} bytes"
        return real.read_bytes()
    except OSError as exc:
        return f"is niet te lezen ({os_reason(exc)})"
    except RuntimeError:  # Path.resolve: a symlink that leads to itself, round about
        return "is een snelkoppeling (symlink) die naar zichzelf verwijst; vervang hem door het bestand zelf"


#: the confidential evaluation (load/confidential.py) is never read for a public document
_CONFIDENTIAL_WHY = ("de vertrouwelijke beoordeling; daaruit komt nooit iets op de website, in een PDF of in het "
                     "pakket: zet een bestand dat gepubliceerd mag worden in content/")
CONFIDENTIAL_REFUSED = f"ligt in {CONFIDENTIAL_DIR}/, {_CONFIDENTIAL_WHY}"


def _confidential(path: str) -> bool:
    return path.split("/", 1)[0] == CONFIDENTIAL_DIR


def _private(path: str) -> bool:
    """Whether a project path, as resolved, is one Bestek never reads: hidden (.git, .env, .bestek-cache)
    or inside the default output folder build/."""
    return safety.hidden_part(path) or path.split("/", 1)[0] == "build"


#: Windows refuses these as file names (with any extension): a package with con.pdf cannot be unpacked
WINDOWS_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)), *(f"lpt{i}" for i in range(1, 10))}
MAX_DOCUMENT_NAME = 80


def document_name_problem(name: str, others: set[str]) -> str | None:
    """What is wrong with a document's file name (it becomes the id, the web address and the PDF's name),
    or None. `others` are the names of the other documents."""
    stem = name[:-3]
    if len(stem) > MAX_DOCUMENT_NAME:
        return (f"de bestandsnaam is te lang ({len(stem)} tekens); houd hem onder de {MAX_DOCUMENT_NAME} tekens, "
                "zoals programma-van-eisen.md")
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", stem) is None:
        slug = re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", stem.lower())).strip("-") or "document"
        same = " (die naam bestaat al: kies een andere)" if f"{slug}.md" in others else ""
        return (f"de bestandsnaam '{name}' kan geen webadres en PDF-naam worden: gebruik alleen kleine letters, "
                f"cijfers en '-', zoals '{slug}.md'{same}")
    if stem in WINDOWS_DEVICES:
        return f"de bestandsnaam '{name}' kan op Windows niet bestaan; kies een andere naam, zoals '{stem}-1.md'"
    return None


def read_text(root: Path, relative: str, errors: list[ContentError]) -> str | None:
    """Read a UTF-8 text file of the project, refusing huge files and other encodings."""
    raw = read_file(root, relative, MAX_FILE_BYTES)
    if isinstance(raw, str):
        errors.append(ContentError(relative, 1, 1, f"het bestand {raw}"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        guess = _guess_encoding(raw)
        errors.append(ContentError(relative, line, col,
                                   f"het bestand is geen UTF-8{guess}; sla het op als UTF-8"))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    refused = characters.refused_characters(text)
    for line, col, char, more in refused:
        errors.append(ContentError(relative, line, col, characters.refused_message(char, more)))
    return None if refused else text


def _guess_encoding(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return " maar UTF-16"
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return " maar waarschijnlijk Windows-1252 (uit Word of Excel)"


def load_yaml(root: Path, relative: str, errors: list[ContentError]) -> YamlDocument | None:
    text = read_text(root, relative, errors)
    if text is None:
        return None
    document, problems = parse_yaml(text, relative)
    errors.extend(problems)
    return None if problems and document is None else document


def load_document(root: Path, relative: str, errors: list[ContentError]) -> LoadedDocument | None:
    text = read_text(root, relative, errors)
    if text is None:
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        errors.append(ContentError(relative, 1, 1,
                                   "het document begint niet met voorwerk tussen twee regels '---' "
                                   "(title, kind, version, status, date)"))
        return None
    try:
        close = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        errors.append(ContentError(relative, 1, 1, "het voorwerk wordt niet afgesloten met een regel '---'"))
        return None
    front, problems = parse_yaml("\n".join(lines[1:close]), relative, line_offset=1)
    errors.extend(problems)
    if front is None:
        return None
    body = "\n".join(lines[close + 1:])
    over = markup_limit(body)
    if over is not None:
        index, message = over
        line = body.count("\n", 0, index) + 1
        errors.append(ContentError(relative, close + 1 + line, index - (body.rfind("\n", 0, index) + 1) + 1,
                                   message))
        return None
    found = outline(body) if keeping_outlines() else remembered("outline", body, (), lambda: outline(body),
                                                                _clean_outline)  # bestek serve: from memory
    document = LoadedDocument(Path(relative).stem, relative, front, body, close + 2, found)
    for line, label in document.outline.nested_footnotes:
        errors.append(ContentError(relative, document.file_line(line), 1,
                                   f"de tekst van een voetnoot verwijst naar voetnoot [^{label}]; een voetnoot kan "
                                   "geen voetnoot bevatten: zet die tekst in de voetnoot zelf of in de lopende tekst"))
    for line, col, message in document.outline.problems:  # Markdown that would print as text (core/mdcheck.py)
        errors.append(ContentError(relative, document.file_line(line), col, message))
    return document


def _clean_outline(found: Outline) -> bool:
    """An outline without anything validation reports: the only kind the user's cache keeps (parsecache.py)."""
    return not (found.problems or found.nested_footnotes or found.undefined_footnotes or found.html
                or found.inline_blocks)


def _load_logo(root: Path, config: YamlDocument | None, errors: list[ContentError]) -> tuple[str, bytes] | None:
    if config is None or not isinstance(config.data, dict):
        return None
    theme = config.data.get("theme")
    logo = theme.get("logo") if isinstance(theme, dict) else None
    if not isinstance(logo, str) or not logo.lower().endswith((".svg", ".png")):
        return None  # absent, or of the wrong type: the schema reports that
    relative = safety.inside("", logo)
    data = read_file(root, relative, safety.MAX_ASSET_BYTES) if relative else "ligt buiten het project"
    problem = data if isinstance(data, str) else safety.check_image(logo, data)
    if not problem and isinstance(data, bytes):  # read_file gives bytes or what is wrong (never empty)
        return logo, data
    pos = config.position(("theme", "logo"))
    errors.append(ContentError(CONFIG_FILE, pos.line, pos.col, f"het logo '{logo}' {problem}"))
    return None


def _load_links(root: Path, project: LoadedProject, document: LoadedDocument, names: set[str],
                errors: list[ContentError]) -> None:
    """Check a document's raw HTML and links; read the project files its images and links point at.
    `names` are the file names of all documents (a link to another document is not a file to copy)."""
    body = document.outline
    for html in body.html:
        shown = html.text.split("\n")[0][:60]
        errors.append(ContentError(document.path, document.file_line(html.line), html.col,
                                   f"HTML is niet toegestaan in een document ('{shown}'); gebruik Markdown"))
    base = str(Path(document.path).parent)
    problem: str | None
    for link in body.links:
        line, col = document.file_line(link.line), link.col
        target = safety.check_href(link.href, link.image)
        if not isinstance(target, safety.FileTarget):
            if target is not None:
                errors.append(ContentError(document.path, line, col, target))
            continue
        relative = safety.inside(base, target.path)
        what = f"{'de afbeelding' if link.image else 'de bijlage'} '{target.path}'"
        if relative is None:
            problem = f"{what} ligt buiten het project; zet het bestand in de projectmap, bijvoorbeeld naast het " \
                "document"
        elif safety.hidden_part(relative):
            problem = f"{what} is een verborgen bestand of ligt in een verborgen map"
        elif relative.endswith(".md") and not link.image:
            if relative.startswith(f"{DOCUMENTS_DIR}/") and relative.count("/") == 2 \
                    and Path(relative).name in names:
                document.links.append(LinkedFile(link.href, relative, False, Path(relative).stem))
                continue
            problem = (f"de link naar '{target.path}' gaat niet naar een document in {DOCUMENTS_DIR}/ "
                       f"(documenten: {', '.join(sorted(names))})")
        elif (problem := safety.check_type(relative, link.image)) is not None:
            problem = f"{what} {problem}" + ("" if link.image else ", of een ander document (.md)")
        else:
            data = project.files.get(relative) or read_file(root, relative, safety.MAX_ASSET_BYTES)
            checked = link.image or relative.lower().endswith(tuple(safety.IMAGE_SIGNATURES))
            if isinstance(data, str):
                problem = data  # what is wrong with the file
            else:
                problem = safety.check_image(relative, data) if checked else None
                if problem is None:
                    project.files[relative] = data
                    document.links.append(LinkedFile(link.href, relative, link.image))
                    continue
            problem = f"{what} {problem}" + (f" (gezocht: {relative})" if problem == "bestaat niet" else "")
        errors.append(ContentError(document.path, line, col, problem))


def load(root: Path) -> LoadedProject:
    """Read config.yaml, the data files and the documents of the project at `root`."""
    root = find_project(root)
    errors: list[ContentError] = []
    project = LoadedProject(root, load_yaml(root, CONFIG_FILE, errors))
    project.logo = _load_logo(root, project.config, errors)
    content = root / CONTENT_DIR
    for path in sorted(p for p in content.rglob(CONFIDENTIAL_DIR) if p.is_dir()):  # content/ is public input
        errors.append(ContentError(f"{path.relative_to(root).as_posix()}/", 1, 1,
                                   f"een map {CONFIDENTIAL_DIR}/ hoort niet in {CONTENT_DIR}/: alles daarin kan in de "
                                   f"documenten terechtkomen; zet de vertrouwelijke beoordeling in {CONFIDENTIAL_DIR}/ "
                                   f"naast {CONTENT_DIR}/ (docs/award.md)"))
    for path in sorted(content.iterdir()):
        if path.is_dir() or path.suffix not in (".yaml", ".yml"):
            continue
        relative = f"{CONTENT_DIR}/{path.name}"
        if path.stem not in DATA_FILES or path.suffix == ".yml":
            known = ", ".join(f"{name}.yaml" for name in DATA_FILES)
            errors.append(ContentError(relative, 1, 1, f"onbekend gegevensbestand; bekend zijn: {known}"))
            continue
        before = len(errors)
        project.data[path.stem] = load_yaml(root, relative, errors)
        if project.data[path.stem] is None or len(errors) > before:
            project.broken.add(path.stem)
    for name in REQUIRED_FILES:
        if name not in project.data:
            errors.append(ContentError(f"{CONTENT_DIR}/{name}.yaml", 1, 1,
                                       f"het bestand ontbreekt; het beschrijft {DATA_FILES[name]}"))
    documents_dir = root / DOCUMENTS_DIR
    # hidden files (.concept.md, macOS' ._notitie.md) are not documents; other names must be usable
    paths = sorted(p for p in documents_dir.glob("*.md") if not p.name.startswith(".")) \
        if documents_dir.is_dir() else []
    names = {path.name for path in paths}
    for path in list(paths):
        problem = document_name_problem(path.name, names - {path.name})
        if problem is not None:
            errors.append(ContentError(f"{DOCUMENTS_DIR}/{path.name}", 1, 1, problem))
            paths.remove(path)
    for path in paths:
        document = load_document(root, f"{DOCUMENTS_DIR}/{path.name}", errors)
        if document is not None:
            project.documents.append(document)
    for document in project.documents:
        _load_links(root, project, document, names, errors)  # all names: one mistake, one message
    if not paths:
        errors.append(ContentError(f"{DOCUMENTS_DIR}/", 1, 1,
                                   "er is geen enkel document (een .md-bestand in content/documents/)"))
    project.templates = _template_names(root)
    project.releases = load_releases(root, errors, read_file)
    project.errors = errors
    return project


def _template_names(root: Path) -> frozenset[str]:
    """The names of the project's own templates (not hidden ones); their contents are the render stage's."""
    folder = root / "templates"
    if not folder.is_dir():
        return frozenset()
    return frozenset(path.relative_to(folder).as_posix() for path in folder.rglob("*.html")
                     if not safety.hidden_part(path.relative_to(folder).as_posix()))
