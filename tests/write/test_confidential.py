"""write/confidential.py: build/vertrouwelijk/ is made readable by the owner only, replaced as a whole, and never
at the cost of a file someone else put there (issue 16)."""
from __future__ import annotations

import fcntl
import os
import stat

import pytest

from generator.core.errors import UsageError
from generator.write.confidential import MANIFEST, write_confidential
from generator.write.output import MARKER, MARKER_TEXT, OutputBusy
from tests.conftest import write_project

FILES = {"gunningsbeslissing-alfa.pdf": b"%PDF alfa", "proces-verbaal.pdf": b"%PDF pv", "gunning.json": b"{}\n"}


@pytest.fixture
def project(tmp_path):
    return write_project(tmp_path / "project", {})


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_the_folder_is_0700_and_its_files_0600_whatever_the_umask(project):
    old = os.umask(0)
    try:
        folder = write_confidential(project / "build", FILES, project)
    finally:
        os.umask(old)
    assert folder == project / "build" / "vertrouwelijk"
    assert mode(folder) == 0o700
    assert {p.name: mode(p) for p in folder.iterdir()} == dict.fromkeys([*FILES, MANIFEST], 0o600)
    assert (folder / "gunningsbeslissing-alfa.pdf").read_bytes() == b"%PDF alfa"
    assert (project / "build" / MARKER).is_file()  # a later build may replace build/


def test_a_second_run_replaces_what_the_first_wrote(project):
    write_confidential(project / "build", FILES, project)
    folder = write_confidential(project / "build", {"proces-verbaal.pdf": b"%PDF nieuw"}, project)
    assert sorted(p.name for p in folder.iterdir()) == [MANIFEST, "proces-verbaal.pdf"]
    assert (folder / "proces-verbaal.pdf").read_bytes() == b"%PDF nieuw"
    assert not [p for p in (project / "build").iterdir() if p.name.startswith(".vertrouwelijk.")]


def test_a_file_someone_added_or_changed_is_never_deleted(project):
    folder = write_confidential(project / "build", FILES, project)
    (folder / "ondertekend.pdf").write_bytes(b"%PDF handtekening")
    with pytest.raises(UsageError) as caught:
        write_confidential(project / "build", FILES, project)
    assert str(caught.value) == (
        f"in '{folder}' staan bestanden die sinds 'bestek gunning' zijn toegevoegd of gewijzigd (ondertekend.pdf); "
        "Bestek vervangt deze map in haar geheel en verwijdert nooit uw bestanden: verplaats ze (een ondertekende "
        "brief hoort in het dossier) en probeer het opnieuw")
    (folder / "ondertekend.pdf").unlink()
    (folder / "proces-verbaal.pdf").write_bytes(b"%PDF aangevuld")
    with pytest.raises(UsageError):
        write_confidential(project / "build", FILES, project)
    assert (folder / "proces-verbaal.pdf").read_bytes() == b"%PDF aangevuld"


def test_a_folder_without_the_manifest_is_not_bestek_gunnings(project):
    (project / "build" / "vertrouwelijk").mkdir(parents=True)
    (project / "build" / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
    (project / "build" / "vertrouwelijk" / "notities.txt").write_text("van mij")
    with pytest.raises(UsageError) as caught:
        write_confidential(project / "build", FILES, project)
    assert str(caught.value) == (
        f"in '{project / 'build' / 'vertrouwelijk'}' staan bestanden die 'bestek gunning' daar niet schreef "
        "(notities.txt); Bestek vervangt deze map in haar geheel en verwijdert nooit uw bestanden: verplaats ze en "
        "probeer het opnieuw")
    assert (project / "build" / "vertrouwelijk" / "notities.txt").read_text() == "van mij"


def test_an_output_folder_that_is_not_bestek_s_is_refused(project):
    (project / "build").mkdir()
    (project / "build" / "eigen.txt").write_text("van mij")
    with pytest.raises(UsageError) as caught:
        write_confidential(project / "build", FILES, project)
    assert str(caught.value) == (
        f"de uitvoermap '{project / 'build'}' is niet leeg en niet door Bestek gemaakt (er staat geen .bestek-build in, "
        "wel eigen.txt); kies met --out de uitvoermap van uw builds of een nieuwe map")
    assert sorted(p.name for p in (project / "build").iterdir()) == ["eigen.txt"]


def test_it_waits_for_no_build_and_refuses_the_project_folder(project):
    (project / "build").mkdir()
    fd = os.open(project / ".build.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(OutputBusy) as caught:
            write_confidential(project / "build", FILES, project)
        assert str(caught.value) == (f"er loopt al een build naar '{project / 'build'}'; wacht tot die klaar is en "
                                     "probeer het dan opnieuw (vergrendeld via .build.lock)")
    finally:
        os.close(fd)
    with pytest.raises(UsageError):
        write_confidential(project, FILES, project)
