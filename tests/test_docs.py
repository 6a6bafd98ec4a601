"""Documentation stays true: every setting, block, reference and content file is documented."""
from __future__ import annotations

from generator.config import OPTIONS
from generator.load import DATA_FILES
from generator.schemas import BLOCKS, REFERENCES

from .conftest import REPO


def test_every_config_option_is_documented():
    text = (REPO / "docs" / "config.md").read_text(encoding="utf-8")
    for option in OPTIONS:
        assert f"`{option.key}`" in text, f"config option {option.key} is missing from docs/config.md"


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
