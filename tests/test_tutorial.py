"""docs/eerste-aanbesteding.md, the tutorial "Je eerste aanbesteding in Bestek", done as an officer would: every
command of its console blocks runs in a fresh folder (bestek serve on a free port, until it shows the site), every
"verander in `FILE` de regel `OLD` in `NEW`" is made in the file, and what the page shows as Bestek's answer must be
what Bestek answers. The comment example is checked with a comment added to the Word copy. Slow: a dozen processes."""
from __future__ import annotations

import datetime
import os
import re
import shlex
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import docx

from .conftest import REPO

TUTORIAL = REPO / "docs" / "eerste-aanbesteding.md"
BIN = Path(sys.executable).parent
EDIT = re.compile(r"verander in `([^`]+)` de regel\s+`([^`]+)` in `([^`]+)`", re.IGNORECASE)
BLOCK = re.compile(r"^```console\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def steps(text: str) -> list[tuple]:
    """('edit', file, old, new) and ('run', command, expected lines), in the order of the page."""
    found = [(m.start(), ("edit", *m.groups())) for m in EDIT.finditer(text)]
    for block in BLOCK.finditer(text):
        commands: list[tuple] = []
        for line in block.group(1).splitlines():
            if line.startswith("$ "):
                commands.append(("run", line[2:], []))
            elif commands:
                commands[-1][2].append(line)
        found += [(block.start() + i, command) for i, command in enumerate(commands)]
    return [step for _, step in sorted(found, key=lambda f: f[0])]


def serve(cwd: Path, env: dict, expected: list[str]) -> None:
    """`bestek serve` on a free port: it says where the site is, the site answers, Ctrl+C stops it."""
    process = subprocess.Popen([str(BIN / "bestek"), "serve", "--port", "0", "--no-pdf"], cwd=cwd, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline, lines = time.monotonic() + 60, []
        while time.monotonic() < deadline and not any("toont de website op" in line for line in lines):
            lines.append(process.stdout.readline())
        shown = next(line for line in lines if "toont de website op" in line)
        url = re.search(r"http://127\.0\.0\.1:\d+/", shown).group()
        assert re.sub(r":\d+/", ":8000/", shown.strip()) == expected[0]
        with urllib.request.urlopen(url + "documenten/aanbestedingsleidraad.html", timeout=30) as page:
            assert "Aanbestedingsleidraad" in page.read().decode("utf-8")
    finally:
        process.send_signal(2)
        process.wait(timeout=30)


def test_the_tutorial_as_an_officer_does_it(tmp_path):
    text = TUTORIAL.read_text(encoding="utf-8")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    cwd, ran = tmp_path, []
    for step in steps(text):
        if step[0] == "edit":
            path = cwd / step[1]
            content = path.read_text(encoding="utf-8")
            assert content.count(step[2]) == 1, f"{step[1]} has no single line '{step[2]}'"
            path.write_text(content.replace(step[2], step[3]), encoding="utf-8")
            continue
        command, expected = step[1], step[2]
        ran.append(command)
        if command.startswith("cd "):
            cwd = cwd / command[3:]
            continue
        if command == "bestek serve":
            serve(cwd, env, expected)
            continue
        result = subprocess.run(shlex.split(command), cwd=cwd, env=env, capture_output=True, text=True, timeout=300,
                                check=False)
        shown = (result.stdout + result.stderr).replace(f"{cwd}/", "").splitlines()
        assert result.returncode == (1 if any("gevonden." in line for line in expected) else 0), (command, shown)
        position = 0
        for line in expected:  # each line the page shows, in order, begins a line Bestek printed
            position = next((i for i in range(position, len(shown)) if shown[i].startswith(line)), -1) + 1
            assert position, f"{command}: the tutorial shows {line!r}, Bestek printed {shown}"
    assert ran[0].startswith("bestek new") and "bestek serve" in ran and "bestek export --docx" in ran
    assert "4 jaar met 2 opties tot verlenging van 1 jaar (maximaal 6 jaar)" in \
        (cwd / "build" / "site" / "documenten" / "aanbestedingsleidraad.html").read_text(encoding="utf-8")
    check_comment_example(text, cwd, env)


def check_comment_example(text: str, project: Path, env: dict) -> None:
    """The example line of a comment is what `bestek opmerkingen` prints for that comment (but for its date)."""
    example = next(line for line in text.splitlines() if line.startswith("content/documents/") and '"' in line)
    author, remark = re.search(r"\[([^,]+), [^\]]+\] \"([^\"]+)\"", example).groups()
    anchor = re.search(r'bij "(.+?)\.\.\."', example).group(1)
    copy = project / "build" / "docx" / "aanbestedingsleidraad.docx"
    document = docx.Document(str(copy))
    paragraph = next(p for p in document.paragraphs if p.text.startswith(anchor))
    document.add_comment(paragraph.runs, text=remark, author=author)
    document.save(str(copy))
    result = subprocess.run([str(BIN / "bestek"), "opmerkingen", str(copy)], cwd=project, env=env,
                            capture_output=True, text=True, timeout=120, check=True)
    today = datetime.date.today()
    months = "januari februari maart april mei juni juli augustus september oktober november december".split()
    assert result.stdout.splitlines()[0] == example.replace("3 maart", f"{today.day} {months[today.month - 1]}")
