"""Confidentiality of the award (issue 16): `bestek build`, `serve` and `package` never read vertrouwelijk/, so no
bidder's name, score or motivation reaches build/site, build/pdf, the package zip or the search index; and a build
keeps build/vertrouwelijk/ of `bestek gunning` as it was. Slow: it builds the default project's package."""
from __future__ import annotations

import gzip
import hashlib
import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from generator.pipeline import build, gunning
from generator.serve import watched_files
from tests.conftest import REPO


def copy_default(target: Path, confidential: bool) -> Path:
    target.mkdir()
    for name in ("config.yaml", "content", "releases", *(("vertrouwelijk",) if confidential else ())):
        (shutil.copytree if (REPO / name).is_dir() else shutil.copy2)(REPO / name, target / name)
    return target


def secrets() -> list[str]:
    """What the evaluation holds and no public file may: names of bidders, their parties and the committee, their
    addresses and e-mail addresses, and the motivations (each in its first 50 characters)."""
    evaluation = yaml.safe_load((REPO / "vertrouwelijk" / "beoordeling.yaml").read_text(encoding="utf-8"))
    found = [evaluation["signatory"]["name"], evaluation["supervisor"]["name"]]
    found += [m["name"] for m in evaluation["committee"]]
    for bidder in evaluation["bidders"]:
        found += [bidder["name"], bidder["address"], bidder.get("email", ""), bidder.get("identifier", "")]
        found += bidder.get("members", []) + bidder.get("subcontractors", [])
    for lot in evaluation["evaluations"]:
        found += [" ".join(s["motivation"].split())[:50] for scores in lot["scores"].values() for s in scores.values()]
    return sorted({s for s in found if s})


def files(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "vertrouwelijk" not in p.relative_to(root).parts
            and p.name != ".bestek-record.json"}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """The default project's package built without vertrouwelijk/ at all, and built again after `bestek gunning`
    wrote build/vertrouwelijk/ (into the same output folder)."""
    work = tmp_path_factory.mktemp("confidential")
    without = copy_default(work / "zonder", confidential=False)
    plain = build(without, package=True)
    project = copy_default(work / "project", confidential=True)
    awarded = gunning(project)
    written = {p.name: p.read_bytes() for p in awarded.folder.iterdir()}
    result = build(project, package=True)
    return plain, result, awarded, written


def test_the_public_output_is_the_same_with_or_without_the_evaluation(builds):
    plain, result, _, _ = builds
    assert files(result.out) == files(plain.out)  # site, PDFs, package, search index: byte for byte


def readable(root: Path) -> dict[str, str]:
    """Every public file as text: pages and scripts, PDFs (their text), the package (each member) and the search
    index (Pagefind's fragments and index are gzip-compressed)."""
    texts = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or "vertrouwelijk" in relative.parts:
            continue
        data = path.read_bytes()
        if path.suffix == ".pdf":
            texts[str(relative)] = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
        elif path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for member in archive.namelist():
                    content = archive.read(member)
                    texts[f"{relative}!{member}"] = (" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
                                                     if member.endswith(".pdf") else content.decode("utf-8", "replace"))
        elif data[:2] == b"\x1f\x8b":
            texts[str(relative)] = gzip.decompress(data).decode("utf-8", "replace")
        else:
            texts[str(relative)] = data.decode("utf-8", "replace")
    return texts


def test_no_name_score_or_motivation_reaches_the_site_the_pdfs_the_package_or_the_search_index(builds):
    _, result, _, _ = builds
    texts = readable(result.out)
    kinds = {name.split("/")[0] for name in texts}
    assert {"site", "pdf", "package"} <= kinds
    assert any("pagefind" in name and "fragment" in name for name in texts)  # the search index is read too
    flat = {name: re.sub(r"\s+", " ", text) for name, text in texts.items()}
    # what is read is the real text: a criterion's title is in the PDFs, the zip's PDFs and the search index
    for where in ("pdf/", ".zip!", "fragment"):
        assert any("Passende en effectieve hulp" in text for name, text in flat.items() if where in name), where
    leaks = [(secret, name) for secret in secrets() for name, text in flat.items() if secret in text]
    assert leaks == []
    # the scores: the totals of the evaluation (70,00 and 75,00) and its word for them appear nowhere
    for name, text in flat.items():
        assert "totaalscore 70,00" not in text and "75,00" not in text and "consensusscore 8" not in text, name


def test_a_build_keeps_what_bestek_gunning_wrote(builds):
    _, result, awarded, written = builds
    folder = result.out / "vertrouwelijk"
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == written
    assert awarded.folder == folder


def test_the_build_and_the_server_do_not_read_or_watch_the_evaluation(builds, tmp_path):
    _, result, _, _ = builds
    record = (result.out / ".bestek-record.json").read_text(encoding="utf-8")
    assert "vertrouwelijk" not in record  # neither an input read nor an output written
    project = result.out.parent
    assert not [p for p in watched_files(project) if "vertrouwelijk" in p.parts]
    again = build(project, package=True)
    assert again.unchanged  # build/vertrouwelijk/ is not taken for a changed output
