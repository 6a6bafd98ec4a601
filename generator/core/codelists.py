"""The official code lists Bestek checks codes against (codelists/, see its README): the CPV codes of social
and other specific services, the Dutch NUTS-3 regions and the ESPD criteria. Genericode files, read once."""
from __future__ import annotations

import functools
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

CODELISTS_DIR = Path(__file__).resolve().parent / "codelists"
FILES = {"cpv": "cpv_social-service-cpv.gc", "nuts": "nuts_nuts-nld-lvl3.gc", "espd": "espd-criterion.gc"}


@dataclass(frozen=True)
class Code:
    code: str
    name: str  # Dutch (the English name where the list has no Dutch one)
    english: str


@functools.cache
def codelist(name: str) -> dict[str, Code]:
    """code -> Code, in the list's order; `name` is a key of FILES."""
    return parse_codelist((CODELISTS_DIR / FILES[name]).read_bytes())


def parse_codelist(data: bytes) -> dict[str, Code]:
    """code -> Code of a genericode file's bytes, in the list's order."""
    codes: dict[str, Code] = {}
    for row in ET.fromstring(data).iter("Row"):
        values = {value.get("ColumnRef"): value.findtext("SimpleValue") or "" for value in row.findall("Value")}
        english = values.get("eng_label") or values.get("Name") or ""
        codes[values["code"]] = Code(values["code"], values.get("nld_label") or english, english)
    return codes


def cpv_code(text: str) -> str:
    """A CPV code as the lists write it: '85311000' (a check digit, '85311000-2', is left off)."""
    return text.split("-")[0]
