"""No silent change after publication: the project compared with its latest release (validate stage).

* A release is immutable: its release.json must have its shape and its PDFs their recorded SHA-256.
* A released document whose content changed must carry a higher `version`.
* Every changed section of a released document is accounted for: by a question of the Nota van
  Inlichtingen (`changes: [{document, section}]` next to its `amendment`) or by an entry in
  content/wijzigingen.yaml (`changes: [{document, section, reason}]`). A change of data (a date, a weight,
  a requirement) counts as a change of every section that shows it (validate/snapshot.py `shows`). An
  entry that names a section that did not change is an error too. Only entries that are new since the
  latest release count: the ones before it accounted for that release.
* A change that may be substantial (a lot, an award criterion, a minimum requirement, the procedure, the
  contract's term) gives a warning until content/wijzigingen.yaml motivates it (`motivations`).
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.core.blocks import Block
from generator.core.errors import ErrorList
from generator.core.headings import find
from generator.core.kinds import role_of
from generator.core.scoring import AWARD_RULES_ID
from generator.core.versions import Change, diff, next_version, substantial, version_key
from generator.load.project import LoadedDocument, LoadedProject
from generator.load.releases import LoadedRelease
from generator.load.yamlsource import YamlDocument
from generator.validate.snapshot import shows, snapshot

RESTORE = "een release verandert niet na publicatie: haal de map terug uit uw versiebeheer (git)"
#: data kind -> the data file and list whose items it names, for the position of a warning
ITEM_PLACES = {"eis": ("requirements", "requirements"), "criterium": ("criteria", "criteria"),
               "perceel": ("tender", "lots"), "segment": ("segments", "segments"), "mijlpaal": ("tender", "planning")}
#: how an entry names the text before a document's first heading (it has no heading, so no id)
BEGIN = "0"
#: data kinds whose changes are the Nota van Inlichtingen and the change list themselves
NOT_ACCOUNTED = ("vraag", "wijziging")


@dataclass(frozen=True)
class Entry:
    """One accounting entry: a question's or wijzigingen.yaml's {document, section}, where it is written."""

    document: str
    section: str
    path: str
    line: int
    col: int
    source: str  # 'vraag 1.2' or 'wijzigingen.yaml'
    reason: str | None = None  # wijzigingen.yaml's reason
    round: int | None = None  # the question's round of the Nota van Inlichtingen


def content_problem(release: LoadedRelease) -> str | None:
    """What is wrong with a release's recorded content and checksums, or None (the schema checked its shape)."""
    data = release.data.data
    if data["version"] != release.version:
        return f"de release in map {release.version} heeft versie {data['version']}; {RESTORE}"
    content = data["content"]
    documents, items = content.get("documents"), content.get("data")
    if not isinstance(documents, dict) or not isinstance(items, dict) or not all(
            isinstance(d, dict) and isinstance(d.get("sections"), list)
            and all(isinstance(s, dict) and {"id", "number", "title", "text"} <= set(s) for s in d["sections"])
            for d in documents.values()):
        return f"de inhoud (content) van de release is beschadigd; {RESTORE}"
    for document in data["documents"]:
        recorded = documents.get(document["id"])
        if recorded is None or any(str(recorded.get(key)) != str(document[key])
                                   for key in ("title", "version", "status", "kind")):
            return (f"de gegevens van '{document['id']}' in de lijst van documenten wijken af van de vastgelegde "
                    f"inhoud; {RESTORE}")
        if document["pdf"] != f"{document['id']}.pdf":
            return f"de PDF van '{document['id']}' heet {document['pdf']} in plaats van {document['id']}.pdf; {RESTORE}"
        pdf = release.pdfs.get(document["pdf"])
        where = release.path.rsplit("/", 1)[0] + "/" + document["pdf"]
        if pdf is None:
            return f"{where} ontbreekt of is niet te lezen; {RESTORE}"
        if hashlib.sha256(pdf).hexdigest() != document["sha256"]:
            return f"{where} is niet meer het bestand dat in versie {release.version} is gepubliceerd; {RESTORE}"
    return None


def entries(valid: Mapping[str, YamlDocument], old: dict[str, Any]) -> list[Entry]:
    """The accounting entries that are new since the release `old` (its snapshot)."""
    old_data = old.get("data", {})
    entries: list[Entry] = []
    if "questions" in valid:
        file = valid["questions"]
        for i, round_ in enumerate(file.data["rounds"], start=1):
            for j, question in enumerate(round_["questions"], start=1):
                previous = old_data.get("vraag", {}).get(question["id"]) or {}
                if "changes" not in question or previous.get("changes") == question["changes"]:
                    continue
                for k, change in enumerate(question["changes"]):
                    pos = file.position(("rounds", i - 1, "questions", j - 1, "changes", k, "section"))
                    entries.append(Entry(change["document"], change["section"], file.path, pos.line, pos.col,
                                         f"vraag {i}.{j}", round=i))
    if "wijzigingen" in valid:
        file = valid["wijzigingen"]
        for k, change in enumerate(file.data.get("changes") or []):
            if f"{change['document']}#{change['section']}" in old_data.get("wijziging", {}):
                continue
            pos = file.position(("changes", k, "section"))
            entries.append(Entry(change["document"], change["section"], file.path, pos.line, pos.col,
                                 "wijzigingen.yaml", reason=change["reason"]))
    return entries


def _word(document: dict[str, Any] | None) -> str:
    return "artikel" if document is not None and role_of(document) == "overeenkomst" else "paragraaf"


def _named(section: dict[str, Any], document_id: str, word: str) -> str:
    if section["id"] == "":
        return f"het begin van '{document_id}'"
    if section["number"]:
        return f"{word} {section['number']} ({section['title']}) van '{document_id}'"
    return f"{'het' if word == 'artikel' else 'de'} {word} '{section['title']}' van '{document_id}'"


class Comparison:
    """The project against its latest release."""

    def __init__(self, release: LoadedRelease, now: dict[str, Any], documents: list[LoadedDocument],
                 blocks: Mapping[str, Block]):
        self.release = release
        self.old: dict[str, Any] = release.data.data["content"]
        self.now = now
        self.changes = diff(self.old, now)
        self.documents = {d.id: d for d in documents}
        #: (document id, section id) of a released document -> the changes that touch it
        self.changed: dict[tuple[str, str], list[Change]] = {}
        released = [d for d in self.old["documents"] if d in self.documents]
        shown = {d: shows(self.documents[d], blocks) for d in released}
        for change in self.changes:
            if change.document is not None and change.document in released and change.section is not None:
                self.changed.setdefault((change.document, change.section), []).append(change)
            elif change.subject is not None and change.kind not in NOT_ACCOUNTED:
                for document in released:
                    for section, what in shown[document].items():
                        if self._shows(change, what):
                            self.changed.setdefault((document, section), []).append(change)

    def _shows(self, change: Change, what: set[str]) -> bool:
        """Whether a section that shows `what` (validate/snapshot.py shows) shows the item `change` changed."""
        if change.kind in what or change.subject in what:
            return True
        if change.kind == "eis":  # a block over one kind of requirement: the kind before or after the change
            ident = (change.subject or "").partition(":")[2]
            items = [data.get("data", {}).get("eis", {}).get(ident) for data in (self.old, self.now)]
            return any(isinstance(item, dict) and f"eis@{item.get('kind')}" in what for item in items)
        return False

    def section(self, document: str, written: str) -> dict[str, Any] | None:
        """The section an entry names (by id or number, now; or by id, removed since the release); "0" names the
        text before the first heading."""
        if written == BEGIN:
            versions = (self.now["documents"].get(document), self.old["documents"].get(document))
            sections = [d["sections"] for d in versions if d is not None]
            return next((s for found in sections for s in found if s["id"] == ""), None)
        if document in self.documents:
            found = find(self.documents[document].sections(), written)
            if found is not None:
                return next(s for s in self.now["documents"][document]["sections"] if s["id"] == found.anchor)
        old = self.old["documents"].get(document)
        return next((s for s in old["sections"] if s["id"] == written), None) if old else None


def sound_releases(releases: list[LoadedRelease], errors: ErrorList | None = None) -> list[LoadedRelease]:
    """The releases whose content and PDFs are as recorded (the others reported in `errors`)."""
    sound = []
    for release in releases:
        problem = content_problem(release)
        if problem is None:
            sound.append(release)
        elif errors is not None:
            errors.add(release.path, 1, 1, problem)
    return sound


def compare(project: LoadedProject, valid: Mapping[str, YamlDocument], documents: list[LoadedDocument],
            releases: list[LoadedRelease], blocks: Mapping[str, Block]) -> Comparison | None:
    """The project against the latest of `releases` (sound ones), or None without a release."""
    if not releases:
        return None
    return Comparison(releases[-1], snapshot(project, valid, documents), documents, blocks)


def check_changes(project: LoadedProject, valid: Mapping[str, YamlDocument], documents: list[LoadedDocument],
                  releases: list[LoadedRelease], blocks: Mapping[str, Block], errors: ErrorList) -> None:
    """Compare the project with its latest sound release (`releases` passed their schema)."""
    sound = sound_releases(releases, errors)
    if not sound or len(documents) != len(project.documents) or project.broken or errors:
        return  # compared only when everything else is in order: one mistake, one message
    comparison = compare(project, valid, documents, sound, blocks)
    assert comparison is not None
    _check_versions(comparison, errors)
    _check_accounting(comparison, valid, errors)
    _check_substantial(comparison, valid, errors)


def _check_versions(comparison: Comparison, errors: ErrorList) -> None:
    version = comparison.release.version
    for ident, document in comparison.documents.items():
        released = comparison.old["documents"].get(ident)
        if released is None:
            continue
        touched = sorted({section for (doc, section) in comparison.changed if doc == ident})
        current = document.front.data["version"]
        if touched and version_key(current) <= version_key(released["version"]):
            pos = document.front.position(("version",))
            errors.add(document.path, pos.line, pos.col,
                       f"'{ident}' is gewijzigd sinds release {version}, maar heeft nog versie {current}; geef het "
                       f"document een hogere versie, zoals \"{next_version(released['version'])}\"")
        elif version_key(current) < version_key(released["version"]):
            pos = document.front.position(("version",))
            errors.add(document.path, pos.line, pos.col,
                       f"'{ident}' had in release {version} al versie {released['version']}; een versie gaat niet "
                       f"terug: schrijf \"{released['version']}\" of hoger")


def _check_accounting(comparison: Comparison, valid: Mapping[str, YamlDocument], errors: ErrorList) -> None:
    version = comparison.release.version
    accounted: set[tuple[str, str]] = set()
    for entry in entries(valid, comparison.old):
        section = comparison.section(entry.document, entry.section)
        released = comparison.old["documents"].get(entry.document)
        if released is None:
            errors.add(entry.path, entry.line, entry.col,
                       f"'{entry.document}' stond niet in release {version}; alleen een gepubliceerd document heeft "
                       "een wijziging nodig: haal deze regel weg")
        elif section is None:
            errors.add(entry.path, entry.line, entry.col,
                       f"'{entry.document}' heeft geen kop '{entry.section}', nu niet en in release {version} ook "
                       "niet; noem de gewijzigde paragraaf of het gewijzigde artikel met het id van de kop")
        elif (entry.document, section["id"]) not in comparison.changed:
            word = _word(released)
            which = "het artikel dat" if word == "artikel" else "de paragraaf die"
            errors.add(entry.path, entry.line, entry.col,
                       f"{_named(section, entry.document, word)} is niet gewijzigd sinds versie {version}; haal deze "
                       f"wijziging weg of noem {which} wel is gewijzigd")
        else:
            accounted.add((entry.document, section["id"]))
    for (ident, section_id), changes in sorted(comparison.changed.items()):
        if (ident, section_id) in accounted:
            continue
        document = comparison.documents[ident]
        section = comparison.section(ident, section_id) or {"id": section_id, "number": "", "title": section_id}
        heading = next((h for h, s in zip(document.outline.headings, document.sections(), strict=True)
                        if s.anchor == section_id), None)
        line = document.file_line(heading.line) if heading is not None else document.body_line
        what = "; ".join(dict.fromkeys(c.description if c.subject is None else f"{c.label()}: {c.description}"
                                       for c in changes))
        written = section_id or f'"{BEGIN}"'
        errors.add(document.path, line, 1,
                   f"{_named(section, ident, _word(comparison.old['documents'][ident]))} is gewijzigd sinds versie "
                   f"{version} ({what}), maar staat niet in de Nota van Inlichtingen of in wijzigingen.yaml; noem "
                   f"de wijziging bij de vraag die erom vroeg (changes: [{{document: {ident}, section: {written}}}]) "
                   f"of in content/wijzigingen.yaml (changes: met document, section en reason)")


def _item_position(valid: Mapping[str, YamlDocument], subject: str) -> tuple[str, int, int]:
    kind, _, ident = subject.partition(":")
    if kind == "aanbesteding" and "tender" in valid:
        tender = valid["tender"]
        if ident in tender.data:
            pos = tender.key_position((ident,))
            return tender.path, pos.line, pos.col
        return tender.path, 1, 1
    if kind == "criterium" and ident == AWARD_RULES_ID and "criteria" in valid:  # tie_break, max_providers
        criteria = valid["criteria"]
        key = next((k for k in ("tie_break", "max_providers") if k in criteria.data), None)
        pos = criteria.key_position((key,)) if key else criteria.position(())
        return criteria.path, pos.line, pos.col
    file, field = ITEM_PLACES.get(kind, ("tender", ""))
    if file not in valid:
        return f"content/{file}.yaml", 1, 1
    document = valid[file]
    for i, item in enumerate(document.data.get(field) or []):
        if item.get("id") == ident:
            pos = document.position((field, i, "id"))
            return document.path, pos.line, pos.col
    return document.path, 1, 1


def _check_substantial(comparison: Comparison, valid: Mapping[str, YamlDocument], errors: ErrorList) -> None:
    motivations = (valid["wijzigingen"].data.get("motivations") or []) if "wijzigingen" in valid else []
    motivated = {m["about"] for m in motivations}
    changed = {c.subject for c in comparison.changes
               if c.subject is not None and substantial(c, comparison.old, comparison.now)}
    for k, motivation in enumerate(motivations):
        if motivation["about"] not in changed and \
                f"motivatie:{motivation['about']}" not in comparison.old.get("data", {}).get("wijziging", {}):
            pos = valid["wijzigingen"].position(("motivations", k, "about"))
            errors.add(valid["wijzigingen"].path, pos.line, pos.col,
                       f"'{motivation['about']}' is niet gewijzigd sinds versie {comparison.release.version}; een "
                       "motivering hoort bij een wijziging die wezenlijk kan zijn: haal haar weg of noem er een "
                       f"(nu: {', '.join(sorted(changed)) or 'geen'})")
    seen: set[str] = set()
    for change in comparison.changes:
        subject = change.subject
        if subject is None or subject in motivated or subject in seen:
            continue
        if not substantial(change, comparison.old, comparison.now):
            continue
        seen.add(subject)
        path, line, col = _item_position(valid, subject)
        descriptions = "; ".join(c.description for c in comparison.changes if c.subject == subject)
        errors.warn(path, line, col,
                    f"{change.label()} is gewijzigd sinds versie {comparison.release.version} ({descriptions}); dit "
                    "kan een wezenlijke wijziging zijn (PIANOo, 'Visie: De wezenlijke wijziging'; de toets van art. "
                    "2.163a Aw 2012 geldt ook tijdens de procedure): had de wijziging in de eerste versie gestaan, "
                    "dan hadden misschien andere inschrijvers meegedaan. Leg in content/wijzigingen.yaml onder "
                    f"motivations uit waarom dat hier niet zo is (about: {subject}, motivation: ...)")



def release_problems(project: LoadedProject, tender: YamlDocument) -> list[tuple[str, int, int, str]]:
    """Why the project cannot be released as the version in content/tender.yaml (`tender`), as (path, line,
    col, message): no version, or a version that is released already or lower than the latest."""
    version = tender.data.get("version")
    if version is not None and not isinstance(version, str):
        return []  # the schema reports it
    if version is None:
        return [(tender.path, 1, 1, "voor 'bestek release' is het veld 'version' nodig: de versie die u uitbrengt, "
                                    "zoals \"1.0\"")]
    pos = tender.position(("version",))
    released = [r.version for r in project.releases]
    if version in released:
        return [(tender.path, pos.line, pos.col, f"versie {version} is al uitgebracht (releases/{version}/); een "
                                                 "release verandert niet meer: geef de nieuwe versie een hoger "
                                                 f"nummer, zoals \"{next_version(version)}\"")]
    if released and version_key(version) < version_key(released[-1]):
        return [(tender.path, pos.line, pos.col, f"versie {version} is lager dan de laatste release {released[-1]}; "
                                                 f"schrijf een hoger nummer, zoals \"{next_version(released[-1])}\"")]
    return []
