"""UBL 2.3 XML as eForms writes it: the namespaces, a builder that appends elements in document order, notice
identifiers derived from the tender, and the parts every notice of Bestek shares. Part of the render stage."""
from __future__ import annotations

import hashlib
import uuid
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager

NAMESPACES = {
    "": "urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "ext": "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2",
    "efac": "http://data.europa.eu/p27/eforms-ubl-extension-aggregate-components/1",
    "efbc": "http://data.europa.eu/p27/eforms-ubl-extension-basic-components/1",
    "efext": "http://data.europa.eu/p27/eforms-ubl-extensions/1",
}
LANGUAGE = "NLD"

for _prefix, _uri in NAMESPACES.items():
    ET.register_namespace(_prefix, _uri)


def identifier(*parts: str) -> str:
    """A UUID in the form TED requires (version 4) derived from the tender, not drawn at random: the same
    export twice is the same notice."""
    digest = hashlib.sha256(b"bestek/" + "/".join(parts).encode()).digest()
    return str(uuid.UUID(bytes=digest[:16], version=4))


class Builder:
    """Appends UBL elements in document order: `with b.open("cac:X"):` nests, `b.add("cbc:Y", text, attr=...)`."""

    def __init__(self, root: str, namespace: str = NAMESPACES[""]) -> None:
        self.namespace = namespace
        self.root = ET.Element(f"{{{namespace}}}{root}")
        self.stack = [self.root]

    @staticmethod
    def _tag(name: str) -> str:
        prefix, local = name.split(":")
        return f"{{{NAMESPACES[prefix]}}}{local}"

    def add(self, name: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(self.stack[-1], self._tag(name), {k.replace("_", ""): v for k, v in attributes.items()})
        if text is not None:
            element.text = text
        return element

    @contextmanager
    def open(self, name: str, **attributes: str) -> Iterator[ET.Element]:
        element = self.add(name, **attributes)
        self.stack.append(element)
        try:
            yield element
        finally:
            self.stack.pop()

    @contextmanager
    def extension(self) -> Iterator[None]:
        with self.open("ext:UBLExtensions"), self.open("ext:UBLExtension"), self.open("ext:ExtensionContent"), \
                self.open("efext:EformsExtension"):
            yield

    def text(self, name: str, text: str) -> None:
        self.add(name, " ".join(text.split()), languageID=LANGUAGE)

    def ref(self, name: str, key: str, scheme: str = "organization") -> None:
        with self.open(name), self.open("cac:PartyIdentification"):
            self.add("cbc:ID", key, schemeName=scheme)

    def bytes(self) -> bytes:
        ET.indent(self.root, space="  ")
        ET.register_namespace("", self.namespace)  # the notice's own namespace is the default one
        try:
            text = ET.tostring(self.root, encoding="utf-8", xml_declaration=False)
        finally:
            ET.register_namespace("", NAMESPACES[""])
        return b'<?xml version="1.0" encoding="UTF-8"?>\n' + text + b"\n"


def no_auction_framework_or_dps(b: Builder) -> None:
    """The tendering terms of every lot Bestek writes: no electronic auction, no framework agreement, no DPS."""
    with b.open("cac:AuctionTerms"):
        b.add("cbc:AuctionConstraintIndicator", "false")
    for system in ("framework-agreement", "dps-usage"):
        with b.open("cac:ContractingSystem"):
            b.add("cbc:ContractingSystemTypeCode", "none", listName=system)
