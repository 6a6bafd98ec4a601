"""The message kinds of Bestek: every Dutch message the code can give, found by an AST scan of generator/.

    python scripts/message_kinds.py     # file:line, [key] and skeleton of every kind

Messages are found where they are given: the arguments of *sinks* (`errors.add(path, line, col, ...)`, `errors.warn`,
`append` and `extend` on lists named like COLLECTORS; the callees of SINK_NAMES such as `report`; `ContentError`,
`ContentErrors`, `print`; the constructor of every exception named like EXCEPTION or derived from one, and its
`super().__init__`), what is assigned to MESSAGE_VARIABLES or added with `+=` to such a list, the return values of
*producers* (functions named like PRODUCER: `*_problem`, `unknown`), the values of *tables* (named like TABLE:
`REGEX_HINTS`) and the `message:` entries of rules.yaml. Each is followed to its text through variables (assignments,
unpacking, loops over tables), constants, imports, `if`/`or`/`+`, `.format()`, and into the functions of generator/
it calls, with the call's arguments. A function whose parameter is the message (`report(..., message)`) makes its
calls sinks; a message that starts with a variable (`f"{what}: van ..."`) takes each of the at most MAX_LEADS words
it can be. Values known only when Bestek runs are holes, `…`. Only Dutch texts count: with a word of DUTCH, or with
words but none of ENGLISH (the English texts of generator/ are for developers).

A kind's key: the first KEY_TOKENS words and holes of its skeleton, lower case, without quotes, punctuation and
`waarschuwing:`. docs/meldingen.md names every kind by its skeleton; tests/test_meldingen.py compares the two.
"""
from __future__ import annotations

import ast
import re
from collections import namedtuple
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"
RULES_YAML = GENERATOR / "validate" / "rules.yaml"

#: callees (without leading underscores) whose Dutch arguments are messages, with their least number of arguments
SINK_NAMES = {"report": 1, "refuse": 1, "failed": 1, "fail": 1, "error": 1, "problem": 1}
EXCEPTION = re.compile(r"(Error|Errors|Problem|Limit|Busy|Refused|Unavailable|Exception|Warning)$")
COLLECTORS = re.compile(r"(errors|warnings|problems|messages)$")
MESSAGE_VARIABLES = re.compile(r"^_?(message|problem)$")
PRODUCER = re.compile(r"(problem|problems|message|messages|reason|warning|warnings|^unknown)$")
TABLE = re.compile(r"_(HINTS|PROBLEMS|MESSAGES|REASONS)$")
#: functions whose output is no message: (file, function) -> why
NOT_MESSAGES = {("generator/cli.py", "print_rules"): "the listing of `bestek rules`"}
#: a text is Dutch when it holds one of these words (Bestek's English texts use none of them)
DUTCH = frozenset("""de het een en van voor met op niet geen moet mag heeft hebben bestaat bestaan onbekend onbekende
    ontbreekt ontbreken staat staan fout fouten gevonden klaar orde gewijzigd gestopt afgebroken bijgewerkt waarschuwing
    bestand map kan kunnen wordt worden zijn dit deze die er naar bij als ook nog maar zoals schrijf gebruik verwijder
    zet kies bevat bevatten te verwacht tekst waarde lijst leeg hier geef voeg toe tussen mist uit alleen kon lukt
    niets sinds toont aanbestedingspakket verwijst ligt hoort dat wat eerder twee keer binnen onverwacht ongeldig
    ongeldige verplicht dubbel toegestaan opdracht teken vóór hij begint eindigt""".split())
ENGLISH = frozenset("the not of was has no names unknown available limit output entry rendered checked by stage object "
                    "undefined attribute unsafe unexpected expected encountered got named tag template".split())
KEY_TOKENS, MAX_LEADS, HOLE = 8, 6, "…"
_TOKEN = re.compile(r"…|[0-9a-zà-ÿ]+(?:['.-][0-9a-zà-ÿ]+)*")
_FIELD = re.compile(r"\{[^{}]*\}")
_NUMBERED_FIELD = re.compile(r"(?<!\{)\{[0-9]?\}")  # '{0}', '{}': a constant that is a str.format template
_DEPTH, _FUNCTIONS = 12, (ast.FunctionDef, ast.AsyncFunctionDef)


#: a kind of message: its key, its skeleton and the first place (file, line) that gives it
Kind = namedtuple("Kind", "key skeleton path line")


def key_of(skeleton: str) -> str:
    tokens = " ".join(_TOKEN.findall(skeleton.strip().lower().removeprefix("waarschuwing:").replace("...", HOLE)))
    return " ".join(re.sub(f"{HOLE}( {HOLE})+", HOLE, tokens).split()[:KEY_TOKENS])


#: a place; a value known only at run time (`expr`); a parameter; a text (literal parts and holes). resolve() and
#: its helpers give what an expression can be: a list of Texts and Params.
Scope = namedtuple("Scope", "module function")
Hole = namedtuple("Hole", "expr scope", defaults=(None, None))
Param = namedtuple("Param", "name function")
Text = namedtuple("Text", "parts path line")


class Module:
    def __init__(self, path: Path, rel: str):
        self.rel, self.name = rel, rel[:-3].replace("/", ".").removesuffix(".__init__")
        self.tree = ast.parse(path.read_text(encoding="utf-8"), rel)
        # child -> parent, node -> the function it is in, function name -> its definitions, alias -> (module, name
        # or None: the module), callee name -> the calls by that name
        self.parent, self.function_of, self.functions, self.imports, self.calls = {}, {}, {}, {}, {}  # type: ignore
        stack: list[tuple[ast.AST, ast.FunctionDef | None]] = [(self.tree, None)]
        while stack:
            node, function = stack.pop()
            self.function_of[node] = function
            for child in ast.iter_child_nodes(node):
                self.parent[child] = node
                stack.append((child, node if isinstance(node, _FUNCTIONS) else function))  # type: ignore[arg-type]
            if isinstance(node, ast.Call):
                self.calls.setdefault(_name(node.func), []).append(node)
            elif isinstance(node, _FUNCTIONS):
                self.functions.setdefault(node.name, []).append(node)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                for alias in node.names:
                    self.imports[alias.asname or alias.name] = \
                        (node.module or "", alias.name) if isinstance(node, ast.ImportFrom) else (alias.name, None)
        self.constants = {t.id: s.value for s in self.tree.body if isinstance(s, (ast.Assign, ast.AnnAssign))
                          and s.value for t in (s.targets if isinstance(s, ast.Assign) else [s.target])
                          if isinstance(t, ast.Name)}


def _name(expr: ast.expr | None) -> str:
    return expr.id if isinstance(expr, ast.Name) else expr.attr if isinstance(expr, ast.Attribute) else ""


class Scanner:
    def __init__(self, package: Path):
        found = (Module(path, path.relative_to(package.parent).as_posix()) for path in sorted(package.rglob("*.py")))
        self.modules = {module.name: module for module in found}
        self.wrappers, self._active = {}, set()  # wrappers: (function, parameter) -> (module, function); calls followed
        self.exceptions: set[str] = set()  # the exception classes of generator/, also derived indirectly
        classes = [c for m in self.modules.values() for c in ast.walk(m.tree) if isinstance(c, ast.ClassDef)]
        while found := {c.name for c in classes if any(self.is_exception(_name(b)) for b in c.bases)} - self.exceptions:
            self.exceptions |= found

    def is_exception(self, name: str) -> bool:
        return EXCEPTION.search(name) is not None or name in self.exceptions

    def constant(self, module: Module, name: str) -> tuple[Module, ast.expr] | None:  # its own, or imported
        origin = module.imports.get(name, ("", ""))
        target = module if name in module.constants else self.modules.get(origin[0])
        name = name if target is module else origin[1] or ""
        return (target, target.constants[name]) if target and name in target.constants else None

    def functions(self, call: ast.Call, scope: Scope) -> list[tuple[Module, ast.FunctionDef]]:  # a call may run
        func, module, target, name = call.func, scope.module, None, _name(call.func)
        if isinstance(func, ast.Name) and name in module.functions:
            return [(module, f) for f in module.functions[name]]
        if isinstance(func, ast.Attribute) and _name(func.value) in ("self", "cls"):
            return [(module, f) for f in module.functions.get(name, [])]
        origin = module.imports.get(_name(func.value) if isinstance(func, ast.Attribute) else name)
        if isinstance(func, ast.Name) and origin and origin[1]:
            target, name = self.modules.get(origin[0]), origin[1]
        elif isinstance(func, ast.Attribute) and origin:
            target = self.modules.get(f"{origin[0]}.{origin[1]}" if origin[1] else origin[0])
        return [(target, f) for f in target.functions.get(name, []) if f in target.tree.body] if target else []

    # --- an expression's texts ---

    def resolve(self, expr: ast.expr | None, scope: Scope, depth: int = 0) -> list:
        if expr is None or depth > _DEPTH:
            return []
        more, rel, line = depth + 1, scope.module.rel, getattr(expr, "lineno", 0)
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return [Text(tuple(_format_parts(expr.value) if _NUMBERED_FIELD.search(expr.value) else [expr.value]),
                         rel, line)]
        if isinstance(expr, ast.JoinedStr):
            return [Text(tuple(v.value if isinstance(v, ast.Constant) else Hole(v.value, scope)  # type: ignore
                               for v in expr.values), rel, line)]
        if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Add):
            rights = self.texts(expr.right, scope, depth)  # a tail is one text, or a hole: '...' + (x if y else '')
            tail = rights[0].parts if len(rights) == 1 else (Hole(),)
            return [Text(a.parts + tail, a.path, a.line) for a in self.texts(expr.left, scope, depth)]
        if isinstance(expr, (ast.BinOp, ast.NamedExpr)):  # 'text %s' % x, (x := text)
            return self.resolve(expr.left if isinstance(expr, ast.BinOp) else expr.value, scope, more)
        if isinstance(expr, (ast.IfExp, ast.BoolOp, ast.List, ast.Tuple, ast.Set, ast.ListComp, ast.GeneratorExp)):
            values = [expr.body, expr.orelse] if isinstance(expr, ast.IfExp) else expr.values if isinstance(
                expr, ast.BoolOp) else [expr.elt] if isinstance(expr, (ast.ListComp, ast.GeneratorExp)) else expr.elts
            return [t for value in values for t in self.resolve(value, scope, more)]
        if isinstance(expr, ast.Name):
            return self.resolve_name(expr.id, scope, depth)
        if isinstance(expr, ast.Subscript):
            index = expr.slice.value if isinstance(expr.slice, ast.Constant) else None
            if isinstance(index, int):
                return self.resolve_index(expr.value, (index,), scope, depth)
            table = self.node(expr.value, scope)  # TABLE[key]: any of its values
            values = table.values if isinstance(table, ast.Dict) else []
            return [t for v in values if v for t in self.resolve(v, scope, more)]
        return self.resolve_call(expr, scope, depth) if isinstance(expr, ast.Call) else []

    def texts(self, expr: ast.expr, scope: Scope, depth: int) -> list[Text]:  # resolve, with no text as a hole
        found = [t for t in self.resolve(expr, scope, depth + 1) if isinstance(t, Text)]
        return found or [Text((Hole(expr, scope),), scope.module.rel, getattr(expr, "lineno", 0))]

    def resolve_call(self, call: ast.Call, scope: Scope, depth: int) -> list:
        func, name, more = call.func, _name(call.func), depth + 1
        if isinstance(func, ast.Attribute) and name in ("replace", "strip", "rstrip", "lstrip", "removeprefix"):
            return self.resolve(func.value, scope, more)
        if isinstance(func, ast.Attribute) and name == "format":
            return [Text(tuple(p for part in t.parts for p in _format_parts(part)), t.path, t.line)
                    for t in self.texts(func.value, scope, depth) if not _blank(t)]
        if isinstance(func, ast.Attribute) and name == "get" and isinstance(func.value, ast.Dict):
            return [t for v in [*func.value.values, *call.args[1:]] for t in self.resolve(v, scope, more)]
        if name in ("str", "printable") or self.is_exception(name) or name == "ContentError":
            return [t for arg in call.args for t in self.resolve(arg, scope, more)]
        found: list = []
        for module, function in self.functions(call, scope):
            if (marker := (id(function), id(call))) in self._active:
                continue
            self._active.add(marker)
            for result in (r for ret in _returns(function) for r in self.resolve(ret, Scope(module, function), more)):
                if isinstance(result, Param) and result.function is function:  # a parameter: the call's argument
                    found += self.resolve(_argument(call, function, result.name), scope, more)
                else:
                    found.append(result)
            self._active.discard(marker)
        return found

    def resolve_name(self, name: str, scope: Scope, depth: int) -> list:
        function = scope.function
        while function is not None:
            if bindings := _bindings(function, name):
                return [t for value, index in bindings for t in self.resolve_index(value, index, scope, depth)]
            if name in [a.arg for a in (*function.args.posonlyargs, *function.args.args, *function.args.kwonlyargs)]:
                return [Param(name, function)]
            function = scope.module.function_of.get(function)
        found = self.constant(scope.module, name)
        return self.resolve(found[1], Scope(found[0], None), depth + 1) if found else []

    def resolve_index(self, value: ast.expr, index: tuple[int, ...], scope: Scope, depth: int) -> list:
        """The texts of element `index` of `value`; () is all of it, -1 each item (`for a, b in value`)."""
        node, rest, more = self.node(value, scope), index[1:], depth + 1
        if not index:
            return self.resolve(value, scope, more)
        if index[0] == -1 and isinstance(value, ast.Call) and _name(value.func) in ("items", "values"):
            table = self.node(value.func.value, scope) if isinstance(value.func, ast.Attribute) else None
            items = [] if not isinstance(table, ast.Dict) else table.values if _name(value.func) == "values" else \
                [ast.Tuple([k, v]) for k, v in zip(table.keys, table.values, strict=True) if k]
        elif isinstance(node, (ast.List, ast.Tuple)):
            items = node.elts if index[0] == -1 else node.elts[index[0]:index[0] + 1]
        elif index[0] == -1:
            return [] if rest else self.resolve(value, scope, more)  # `for x in f()`: what f gives
        elif isinstance(value, ast.Name) and scope.function:  # x = f(); x[1]
            return [t for bound, at in _bindings(scope.function, value.id)
                    for t in self.resolve_index(bound, (*at, *index), scope, more)]
        else:  # a, b = f(): the element of what f returns
            called = self.functions(value, scope) if isinstance(value, ast.Call) else []
            return [t for module, function in called for ret in _returns(function)
                    for t in self.resolve_index(ret, index, Scope(module, function), more)]
        return [t for item in items for t in self.resolve_index(item, rest, scope, depth)]  # type: ignore[arg-type]

    def node(self, expr: ast.expr, scope: Scope) -> ast.expr:  # a constant's value for its name: `for x in TABLE`
        return (self.constant(scope.module, expr.id) or (0, expr))[1] if isinstance(expr, ast.Name) else expr

    # --- from texts to skeletons ---

    def skeletons(self, expr: ast.expr, scope: Scope, depth: int = 0) -> Iterator[Text]:
        """The texts of a message, leading holes filled in; a parameter that is the whole message marks a wrapper."""
        for text in self.resolve(expr, scope):
            if isinstance(text, Param):
                self.wrappers.setdefault((id(text.function), text.name), (scope.module, text.function))
            else:
                yield from self._lead(text, depth)

    def _lead(self, text: Text, depth: int) -> Iterator[Text]:
        first = text.parts[0] if text.parts else ""
        if not isinstance(first, Hole) or first.expr is None or first.scope is None or depth > 4:
            yield text
            return
        leads: list[Text] = []
        for lead in self.resolve(first.expr, first.scope, 1):
            if isinstance(lead, Param):
                leads += [found for call_scope, argument in self.calls(lead.function, lead.name, first.scope.module)
                          for found in self.skeletons(argument, call_scope, depth + 1)]
            else:
                leads += [Text(f.parts, text.path, text.line) if _blank(f) else f for f in self._lead(lead, depth + 1)]
        if not leads or len(leads) > MAX_LEADS:  # many: the lead is a message of its own, this one wraps it
            yield Text((Hole(),) + text.parts[1:], text.path, text.line)
        for found in leads if len(leads) <= MAX_LEADS else []:
            yield Text(found.parts + text.parts[1:], found.path, found.line)

    def calls(self, function: ast.FunctionDef, param: str, home: Module) -> Iterator[tuple[Scope, ast.expr]]:
        """(scope, argument for `param`) of every call of `function` by name, in its module and those importing it."""
        for module in self.modules.values():
            if module is home or function.name in module.imports:
                for call in module.calls.get(function.name, []):
                    if (argument := _argument(call, function, param)) is not None:
                        yield Scope(module, module.function_of.get(call)), argument

    # --- where messages are given ---

    def is_sink(self, call: ast.Call, module: Module) -> bool:
        func = call.func.body if isinstance(call.func, ast.IfExp) else call.func  # (errors.add if x else errors.warn)
        name, owner = _name(func), func.value if isinstance(func, ast.Attribute) else None
        if name in ("add", "warn", "append", "extend"):
            return COLLECTORS.search(_name(owner)) is not None and (len(call.args) >= 4 or name in ("append", "extend"))
        if len(call.args) >= SINK_NAMES.get(name.lstrip("_"), 99) or self.is_exception(name) or \
                name in ("ContentError", "ContentErrors", "print"):
            return True
        cls = module.parent.get(module.function_of.get(call))  # super().__init__(...) in a method of a class
        return name == "__init__" and isinstance(owner, ast.Call) and _name(owner.func) == "super" and \
            isinstance(cls, ast.ClassDef) and self.is_exception(cls.name)

    def positions(self) -> Iterator[tuple[ast.expr, Scope]]:
        for module in self.modules.values():
            for node in ast.walk(module.tree):
                function = module.function_of.get(node)
                scope, value = Scope(module, function), getattr(node, "value", None)
                targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
                if function is not None and (module.rel, function.name) in NOT_MESSAGES:
                    continue
                if isinstance(node, ast.Call) and self.is_sink(node, module):
                    yield from ((argument, scope) for argument in (*node.args, *(k.value for k in node.keywords)))
                elif isinstance(node, _FUNCTIONS) and PRODUCER.search(node.name):
                    yield from ((ret, Scope(module, node)) for ret in _returns(node))
                elif isinstance(node, ast.Assign) and node in module.tree.body and TABLE.search(_name(targets[0])):
                    yield from ((v, scope) for v in (value.values if isinstance(value, ast.Dict) else [value]) if v)
                elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and value is not None and any(
                        (COLLECTORS if isinstance(node, ast.AugAssign) else MESSAGE_VARIABLES).search(_name(t))
                        for t in targets):
                    yield value, scope

    def scan(self) -> list[Text]:
        found: dict[tuple[str, int, str], Text] = {}
        queue, done = list(self.positions()), set()
        while queue:
            expr, scope = queue.pop(0)
            for text in self.skeletons(expr, scope):
                found.setdefault((text.path, text.line, skeleton_of(text)), text)
            for wrapper in [w for w in self.wrappers if w not in done]:  # its calls give the messages
                done.add(wrapper)
                module, function = self.wrappers[wrapper]
                queue += [(argument, where) for where, argument in self.calls(function, wrapper[1], module)]
        return list(found.values())


def _blank(text: Text) -> bool:  # no words, only holes and white space
    return not any(isinstance(p, str) and p.strip() for p in text.parts)


def _format_parts(part: str | Hole) -> list[str | Hole]:
    """A str.format template with its fields as holes ('{{' is a brace)."""
    if isinstance(part, Hole):
        return [part]
    pieces = _FIELD.split(part.replace("{{", "\0").replace("}}", "\1"))
    return [p for i, piece in enumerate(pieces)
            for p in ([Hole()] if i else []) + [piece.replace("\0", "{").replace("\1", "}")]]


def _returns(function: ast.FunctionDef) -> Iterator[ast.expr]:
    """What `function` itself returns (not the functions nested in it)."""
    stack: list[ast.AST] = list(function.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Return) and node.value is not None:
            yield node.value
        if not isinstance(node, (*_FUNCTIONS, ast.Lambda, ast.ClassDef)):
            stack.extend(ast.iter_child_nodes(node))


def _bindings(function: ast.FunctionDef, name: str) -> list[tuple[ast.expr, tuple[int, ...]]]:
    """(value, index in it) of each binding of `name` in `function`: `x = v`, `a, x = v` (index (1,)),
    `x += v`, `(x := v)`, and `for a, x in v` (index (-1, 1): element 1 of every item). Found once per function."""
    if not hasattr(function, "bindings"):
        found: dict[str, list[tuple[ast.expr, tuple[int, ...]]]] = {}

        def bound(target: ast.expr, value: ast.expr, index: tuple[int, ...]) -> None:
            if isinstance(target, ast.Name):
                found.setdefault(target.id, []).append((value, index))
            for i, element in enumerate(target.elts if isinstance(target, (ast.Tuple, ast.List)) else []):
                bound(element, value, (*index, i))

        for node in ast.walk(function):
            if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and node.value is not None:
                for target in node.targets if isinstance(node, ast.Assign) else [node.target]:
                    bound(target, node.value, ())
            elif isinstance(node, (ast.NamedExpr, ast.For, ast.comprehension)):
                bound(node.target, node.value if isinstance(node, ast.NamedExpr) else node.iter,
                      () if isinstance(node, ast.NamedExpr) else (-1,))
        function.bindings = found  # type: ignore[attr-defined]
    return function.bindings.get(name, [])  # type: ignore[attr-defined]


def _argument(call: ast.Call, function: ast.FunctionDef, param: str) -> ast.expr | None:
    """The argument a call gives for `param` of `function`, or None."""
    if keyword := next((k.value for k in call.keywords if k.arg == param), None):
        return keyword
    params = [a.arg for a in (*function.args.posonlyargs, *function.args.args)]
    params = params[1:] if params[:1] in (["self"], ["cls"]) and isinstance(call.func, ast.Attribute) else params
    index = params.index(param) if param in params else len(call.args)
    argument = call.args[index] if index < len(call.args) else None
    return None if isinstance(argument, ast.Starred) else argument


def skeleton_of(text: Text) -> str:
    shown = "".join(HOLE if isinstance(p, Hole) else p for p in text.parts)
    return re.sub(f"{HOLE}+", HOLE, re.sub(r"\s+", " ", shown)).strip()


def scan(package: Path = GENERATOR, rules: Path | None = RULES_YAML) -> list[Kind]:
    """Every message kind of the code in `package` (and `rules`), one per key, in the order of the code."""
    texts, lines = Scanner(package).scan(), rules.read_text(encoding="utf-8").splitlines() if rules else []
    for number, line in enumerate(lines, 1):  # rules.yaml: `{...}` fields are holes
        if found := re.match(r"\s*message:\s*(['\"]?)(.*)\1\s*$", line):
            texts.append(Text((_FIELD.sub(HOLE, found.group(2)),), "generator/validate/rules.yaml", number))
    kinds: dict[str, Kind] = {}
    for text, skeleton in sorted(((t, skeleton_of(t)) for t in texts), key=lambda f: (*f[0][1:], len(f[1]), f[1])):
        key = key_of(skeleton)
        words = set(re.findall(r"[a-zà-ÿ]+", skeleton.lower()))
        dutch = bool(words & DUTCH) or " " in skeleton.strip(" …") and len(words) > 1 and not words & ENGLISH
        if not dutch or skeleton[:1] in ";,:)" or len(key.strip("… ")) <= 3:
            continue  # English (a defect's message), a fragment, or no words
        kinds.setdefault(key, Kind(key, skeleton, text.path, text.line))
    return list(kinds.values())


if __name__ == "__main__":
    found = scan()
    print("\n".join(f"{kind.path}:{kind.line}: [{kind.key}] {kind.skeleton}" for kind in found))
    print(f"{len(found)} soorten meldingen")
