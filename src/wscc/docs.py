"""Generate the rule pages, the supported-libraries table and the README's rule table
from the data.

``python -m wscc.docs`` rewrites ``docs/`` (and the rule table of the ``README.md`` beside
it); ``python -m wscc.docs --check`` exits 1 when the committed pages have drifted from the
registry, the rules or the library modules.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from wscc import registry
from wscc.libraries import BY_NAME, LIBRARIES, constants_for
from wscc.rules import RULES, Rule
from wscc.spec import RAISED, Library

def _bullets(items) -> str:
    return "\n".join(f"- {item}" for item in items)


def _options(rule: Rule) -> str:
    """The settings that change the rule, with where each is written."""
    lines = [f"- `{name}` (`[tool.wscc]`): {effect}" for name, effect in rule.options]
    flake8 = {"receiver-names": "wscc-receiver-names", "allowed-codes": "wscc-allowed-codes"}
    given = [f"`--{flake8[name]}`" for name, _ in rule.options if name in flake8]
    if given:
        lines.append(f"- flake8 takes {' and '.join(given)} (command line or `[flake8]`), which replace "
                     "the `[tool.wscc]` value.")
    return "\n".join(lines)


def enabling(rule: Rule) -> str:
    """How the page tells the reader to turn the rule on (codes in upper case: flake8
    ignores a lower-case code without a word)."""
    if rule.default_enabled:
        return "On by default."
    return (f"Off by default: turn it on with `wscc --extend-select {rule.code}`, "
            f"`flake8 --extend-select {rule.code}` or `extend-select = [\"{rule.code}\"]` in `[tool.wscc]`.")


def rule_page(rule: Rule) -> str:
    return f"""# {rule.code} `{rule.name}`

{rule.summary[0].upper() + rule.summary[1:]}. {enabling(rule)}

## What it does
{rule.what}

## Why is this bad?
{rule.why}

## Example
```python
{rule.example}
```

## Use instead
```python
{rule.use_instead}
```

## Fix safety
{rule.fix_safety}

## Options
{_options(rule)}

## Known limitations
{_bullets(rule.limitations)}

## References
{_bullets(rule.references)}
"""


def _constants_cell(library: Library) -> str:
    constant_set = constants_for(library)
    if constant_set is None:
        return "none"
    owner = next(lib.name for lib in LIBRARIES if constant_set in lib.constants)
    where = f"`{constant_set.container}`"
    return where if owner == library.name else f"{where} (from {owner})"


def _sends_cell(library: Library) -> str:
    shapes = []
    for shape in library.method_sends:
        where = "keyword-only" if shape.code.position is None else f"position {shape.code.position + 1}"
        shapes.append(f"`.{shape.method}()` of the {' / '.join(shape.receivers)} (`{shape.code.keyword}=`, {where})")
    for shape in library.call_sends:
        if shape.attribute:
            raised = ", raised" if RAISED in shape.delivered_by else ""
            shapes.append(f"`.{shape.attribute}()` of the {' / '.join(shape.receivers)} "
                          f"(position {shape.code.position + 1}{raised})")
            continue
        names = ", ".join(f"`{c.partition(':')[2] or c}`" for c in shape.callables)
        shapes.append(f"{names} (`{shape.code.keyword}=`)")
    for shape in library.return_sends:
        shapes.append(f"a {shape.size}-tuple returned by a module-level `{shape.function}()` "
                      f"(element {shape.code.position + 1})")
    for shape in library.attribute_sends:
        shapes.append(f"`.{'.'.join(shape.path)} = code`")
    for shape in library.message_sends:
        shapes.append(f'`{{"{shape.type_key}": "{shape.type_value}", "{shape.code_key}": ...}}`')
    return "; ".join(shapes)


def libraries_page() -> str:
    rows = [
        f"| {lib.name} | {_sends_cell(lib)} | {_constants_cell(lib)} | {lib.runtime_note} |"
        for lib in LIBRARIES
    ]
    return "\n".join([
        "# Supported libraries",
        "",
        "Generated from `src/wscc/libraries/` by `python -m wscc.docs`. A call counts as a",
        "close-code send only when the module imports the library and the receiver is",
        "recognised as that library's WebSocket (annotation, enclosing class, route",
        "decorator, the call it was assigned from, or the library's conventional parameter).",
        "",
        "| library | close-code sends | constants used by WSC201 / `wscc-fix` | run time, with a bad code |",
        "|---|---|---|---|",
        *rows,
        "",
    ])


def _span(entry: registry.CodeRange) -> str:
    """Open-ended ranges read as bounds, not as 64-bit sentinels."""
    if entry.low < 0:
        return f"below {entry.high + 1} ({entry.name})"
    if entry.high > registry.UINT16_MAX:
        return f"{entry.low} and above ({entry.name})"
    return entry.label


def registry_page() -> str:
    rows = [
        f"| {_span(entry)} | {entry.code_class.value}{' (client only)' if entry.client_only else ''} | {entry.reference} |"
        for entry in registry.REGISTRY
    ]
    return "\n".join([
        "# Close-code registry",
        "",
        "Generated from `src/wscc/registry.py`.",
        "",
        "| code | class | reference |",
        "|---|---|---|",
        *rows,
        "",
    ])


def rules_index() -> str:
    rows = [
        f"| [{rule.code}]({rule.code}.md) | `{rule.name}` | {rule.summary} | {'on' if rule.default_enabled else 'off'} | {rule.fix} |"
        for rule in RULES
    ]
    return "\n".join([
        "# Rules",
        "",
        "Listed in severity order: when several apply to one code argument, the first",
        "enabled one is reported.",
        "",
        "| code | name | reports | default | fix |",
        "|---|---|---|---|---|",
        *rows,
        "",
    ])


#: The README's rule table sits between these lines; ``python -m wscc.docs`` rewrites it.
README_TABLE_START = "<!-- rule table: generated from src/wscc/rules.py by python -m wscc.docs -->"
README_TABLE_END = "<!-- end of rule table -->"


def readme_table() -> str:
    rows = [
        f"| [{rule.code}](docs/rules/{rule.code}.md) | {rule.summary} | {'on' if rule.default_enabled else 'off'} "
        f"| {'yes, when a name exists' if rule.fix != 'never' else 'no'} |"
        for rule in RULES
    ]
    return "\n".join([README_TABLE_START, "| code | reports | default | `wscc-fix` |", "|---|---|---|---|",
                       *rows, README_TABLE_END])


def with_readme_table(readme: str) -> str:
    """The README with its rule table regenerated (unchanged when it has no markers)."""
    start, end = readme.find(README_TABLE_START), readme.find(README_TABLE_END)
    if start < 0 or end < start:
        return readme
    return readme[:start] + readme_table() + readme[end + len(README_TABLE_END):]


def pages() -> dict[str, str]:
    """Every generated file, relative to ``docs/``."""
    generated = {f"rules/{rule.code}.md": rule_page(rule) for rule in RULES}
    generated["rules/README.md"] = rules_index()
    generated["libraries.md"] = libraries_page()
    generated["registry.md"] = registry_page()
    return generated


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m wscc.docs", description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if docs/ differs from the data")
    parser.add_argument("--docs", default="docs", help="the docs folder (default: docs)")
    args = parser.parse_args(argv)
    root = Path(args.docs)
    stale = []
    for relative, text in pages().items():
        path = root / relative
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current != text:
            stale.append(relative)
            if not args.check:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
    readme = root.resolve().parent / "README.md"
    if readme.is_file():
        current = readme.read_text(encoding="utf-8")
        text = with_readme_table(current)
        if text != current:
            stale.append("../README.md (rule table)")
            if not args.check:
                readme.write_text(text, encoding="utf-8")
    if args.check and stale:
        print(f"docs out of date (run python -m wscc.docs): {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())


assert all(name in BY_NAME for lib in LIBRARIES for name in lib.constants_from)
