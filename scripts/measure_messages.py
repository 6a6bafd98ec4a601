"""The measure for issue 14's closing note: what Bestek says about the content mistakes its tests make.

    python scripts/measure_messages.py           # the figures, then the lists
    python scripts/measure_messages.py --json    # the same as JSON (tests/test_message_measure.py reads it)

A *mistake* is a project a test makes wrong, from two sources:

* every case of tests/hostile/*/case.yaml: its files laid over the small project of tests/conftest.py, with
  its setups (tests/test_hostile.py make_case), run through `check` (and, for a case with `pdf: true`,
  through `build` with PDFs too);
* every project the tests of TEST_MODULES pass to `generator.pipeline.check` or `build`, also through the
  command line (`bestek check` and `build` call them), when that call reports an error or a warning. The
  modules run under pytest with a plugin that wraps both functions; before each build it runs `check` on
  the same project, so every mistake has check's answer.

Per mistake, its *messages* are what `check` reports (errors and warnings). A mistake is
* *silent* when neither check nor build reports anything: the mistake would stay (must be none). A
  failing test whose projects all passed is counted as one: it expected a message that did not come;
* *build only* when check reports nothing but build does: something only rendering a PDF can find.

A message *names the fix* when it holds one of FIX_CUES: it says what to write, choose or do instead.
The lists show the distinct messages that do not (by their text without the position) and the silent
mistakes. A test module that fails is listed too: it may expect a message that no longer comes.
"""
from __future__ import annotations

import contextlib
import inspect
import json
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: the test modules that make mistakes and assert their messages (fast ones: no PDFs, no browser)
TEST_MODULES = (
    "tests/test_messages.py", "tests/test_never_silent.py", "tests/test_errors.py", "tests/test_rules.py",
    "tests/test_letters_and_scope.py", "tests/test_mechanisms.py", "tests/test_table_mechanisms.py",
    "tests/test_cli.py", "tests/test_links.py", "tests/hostile/test_content_hostile.py",
    "tests/hostile/test_review_findings.py", "tests/hostile/test_check_equals_build.py",
)
#: what makes a message name the fix (regular expressions on the message, lower case)
FIX_CUES = (
    r"\bschrijf\b", r"\bgebruik\b", r"\bbedoelt u\b", r"\bkies\b", r"\bvoeg\b.*\btoe\b", r"\bzet\b",
    r"\bverwijder\b", r"toegestaan: ", r"\(bekend: ", r"\bbekend zijn\b", r"\bvervang\b", r"\bverwijs\b",
    r"\bgeef\b", r"\bsla\b.*\bop\b", r"\bhaal\b.*\b(uit|weg)\b", r"\bvul\b.*\bin\b", r"\bnoem\b",
    r"\bverklein\b", r"\bsplits\b", r"\bhoud\b", r"\blaat\b.*\bweg\b", r"\bvermijd\b", r"\bmaak\b",
    r"\bneem\b.*\bover\b", r"\bherstel\b", r"\bvoer\b.*\buit\b", r"\bwel voor: ", r"\bfasen in de planning: ",
)
_FIX = re.compile("|".join(FIX_CUES))
_POSITION = re.compile(r"^(?:waarschuwing \(PDF\): )?[^\s:]+(?::\d+:\d+)?: (?:waarschuwing: )?")


def names_fix(message: str) -> bool:
    return _FIX.search(message.lower()) is not None


def without_position(message: str) -> str:
    return _POSITION.sub("", message, count=1)


@dataclass
class Mistake:
    source: str  # 'hostile/<case>' or the test's node id
    messages: list[str]  # what check reports
    build: list[str] | None = None  # what build reports, when it was run

    @property
    def silent(self) -> bool:
        return not self.messages and not self.build

    @property
    def build_only(self) -> bool:
        return not self.messages and bool(self.build)


def outcome(call, *args, **kwargs) -> tuple[list[str], str | None]:
    """(errors and warnings, other problem) of a pipeline call."""
    from generator.core.errors import BestekError, ContentErrors

    try:
        result = call(*args, **kwargs)
    except ContentErrors as errors:
        return errors.messages(), None
    except BestekError as error:
        return [], f"{type(error).__name__}: {error}"
    warnings = result[1] if isinstance(result, tuple) else result.warnings
    return [str(w) for w in warnings], None


def hostile_mistakes(work: Path) -> list[Mistake]:
    from generator.pipeline import build, check
    from tests.test_hostile import CASES, load_case, make_case

    found = []
    for name in CASES:
        folder = work / "hostile" / name
        folder.mkdir(parents=True)
        project = make_case(name, folder)
        messages, _ = outcome(check, project)
        built = outcome(build, project, folder / "uit", pdf=True)[0] if load_case(name).get("pdf") else None
        found.append(Mistake(f"hostile/{name}", messages, built))
    return found


@dataclass
class Recorder:
    """A pytest plugin: every call of check and build the tests make, with check's answer on its project."""

    records: list[dict[str, Any]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    test: str = ""

    def install(self) -> None:
        import generator.pipeline as pipeline

        real_check, real_build = pipeline.check, pipeline.build
        takes_out = "out" in inspect.signature(real_check).parameters

        def check(project_dir, *args, **kwargs):
            try:
                result = real_check(project_dir, *args, **kwargs)
            except Exception as error:
                self._record("check", error, None)
                raise
            self._record("check", result, None)
            return result

        def build(project_dir, out=None, *args, **kwargs):
            options = {"package": kwargs.get("package", False), **({"out": out} if takes_out else {})}
            checked = outcome(real_check, project_dir, **options)
            try:
                result = real_build(project_dir, out, *args, **kwargs)
            except Exception as error:
                self._record("build", error, checked)
                raise
            self._record("build", result, checked)
            return result

        pipeline.check, pipeline.build = check, build

    def _record(self, call: str, result: Any, checked: tuple[list[str], str | None] | None) -> None:
        from generator.core.errors import ContentErrors

        if isinstance(result, ContentErrors):
            reported = result.messages()
        elif isinstance(result, BaseException):
            return  # not about content: a usage or environment problem, or a defect
        else:
            reported = [str(w) for w in (result[1] if isinstance(result, tuple) else result.warnings)]
        self.records.append({"test": self.test, "call": call, "reported": reported,
                             "check": checked[0] if checked else reported})

    def pytest_runtest_logstart(self, nodeid: str, location: tuple) -> None:
        self.test = nodeid

    def pytest_runtest_logreport(self, report) -> None:
        if report.failed and report.nodeid not in self.failed:
            self.failed.append(report.nodeid)


def recorded_mistakes(work: Path) -> tuple[list[Mistake], list[str]]:
    import pytest

    recorder = Recorder()
    recorder.install()
    args = [*(str(ROOT / m) for m in TEST_MODULES if (ROOT / m).is_file()), "-q", "-p", "no:cacheprovider",
            "--basetemp", str(work / "pytest"), "-o", "addopts=", "--no-header", "--tb=no"]
    with contextlib.redirect_stdout(sys.stderr):  # pytest's report is not the measure's output
        pytest.main(args, plugins=[recorder])
    seen: set[tuple[str, tuple[str, ...]]] = set()
    found = []
    for record in recorder.records:
        key = (record["test"], tuple(record["check"]))
        if record["reported"] and key not in seen:
            seen.add(key)
            found.append(Mistake(record["test"], record["check"],
                                 record["reported"] if record["call"] == "build" else None))
    # a test that failed although every project it checked passed expected a message that did not come
    for test in recorder.failed:
        calls = [r for r in recorder.records if r["test"] == test]
        if calls and not any(r["reported"] for r in calls):
            found.append(Mistake(test, [], []))
    return found, recorder.failed


def measure() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bestek-measure-") as folder:
        work = Path(folder)
        mistakes = hostile_mistakes(work)
        recorded, failed = recorded_mistakes(work)
    mistakes += recorded
    messages: dict[str, str] = {}  # text without position -> one message as shown
    for mistake in mistakes:
        for message in mistake.messages:
            messages.setdefault(without_position(message), message)
    no_fix = sorted(shown for text, shown in messages.items() if not names_fix(text))
    return {
        "mistakes": len(mistakes),
        "hostile cases": sum(m.source.startswith("hostile/") for m in mistakes),
        "from tests": len(recorded),
        "with a message": sum(bool(m.messages) for m in mistakes),
        "silent": [m.source for m in mistakes if m.silent],
        "build only": [f"{m.source}: {m.build[0] if m.build else ''}" for m in mistakes if m.build_only],
        "messages": len(messages),
        "messages naming the fix": len(messages) - len(no_fix),
        "messages without a fix": no_fix,
        "failed tests": failed,
    }


def main(argv: list[str]) -> int:
    result = measure()
    if "--json" in argv:
        print(json.dumps(result, ensure_ascii=False, indent=1))
        return 0
    print(f"mistakes: {result['mistakes']} ({result['hostile cases']} hostile cases, {result['from tests']} "
          f"projects from {len(TEST_MODULES)} test modules)")
    print(f"mistakes with a message from check: {result['with a message']}")
    print(f"reported by build only (check renders no PDFs): {len(result['build only'])}")
    print(f"silent (neither check nor build reports them): {len(result['silent'])}")
    print(f"distinct messages: {result['messages']}, naming the fix: {result['messages naming the fix']}, "
          f"without: {len(result['messages without a fix'])}")
    for title in ("silent", "build only", "messages without a fix", "failed tests"):
        if result[title]:
            print(f"\n{title}:")
            for line in result[title]:
                print(f"  {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
