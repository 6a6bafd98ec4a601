"""The eForms static schematrons (tests/standards/.../schematrons/static, XPath 2) run with saxonche, which has
no Schematron compiler of its own: the rules of one phase (eforms-<subtype>) become one XSLT 3 stylesheet here.
Each pattern is a mode over every node; each rule a template whose match is the rule's context (earlier rules
win, as in Schematron); each failed assert an element <failed id role location/>. Lets of the schema and of
patterns are global variables (their context is the document), lets of a rule local ones. Diagnostics and
messages are left out: the report names the rule's id, which the SDK's translations explain."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

SCH = "{http://purl.oclc.org/dsdl/schematron}"
STATIC = Path(__file__).resolve().parent.parent / "standards" / "eforms-sdk-1.15.1" / "schematrons" / "static"


@dataclass(frozen=True)
class Finding:
    id: str
    role: str  # ERROR | WARN
    location: str
    test: str


def _patterns(subtype: str) -> tuple[ET.Element, list[ET.Element]]:
    main = ET.parse(STATIC / "complete-validation.sch").getroot()
    phase = next(p for p in main.iter(f"{SCH}phase") if p.get("id") == f"eforms-{subtype}")
    active = [a.get("pattern", "") for a in phase.iter(f"{SCH}active")]
    patterns = []
    for name in active:
        file = STATIC / (name.removeprefix("EFORMS-") + ".sch")
        patterns.append(ET.parse(file).getroot())
    return main, patterns


def stylesheet(subtype: str) -> str:
    main, patterns = _patterns(subtype)
    namespaces = {ns.get("prefix"): ns.get("uri") for ns in main.iter(f"{SCH}ns")}
    out = ['<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" '
           + " ".join(f'xmlns:{p}={quoteattr(u or "")}' for p, u in namespaces.items() if p != "xsl")
           + ' exclude-result-prefixes="#all">']
    lets = [let for let in main if let.tag == f"{SCH}let"]
    lets += [let for pattern in patterns for let in pattern if let.tag == f"{SCH}let"]
    for let in lets:
        out.append(f'<xsl:variable name={quoteattr(let.get("name", ""))} select={quoteattr(let.get("value", ""))}/>')
    out.append('<xsl:template match="/"><report>')
    for n in range(len(patterns)):
        out.append(f'<xsl:apply-templates select="(//node() | //@*)" mode="p{n}"/>')
    out.append("</report></xsl:template>")
    for n, pattern in enumerate(patterns):
        out.append(f'<xsl:mode name="p{n}" on-no-match="deep-skip"/>')
        rules = list(pattern.iter(f"{SCH}rule"))
        for m, rule in enumerate(rules):
            priority = len(rules) - m
            out.append(f'<xsl:template match={quoteattr(rule.get("context", ""))} mode="p{n}" priority="{priority}">')
            for child in rule:
                if child.tag == f"{SCH}let":
                    out.append(f'<xsl:variable name={quoteattr(child.get("name", ""))} '
                               f'select={quoteattr(child.get("value", ""))}/>')
                elif child.tag in (f"{SCH}assert", f"{SCH}report"):
                    test = child.get("test", "")
                    condition = f"not({test})" if child.tag == f"{SCH}assert" else test
                    out.append(f'<xsl:if test={quoteattr(condition)}><failed id={quoteattr(child.get("id", ""))} '
                               f'role={quoteattr(child.get("role", ""))} location="{{path()}}" '
                               f'test={quoteattr(test.replace("{", "{{").replace("}", "}}"))}/></xsl:if>')
            out.append("</xsl:template>")
    out.append("</xsl:stylesheet>")
    return "\n".join(out)


def validate(xml: bytes, subtype: str) -> list[Finding]:
    """The failed asserts of the notice under its subtype's phase."""
    from saxonche import PySaxonProcessor

    with PySaxonProcessor(license=False) as processor:
        xslt = processor.new_xslt30_processor()
        executable = xslt.compile_stylesheet(stylesheet_text=stylesheet(subtype))
        document = processor.parse_xml(xml_text=xml.decode("utf-8"))
        result = executable.transform_to_string(xdm_node=document)
    return [Finding(m.group(1), m.group(2), m.group(3), m.group(4))
            for m in re.finditer(r'<failed id="([^"]*)" role="([^"]*)" location="([^"]*)" test="([^"]*)"', result)]
