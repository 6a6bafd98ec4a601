"""Small projects for the procedure mechanisms of issue 13: an admission (open house with its own procedure
name, entry moments, subregions and a segment that is not tendered), written over tests/conftest.py's project."""
from __future__ import annotations

#: an open house called "toelatingsprocedure", with three entry moments, two youth regions and a segment
#: (Wonen) that is described but not tendered
ADMISSION = {
    "content/organisation.yaml": """\
        name: Regio Testland
        subregions:
          - id: jeugd-oost
            name: Jeugdregio Oost
          - id: jeugd-west
            name: Jeugdregio West
        municipalities:
          - id: oostdorp
            name: Oostdorp
            central: true
            subregion: jeugd-oost
          - id: westdorp
            name: Westdorp
            subregion: jeugd-west
          - id: noorddorp
            name: Noorddorp
            subregion: jeugd-oost
        contact:
          name: Team Inkoop
          email: inkoop@example.nl
        """,
    "content/tender.yaml": """\
        reference: TL-2026
        title: Toelating Jeugd en Wmo 2026
        version: "1.0"
        domains: [jeugd, wmo]
        procedure: open-house
        procedure_label: toelatingsprocedure
        contract:
          start: 2026-01-01
          initial_years: 4
        planning:
          - id: publicatie
            title: Publicatie op TenderNed
            date: 2025-03-03
            kind: publicatie
          - id: toetreding-1
            title: Eerste moment van toetreden
            date: 2025-04-01
            kind: toetreding
          - id: toetreding-2
            title: Tweede moment van toetreden
            date: 2025-10-01
            kind: toetreding
          - id: start-contract
            title: Start van de overeenkomst
            date: 2026-01-01
            kind: start-contract
          - id: toetreding-3
            title: Derde moment van toetreden
            date: 2026-04-01
            kind: toetreding
        """,
    "content/segments.yaml": """\
        segments:
          - id: crisis
            name: Crisis
            domains: [jeugd, wmo]
            target_group: Inwoners in acute nood.
            ambition: Binnen 24 uur passende hulp.
            description: Hulp bij **acute** nood.
          - id: wonen
            name: Wonen
            domains: [wmo]
            target_group: Inwoners die niet zelfstandig kunnen wonen.
            ambition: Zo thuis mogelijk wonen.
            description: Beschermd wonen en verblijf.
            tendered: false
        """,
    "content/criteria.yaml": None,
    "content/documents/notitie.md": None,
    "content/documents/toelating.md": """\
        ---
        title: Toelatingsdocument
        kind: aanbestedingsleidraad
        version: "1.0"
        status: concept
        date: 2025-02-15
        ---

        # Inleiding

        De [[regio]] bestaat uit [[subregio:jeugd-oost]] en [[subregio:jeugd-west]] en koopt [[aantal:segmenten]] segment in.

        {{ gemeenten }}

        ## Oost

        {{ gemeenten subregio="jeugd-oost" }}

        # Procedure

        {{ contract }}

        {{ planning }}

        # Segmenten

        {{ segmenten }}

        # Eisen

        {{ eisen }}
        """,
}
