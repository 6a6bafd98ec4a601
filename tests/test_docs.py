"""Documentation stays true: every setting, block, reference and content file is documented."""
from __future__ import annotations

import re
import shutil

from generator.core.blocks import BLOCKS
from generator.core.config import OPTIONS
from generator.core.references import REFERENCES
from generator.load.project import DATA_FILES
from generator.pipeline import build
from generator.render.environment import document_kinds, make_environment

from .conftest import REPO


def test_every_config_option_is_documented():
    """docs/config.md has a row per option whose meaning is the option's own documentation (core/config.py)."""
    text = (REPO / "docs" / "config.md").read_text(encoding="utf-8")
    rows = {line.split(" | ")[0][3:-1]: line.rsplit(" | ", 1)[1][:-2] for line in text.splitlines()
            if line.startswith("| `")}
    assert sorted(rows) == sorted(option.key for option in OPTIONS)
    for option in OPTIONS:
        assert rows[option.key] == option.doc, f"docs/config.md and core/config.py differ on {option.key}"


def test_the_readme_module_table_is_made_from_the_docstrings():
    """README.md's module table is what scripts/module_table.py makes from the docstrings of generator/
    (after adding, moving or renaming a module: python scripts/module_table.py --write)."""
    from scripts.module_table import README, readme_with_table

    text = README.read_text(encoding="utf-8")
    assert readme_with_table(text) == text


def test_every_block_reference_and_file_is_documented():
    text = (REPO / "docs" / "content-model.md").read_text(encoding="utf-8")
    for block in BLOCKS:
        assert f"{{{{ {block}" in text, f"block {block} is missing from docs/content-model.md"
    for kind in REFERENCES:
        assert f"[[{kind}" in text, f"reference {kind} is missing from docs/content-model.md"
    for name in DATA_FILES:
        assert f"## {name}.yaml" in text, f"{name}.yaml is missing from docs/content-model.md"


def test_readme_opens_with_the_two_commands():
    lines = [line for line in (REPO / "README.md").read_text(encoding="utf-8").splitlines() if line.strip()]
    commands = [line for line in lines[:12] if line.startswith(("make ", "    make "))]
    assert [c.strip() for c in commands][:2] == ["make build", "make test"]


KIND_HEADING = re.compile(r"^## .*\(`([a-z0-9-]+)`\)$", re.MULTILINE)
MARKDOWN_EXAMPLE = re.compile(r"^```markdown\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def kind_sections() -> dict[str, str]:
    """docs/document-kinds.md: kind -> the text of its section."""
    text = (REPO / "docs" / "document-kinds.md").read_text(encoding="utf-8")
    headings = list(KIND_HEADING.finditer(text))
    return {m.group(1): text[m.end():headings[i + 1].start() if i + 1 < len(headings) else len(text)]
            for i, m in enumerate(headings)}


def test_every_document_kind_has_a_section_in_document_kinds_md():
    assert sorted(kind_sections()) == document_kinds(make_environment(REPO))


def test_the_document_kind_examples_build(tmp_path):
    """Each kind's Markdown example is a complete document: built inside a copy of the default project."""
    project = tmp_path / "project"
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "config.yaml", project / "config.yaml")
    sections = kind_sections()
    for kind, section in sections.items():
        example = MARKDOWN_EXAMPLE.search(section)
        assert example, f"the section of {kind} in docs/document-kinds.md has no ```markdown example"
        assert f"\nkind: {kind}\n" in example.group(1)
        (project / "content" / "documents" / f"voorbeeld-{kind}.md").write_text(example.group(1), encoding="utf-8")
    result = build(project, tmp_path / "out", pdf=False)
    assert result.warnings == ()
    for kind in sections:
        page = (tmp_path / "out" / "site" / "documenten" / f"voorbeeld-{kind}.html").read_text(encoding="utf-8")
        assert f'class="document document--{kind} ' in page


def test_docs_point_to_existing_examples():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert "docs/document-kinds.md" in readme
    for name in ("README.md", "docs/document-kinds.md", "docs/content-model.md"):
        for example in re.findall(r"examples/([a-z0-9-]+)/", (REPO / name).read_text(encoding="utf-8")):
            assert (REPO / "examples" / example / "config.yaml").is_file(), f"{name} names examples/{example}/"
