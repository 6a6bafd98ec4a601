"""The sandbox of a project's own templates, with limits: no template may hang or exhaust the build.

Jinja's `SandboxedEnvironment` keeps a template from reaching Python internals; `LimitedSandbox`
adds what it leaves open (nested loops, `10**(10**9)`, `"x" * 10**10`):

* `range()` gives at most MAX_RANGE numbers;
* `**` refuses results of more than MAX_BITS bits, `*` texts and lists of more than MAX_SIZE items,
  `%` and `format` refuse field widths of seven digits or more;
* every call (functions, methods, filters) refuses numbers above MAX_ARGUMENT as arguments and
  results longer than MAX_SIZE; so does every `~` concatenation (the parse tree is rewritten so that
  each concatenation and each `{% for %}` loop passes through the environment);
* a render has a wall-clock budget of TIME_LIMIT seconds, checked on every loop step, call,
  attribute access and operator, so it works in any thread (bestek serve builds in one);
* the whole output of a render may be at most MAX_OUTPUT characters (render_checked).

A limit raises `TemplateLimit` with a Dutch message; templating.py gives it the position of the
project template that was running. `render_checked` also records, for every piece of output, which
template and line made it, so that templating.py can check and place the HTML of project templates.
"""
from __future__ import annotations

import functools
import re
import time
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from jinja2 import nodes
from jinja2.environment import Template
from jinja2.sandbox import SandboxedEnvironment
from jinja2.visitor import NodeTransformer

#: bump when _Rewrite changes: compiled templates are cached per version (render.py)
SANDBOX_VERSION = 1
MAX_RANGE = 10_000
MAX_BITS = 100_000
MAX_SIZE = 20 * 1024 * 1024
MAX_ARGUMENT = 1_000_000
MAX_OUTPUT = 20 * 1024 * 1024
TIME_LIMIT = 20.0
_WIDE_FIELD = re.compile(r"\d{7,}")


class TemplateLimit(Exception):
    """A project template went past one of the limits; the message is Dutch."""


def _too_slow() -> TemplateLimit:
    return TemplateLimit(f"het sjabloon doet er langer dan {TIME_LIMIT:g} seconden over; vermijd lussen in lussen "
                         "over grote reeksen en maak de berekening eenvoudiger")


def _too_big(what: str = "een tekst of lijst") -> TemplateLimit:
    return TemplateLimit(f"het sjabloon maakt {what} van meer dan {MAX_SIZE // (1024 * 1024)} MiB; maak hem kleiner")


@dataclass
class _Render:
    """The state of one render: its deadline, its output pieces and where each came from."""

    deadline: float
    starts: list[int] = field(default_factory=list)
    origins: list[tuple[Template, int]] = field(default_factory=list)
    origin: tuple[Template, int] | None = None
    size: int = 0


class _Rewrite(NodeTransformer):
    """Every loop and every concatenation passes through the environment, which checks its limits."""

    def visit_For(self, node: nodes.For) -> nodes.Node:  # Jinja's visitor names
        self.generic_visit(node)
        node.iter = nodes.Call(nodes.EnvironmentAttribute("checked_iter"), [node.iter], [], None, None,
                               lineno=node.iter.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Call(nodes.EnvironmentAttribute("checked_value"), [node], [], None, None, lineno=node.lineno)


class TaggedTemplate(Template):
    """A template whose render functions note, for each piece of output, the template and line."""

    environment: LimitedSandbox  # the template class of LimitedSandbox only

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):  # Jinja's
        template = super()._from_namespace(environment, namespace, globals)
        template.root_render_func = _tagging(template.root_render_func, template)
        template.blocks = {name: _tagging(block, template) for name, block in template.blocks.items()}
        return template


def _tagging(function, template: Template):
    @functools.wraps(function)
    def tagged(context):
        generator = function(context)
        state = getattr(template.environment, "render_state", None)
        for piece in generator:
            if state is not None and state.origin is None:
                frame = generator.gi_frame  # suspended at the yield that made this piece
                state.origin = (template, frame.f_lineno if frame is not None else 0)
            yield piece
    return tagged


class _CheckedFilters(dict):
    """The environment's filters, each wrapped in the checks of a call when it is looked up."""

    def __getitem__(self, name: str) -> Any:
        return _checked_filter(super().__getitem__(name))

    def get(self, name: str, default: Any = None) -> Any:
        return self[name] if name in self else default


@functools.cache
def _checked_filter(function):
    skip = 2 if getattr(function, "jinja_pass_arg", None) is not None else 1  # the context and the value

    @functools.wraps(function)
    def checked(*args, **kwargs):
        _check_arguments(args[skip:], kwargs)
        return _check_size(function(*args, **kwargs))
    return checked


def _check_arguments(args: Iterable[Any], kwargs: dict[str, Any]) -> None:
    for value in (*args, *kwargs.values()):
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_ARGUMENT:
            raise TemplateLimit("het sjabloon geeft een te groot getal door aan een functie of filter (meer dan "
                                f"{MAX_ARGUMENT:_}); gebruik kleinere getallen".replace("_", "."))


def _check_size(value: Any) -> Any:
    if isinstance(value, (str, list, tuple, bytes)) and len(value) > MAX_SIZE:
        raise _too_big()
    return value


class LimitedSandbox(SandboxedEnvironment):
    """Jinja's sandbox with the limits of the module doc."""

    template_class = TaggedTemplate
    intercepted_binops = frozenset({"**", "*", "%", "+"})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters = _CheckedFilters(self.filters)
        self.globals["range"] = self._range
        self.render_state: _Render | None = None

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        return _Rewrite().visit(super()._parse(source, name, filename))

    # --- the checks, called from compiled templates ---

    def tick(self) -> None:
        state = self.render_state
        if state is not None and time.monotonic() > state.deadline:
            raise _too_slow()

    def _range(self, *args: int) -> Iterable[int]:
        numbers = range(*args)
        if len(numbers) > MAX_RANGE:
            raise TemplateLimit(f"het sjabloon vraagt een reeks van {len(numbers):_} getallen (range); het maximum "
                                f"is {MAX_RANGE:_}; maak de reeks kleiner".replace("_", "."))
        return numbers

    def checked_iter(self, iterable: Any) -> Iterator[Any]:
        self.tick()
        for item in iterable:
            self.tick()
            yield item

    def checked_value(self, value: Any) -> Any:
        self.tick()
        return _check_size(value)

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        self.tick()
        if operator == "**" and _number(left) and _number(right):
            if abs(left) > 1 and right > 0 and right * max(abs(left), 2).bit_length() > MAX_BITS:
                raise TemplateLimit("het sjabloon rekent een te grote macht uit (**); gebruik kleinere getallen")
        elif operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(count, int) \
                        and len(sequence) * count > MAX_SIZE:
                    raise _too_big()
            if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_BITS:
                raise TemplateLimit("het sjabloon rekent met te grote getallen (*); gebruik kleinere getallen")
        elif operator == "%" and isinstance(left, str) and _WIDE_FIELD.search(left):
            raise _too_big("een veld")
        try:
            return _check_size(super().call_binop(context, operator, left, right))
        except OverflowError as error:
            raise TemplateLimit("het sjabloon rekent met te grote getallen; gebruik kleinere getallen") from error

    def wrap_str_format(self, value: Any) -> Any:
        """`'...'.format(...)` and `format_map`: Jinja 3.1 sandboxes them here (the older format_string hook is
        gone), so the field-width limit of `%` holds for them too: '{:9999999}'.format(1) would make a 10 MB
        string from one character."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None and isinstance(value.__self__, str) and _WIDE_FIELD.search(value.__self__):
            raise _too_big("een veld")
        return wrapped

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # Jinja's
        __self.tick()
        _check_arguments(args, kwargs)
        return _check_size(super().call(__context, __obj, *args, **kwargs))

    def getattr(self, obj: Any, attribute: str) -> Any:
        self.tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        self.tick()
        return super().getitem(obj, argument)


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


@dataclass(frozen=True)
class Rendered:
    """The output of a render and, for each piece of it, the template and the line of compiled code
    that made it (`origin_at`)."""

    html: str
    starts: list[int]
    origins: list[tuple[Template, int]]

    def origin_at(self, offset: int) -> tuple[Template, int] | None:
        index = bisect_right(self.starts, offset) - 1
        return self.origins[index] if index >= 0 else None

    def origins_between(self, start: int, end: int) -> list[tuple[Template, int]]:
        first = max(bisect_right(self.starts, start) - 1, 0)
        last = bisect_right(self.starts, max(end - 1, start))
        return self.origins[first:last]


def render_checked(template: TaggedTemplate, context: dict[str, Any]) -> Rendered:
    """Render with the limits on; raises TemplateLimit (for the time and output limits with the
    template of the last piece as `origin`)."""
    env = template.environment
    state = _Render(time.monotonic() + TIME_LIMIT)
    previous, env.render_state = env.render_state, state
    pieces: list[str] = []
    try:
        for piece in template.root_render_func(template.new_context(context)):
            state.starts.append(state.size)
            state.origins.append(state.origin or (template, 0))
            state.origin = None
            pieces.append(piece)
            state.size += len(piece)
            if state.size > MAX_OUTPUT:
                raise OutputLimit(state.origins[-1])
    except OutputLimit:
        raise
    except Exception:  # Jinja rewrites the traceback so that it names the template's lines
        env.handle_exception()
    finally:
        env.render_state = previous
    return Rendered("".join(pieces), state.starts, state.origins)


class OutputLimit(Exception):
    """The output of one render grew past MAX_OUTPUT; `origin` made the last piece."""

    def __init__(self, origin: tuple[Template, int]):
        super().__init__("output limit")
        self.origin = origin
        self.message = (f"het sjabloon maakt een pagina van meer dan {MAX_OUTPUT // (1024 * 1024)} MiB; maak de "
                        "uitvoer kleiner")
