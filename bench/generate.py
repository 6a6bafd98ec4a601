"""Generate a large synthetic tender project for benchmarks (`make bench`).

At scale 1: 40 segments in 5 lots, 600 requirements, 30 award criteria, 12 documents, about 370 PDF
pages. `scale` multiplies the number of segments, requirements and documents (each file stays under the
2 MiB limit of the load stage up to scale 16). `evaluation()` adds the confidential evaluation that
`bestek gunning` reads: 30 bidders on the 5 lots, each scored on every criterion by three evaluators; perceel 1
and 2 go to at most three providers each, the others to every bidder.
The content is deterministic (a fixed word list, no randomness), so every run measures the same input.
"""
from __future__ import annotations

import argparse
import itertools
from pathlib import Path

#: the weights of a lot's six criteria: primes, so that every bidder's total differs (see evaluation())
LOT_WEIGHTS = (29, 23, 17, 13, 11, 7)
LOT_CRITERIA = len(LOT_WEIGHTS)
WORDS = ("inwoner aanbieder gemeente ondersteuning jeugdhulp begeleiding kwaliteit toegang samenwerking regio "
         "contract bekostiging resultaat doelgroep zorg veiligheid continuïteit overdracht monitoring netwerk "
         "preventie wijkteam huishouden dagbesteding verblijf crisis behandeling gezin school werk").split()


def sentence(n: int, seed: int) -> str:
    words = [WORDS[(seed * 7 + i * 13) % len(WORDS)] for i in range(n)]
    return " ".join(words).capitalize() + "."


def paragraph(seed: int, sentences: int = 5) -> str:
    return " ".join(sentence(9 + (seed + i) % 8, seed + i) for i in range(sentences))


def write(root: Path, relative: str, text: str) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def generate(root: Path, scale: int = 1, segments: int = 40, requirements: int = 600, criteria: int = 30,
             documents: int = 12, capped: int = 3) -> Path:
    """Write the project into `root`; `scale` multiplies segments, requirements and documents; perceel 1 and 2
    go to at most `capped` providers."""
    segments, requirements, documents = segments * scale, requirements * scale, documents * scale
    write(root, "config.yaml", "site:\n  title: Benchmark-aanbesteding\n")
    write(root, "content/organisation.yaml", "name: Regio Benchmark\nmunicipalities:\n" + "".join(
        f"  - id: gemeente-{i}\n    name: Gemeente {i}\n" for i in range(1, 9))
        + "contact:\n  name: Team Inkoop\n  email: inkoop@example.nl\n  address: Postbus 1, 1000 AA Benchdorp\n"
        + 'notice:\n  identifier: "KvK 1"\n  nuts: NL365\n  phone: "0182 000 000"\n')
    lots = max(1, segments // 8)
    lot_yaml = "".join(f"  - id: perceel-{lot}\n    name: Perceel {lot}\n    description: {sentence(8, lot)}\n"
                       "    segments: ["
                       + ", ".join(f"segment-{s}" for s in range(lot * 8 - 7, min(lot * 8, segments) + 1)) + "]\n"
                       for lot in range(1, lots + 1))
    write(root, "content/tender.yaml", f"""reference: BENCH-1
title: Benchmark-aanbesteding Jeugd en Wmo
version: "1.0"
summary: Jeugdhulp en Wmo-ondersteuning voor acht gemeenten.
cpv: ["85312000"]
documents_url: https://www.tenderned.nl/aankondigingen/overzicht/1
review_body:
  name: Rechtbank Den Haag
  identifier: "OIN 1"
  address: Postbus 20302, 2500 EH Den Haag
  nuts: NL361
domains: [jeugd, wmo]
procedure: sas
contract: {{start: 2026-01-01, initial_years: 3, extensions: [2, 2]}}
lots:
{lot_yaml}planning:
  - {{id: publicatie, title: Publicatie, date: 2025-03-03, kind: publicatie}}
  - {{id: vragen, title: Vragen, date: 2025-03-20, kind: vragen}}
  - {{id: nvi, title: Nota van inlichtingen, date: 2025-04-01, kind: nvi}}
  - {{id: inschrijving, title: Inschrijving, date: 2025-04-22, time: "12:00", kind: inschrijving}}
  - {{id: gunningsbeslissing, title: Gunningsbeslissing, date: 2025-06-02, kind: gunningsbeslissing}}
  - {{id: einde-standstill, title: Einde standstill, date: 2025-06-23, kind: einde-standstill}}
  - {{id: start-contract, title: Start, date: 2026-01-01, kind: start-contract}}
""")
    write(root, "content/segments.yaml", "segments:\n" + "".join(
        f"""  - id: segment-{i}
    name: Segment {i}
    domains: [{'jeugd' if i % 2 else 'wmo'}]
    target_group: {sentence(10, i)}
    ambition: {sentence(12, i + 1)}
    description: {paragraph(i, 4)}
    principles: ["{sentence(8, i + 2)}", "{sentence(9, i + 3)}", "{sentence(7, i + 4)}"]
    budget: {1000000 + i * 12345}
    clients: {100 + i * 7}
""" for i in range(1, segments + 1)))
    kinds = itertools.cycle(("uitsluitingsgrond", "geschiktheidseis", "minimumeis", "contractvoorwaarde"))
    write(root, "content/requirements.yaml", "requirements:\n" + "".join(
        f"""  - id: eis-{i}
    kind: {kind}
    title: Eis {i}
    text: {sentence(9, i)}
""" + (f"    evidence: {sentence(5, i)}\n    moment: verificatie\n" if kind in ("uitsluitingsgrond", "geschiktheidseis")
       else "") + (f"    segments: [segment-{1 + i % segments}]\n" if i % 3 == 0 else "")
        for i, kind in zip(range(1, requirements + 1), kinds, strict=False)))
    weight, rest = divmod(100, criteria)
    # five lots of six criteria each (scale 1): every lot weighs its own criteria, as a real tender does, so a
    # bidder's letter lists the six of its lot; otherwise every criterion weighs for every lot
    per_lot = lots * LOT_CRITERIA == criteria

    def weighing(i: int) -> str:
        if per_lot:
            return f"weights: {{perceel-{(i - 1) // LOT_CRITERIA + 1}: {LOT_WEIGHTS[(i - 1) % LOT_CRITERIA]}}}"
        return f"weight: {weight + (1 if i <= rest else 0)}"

    # perceel 1 and 2 are contracted with at most `capped` providers (the rest of their bidders are passed over and
    # told why: the letters of `bestek gunning` compare them with those), the other lots with every bidder
    most = f"max_providers: {{perceel-1: {capped}, perceel-2: {capped}}}\n" if lots >= 2 else ""
    write(root, "content/criteria.yaml", most + "criteria:\n" + "".join(
        f"""  - id: g{i}
    title: Criterium {i}
    kind: kwaliteit
    {weighing(i)}
    description: {paragraph(i, 2)}
    max_pages: 2
    scoring: 0 - 2 - 4 - 6 - 8 - 10
""" for i in range(1, criteria + 1)))
    bodies = []
    for d in range(1, documents + 1):
        chapters = []
        for c in range(1, 7):
            sections = "\n\n".join(f"## Paragraaf {c}.{s}\n\n{paragraph(d * 100 + c * 10 + s, 6)}\n\n"
                                   f"{paragraph(d * 100 + c * 10 + s + 5, 5)}" for s in range(1, 5))
            mentioned = f"[[segment:segment-{1 + (d + c) % segments}]]"
            chapters.append(f"# Hoofdstuk {c}\n\n{paragraph(d + c, 4)} Zie {mentioned}."
                            f"\n\n{sections}")
        blocks = {1: "{{ segment-details }}", 2: '{{ eisen soort="minimumeis" }}',
                  3: '{{ eisen soort="contractvoorwaarde" }}',
                  4: "{{ gunningscriteria }}\n\n{{ beoordelingsformulier }}",
                  5: "{{ segmenttabel kolommen=\"naam,domein,ambitie,budget,clienten\" }}",
                  6: '{{ eisen soort="uitsluitingsgrond" }}\n\n{{ eisen soort="geschiktheidseis" }}'}
        # the twelve documents of a real tender show the whole data; the extra documents of a larger
        # scale each show one segment's data, so the output grows with the content, not its square
        block = blocks.get(d % 7, "{{ planning }}") if d <= 12 else \
            f'{{{{ segmentmatrix rijen="doelgroep,ambitie" segmenten="segment-{d}" }}}}'

        kind = "aanbestedingsleidraad" if d == 1 else "notitie"
        extra = ("\n\n# Procedure\n\n{{ contract }}\n\n{{ planning }}\n\n{{ percelen }}\n\n{{ eisen }}\n\n"
                 "{{ gunningscriteria }}\n\n# Rechtsbescherming\n\n## Opschortende termijn\n\n"
                 "Wilt u de beslissing aanvechten, dan maakt u binnen de opschortende termijn een kort geding "
                 "aanhangig bij de Rechtbank Den Haag.") if d == 1 else ""
        bodies.append((d, kind, "\n\n".join(chapters) + f"\n\n# Gegevens\n\n{block}{extra}\n"))
    for d, kind, body in bodies:
        write(root, f"content/documents/document-{d:02}.md",
              f'---\ntitle: Benchmarkdocument {d}\nkind: {kind}\nversion: "1.0"\nstatus: definitief\n'
              f"date: 2025-03-03\norder: {d}\n---\n\n{body}")
    return root


def evaluation(root: Path, bidders: int = 30) -> Path:
    """vertrouwelijk/beoordeling.yaml for the tender in `root` (scale 1: five lots of six criteria): every bidder
    meets the requirements and bids on two or three lots; three evaluators score every criterion of the lot
    (docs/award.md)."""
    lots = [f"perceel-{lot}" for lot in range(1, 6)]
    committee = "".join(f"  - id: lid-{i}\n    name: Lid {i}\n    role: Beoordelaar {i}\n" for i in range(1, 4))
    bids = {b: [lots[(b + k) % 5] for k in range(2 + b % 2)] for b in range(1, bidders + 1)}
    text = ["send_date: 2025-06-03\nsignatory:\n  name: A. Ondertekenaar\n  role: Manager Inkoop\n",
            f"committee:\n{committee}", "bidders:\n"]
    for b, chosen in bids.items():
        text.append(f"""  - id: inschrijver-{b}
    name: Inschrijver {b} B.V.
    address: Postbus {b}, 1000 AA Benchdorp
    email: inschrijver-{b}@example.nl
    identifier: KvK {90000000 + b}
    nuts: NL365
    size: {("micro", "small", "medium", "large")[b % 4]}
    lots: [{", ".join(chosen)}]
    exclusion: {{met: true}}
    suitability: {{met: true}}
    requirements: {{met: true}}
""")
    text.append("evaluations:\n")
    for lot in lots:
        bidding = [b for b, chosen in bids.items() if lot in chosen]
        values = ", ".join(f"inschrijver-{b}: {500000 + b * 1000}" for b in bidding)
        text.append(f"""  - lot: {lot}
    evaluators: [lid-1, lid-2, lid-3]
    contract:
      concluded: 2025-07-01
      values: {{{values}}}
    scores:
""")
        first = (int(lot.split("-")[1]) - 1) * LOT_CRITERIA
        for b in bidding:
            text.append(f"      inschrijver-{b}:\n")
            # the lot's first three criteria spell the bidder's number in base 6: with the prime weights no two
            # bidders have the same total, so no tie-break rule is needed
            for k in range(LOT_CRITERIA):
                score = 2 * (b // 6 ** k % 6) if k < 3 else 6
                scores = f"{{lid-1: {score}, lid-2: {score}, lid-3: {score}}}"
                text.append(f"        g{first + k + 1}: {{individual: {scores}, "
                            f"consensus: {score}, motivation: Motivering {b}.{k + 1} van de commissie.}}\n")
    write(root, "vertrouwelijk/beoordeling.yaml", "".join(text))
    return root


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    generate(args.folder, args.scale)


if __name__ == "__main__":
    main()
