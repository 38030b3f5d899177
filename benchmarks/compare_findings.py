"""Snapshot what ``wscc``, the flake8 plugin and ``wscc-fix`` report on real code, and diff
two snapshots: the proof that a refactor left behaviour unchanged.

Run from any directory::

    python benchmarks/compare_findings.py snapshot --src /path/to/checkout/src --out before.json
    python benchmarks/compare_findings.py diff before.json after.json

``snapshot`` runs the three front ends of the wscc found in ``--src`` (``PYTHONPATH=SRC``:
the flake8 plugin too, since flake8 imports the entry point's module by name; every run
records which ``wscc`` it imported and the snapshot stops if that is not under ``--src``)
over two sets of trees:

- the 25 pinned packages of the real-world evaluation (``benchmarks/realworld/evaluate.py``;
  its ``PACKAGES`` and ``fetch`` are imported, so missing archives are downloaded into
  ``benchmarks/.cache/`` as that script does);
- the site-packages folder that ``tests/reliability/test_crawl.py`` crawls (its
  ``SITE_PACKAGES``, imported).

Per tree it stores, with paths relative to the tree's root: every finding of
``wscc --format json --select WSC --extend-select WSC109,WSC110,WSC111`` (every rule on),
every finding of ``flake8 --isolated --select WSC``, the ``wscc-fix --diff`` text of every
file it would rewrite, each tool's exit code and stderr, and a sha1 of every ``.py`` file
(so that a difference can be told from a changed input).  Each tool runs once over all
trees, with ``-j 2``, from an empty folder, ``wscc`` and ``wscc-fix`` with ``--config`` an
empty ``pyproject.toml``.

flake8 runs in this interpreter with only the wscc plugin (and flake8's reporters) loaded,
and without its token pass, which feeds only the line-based checkers that are then not
loaded: pyflakes, pycodestyle, mccabe and the rest cannot change a WSC finding and would
multiply the time on site-packages.  ``--full-flake8`` runs flake8 unchanged, every plugin
on (much slower; the WSC findings must be the same).

``diff`` prints every difference grouped by kind and a one-line summary; it exits 1 if
there is any difference (kinds named by ``--ignore`` are still printed but do not count).
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FORMAT_VERSION = 1
JOBS = "2"
#: Printed on stderr by every run, then removed from the stored stderr.
ORIGIN_MARK = "compare_findings: wscc from "
FLAKE8_FORMAT = "%(path)s\t%(row)d\t%(col)d\t%(code)s\t%(text)s"

# The kinds of difference, in the order ``diff`` prints them.
NEW, MISSING, MESSAGE, DETAIL, FIX, RUN, INPUT, TREE = (
    "new finding", "missing finding", "changed message", "changed fix metadata",
    "fix diff changed", "tool run changed", "input changed", "tree only on one side")
KINDS = (NEW, MISSING, MESSAGE, DETAIL, FIX, RUN, INPUT, TREE)
KIND_OPTIONS = {k.replace(" ", "-"): k for k in KINDS}

# ----------------------------------------------------------------------------- the trees


def _load_module(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _walk_py(root: str):
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        for name in sorted(names):
            if name.endswith(".py"):
                yield os.path.join(folder, name)


def realworld_trees(packages: list[str] | None) -> dict[str, str]:
    """``realworld/NAME-VERSION`` -> the unpacked archive, downloaded if missing."""
    evaluate = _load_module("_realworld_evaluate", ROOT / "benchmarks" / "realworld" / "evaluate.py")
    trees = {}
    for name, version, kind, _role in evaluate.PACKAGES:
        if packages and name not in packages:
            continue
        trees[f"realworld/{name}-{version}"] = str(evaluate.fetch(name, version, kind))
    if packages and len(trees) != len(set(packages)):
        known = ", ".join(p[0] for p in evaluate.PACKAGES)
        raise SystemExit(f"compare_findings: --package takes names of the evaluation: {known}")
    return trees


def crawl_tree() -> tuple[dict[str, str], object, list[str]]:
    """The crawl's site-packages, its file walk, and the packages it must contain."""
    sys.path.insert(0, str(ROOT))
    try:
        from tests.reliability import test_crawl
    except Exception as error:  # a checkout mid-refactor: the same choice, by hand
        import sysconfig

        print(f"compare_findings: cannot import tests/reliability/test_crawl.py ({type(error).__name__}: "
              f"{error}); using sysconfig's purelib as it does", file=sys.stderr)
        return {"site-packages": sysconfig.get_paths()["purelib"]}, _walk_py, []
    finally:
        sys.path.remove(str(ROOT))
    return ({"site-packages": test_crawl.SITE_PACKAGES}, test_crawl._python_files,
            list(test_crawl.EXPECTED_PACKAGES))


def fingerprint(root: str, walk) -> dict[str, str]:
    files = {}
    for path in walk(root):
        with open(path, "rb") as handle:
            files[os.path.relpath(path, root).replace(os.sep, "/")] = hashlib.sha1(handle.read()).hexdigest()
    return files


# ----------------------------------------------------------------------------- running the tools


def _entry(module: str) -> list[str]:
    """Run ``module.main()`` of the wscc on PYTHONPATH, saying on stderr which one it is.
    ``-P``: the working directory is not put on sys.path."""
    code = (f"import sys, wscc; print({ORIGIN_MARK!r} + wscc.__file__, file=sys.stderr); "
            f"from {module} import main; sys.exit(main())")
    return [sys.executable, "-P", "-c", code]


def _flake8_runner(argv: list[str]) -> int:
    """flake8 in this process; with ``--only-wscc`` first, the other checkers are not loaded."""
    from flake8.plugins import finder

    if argv and argv[0] == "--only-wscc":
        argv = argv[1:]
        find_plugins = finder.find_plugins

        def only_wscc(cfg, opts):
            return [p for p in find_plugins(cfg, opts)
                    if p.entry_point.group == "flake8.report" or p.package.lower() == "wscc"]

        finder.find_plugins = only_wscc

        from flake8 import checker

        process_tokens = checker.FileChecker.process_tokens

        def process_tokens_if_needed(self):
            # The token pass feeds only logical- and physical-line plugins; with none
            # loaded it computes nothing that reaches the report (a tree plugin's results
            # are in by now; noqa comments are read separately).  It is half of the time.
            if self.plugins.logical_line or self.plugins.physical_line:
                process_tokens(self)

        checker.FileChecker.process_tokens = process_tokens_if_needed
    from flake8.main.cli import main

    status = main(argv)
    plugin = sys.modules.get("wscc.flake8_plugin")
    print(ORIGIN_MARK + (getattr(plugin, "__file__", None) or "(plugin not loaded)"), file=sys.stderr)
    return status


def _run(argv: list[str], src: str, cwd: str) -> dict:
    env = {**os.environ, "PYTHONPATH": src, "PYTHONIOENCODING": "utf-8"}
    started = time.monotonic()
    done = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, stdin=subprocess.DEVNULL, timeout=3600)
    seconds = time.monotonic() - started
    stderr = done.stderr.decode("utf-8", "replace").splitlines()
    origins = sorted({line[len(ORIGIN_MARK):] for line in stderr if line.startswith(ORIGIN_MARK)})
    return {
        "returncode": done.returncode,
        "stdout": done.stdout.decode("utf-8", "replace"),
        "stderr": [line for line in stderr if not line.startswith(ORIGIN_MARK)],
        "origins": origins,
        "seconds": round(seconds, 2),
    }


class Locator:
    """Maps a path printed by a tool to (tree name, path relative to the tree's root)."""

    def __init__(self, trees: dict[str, str]):
        self.roots = sorted(((os.path.realpath(root), name) for name, root in trees.items()),
                            key=lambda item: -len(item[0]))
        self.plain = sorted(((os.path.abspath(root), name) for name, root in trees.items()),
                            key=lambda item: -len(item[0]))

    def locate(self, path: str) -> tuple[str, str]:
        absolute = os.path.abspath(path)
        for roots in (self.plain, self.roots):
            for root, name in roots:
                if absolute == root or absolute.startswith(root + os.sep):
                    return name, os.path.relpath(absolute, root).replace(os.sep, "/")
        real = os.path.realpath(path)
        for root, name in self.roots:
            if real.startswith(root + os.sep):
                return name, os.path.relpath(real, root).replace(os.sep, "/")
        return "?", path

    def scrub(self, line: str) -> str:
        """A stderr line with each tree's root replaced by the tree's name."""
        for root, name in self.plain + self.roots:
            line = line.replace(root + os.sep, f"<{name}>/").replace(root, f"<{name}>")
        return line


_HUNK = re.compile(r"^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@")


def split_unified_diff(text: str) -> tuple[dict[str, str], list[str]]:
    """The ``wscc-fix --diff`` output cut into one diff per file (hunks are consumed by
    their line counts, so a removed line that starts with ``-- `` cannot start a file),
    and the lines that fit nowhere."""
    lines = text.splitlines(keepends=True)
    files: dict[str, str] = {}
    stray: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if not (line.startswith("--- ") and i + 1 < len(lines) and lines[i + 1].startswith("+++ ")):
            stray.append(line)
            i += 1
            continue
        path = line[4:].rstrip("\r\n").split("\t")[0]
        chunk = [line, lines[i + 1]]
        i += 2
        while i < len(lines):
            match = _HUNK.match(lines[i])
            if not match:
                break
            old = int(match.group(1)) if match.group(1) is not None else 1
            new = int(match.group(2)) if match.group(2) is not None else 1
            chunk.append(lines[i])
            i += 1
            while i < len(lines) and (old > 0 or new > 0 or lines[i].startswith("\\")):
                body = lines[i]
                if body.startswith(" "):
                    old, new = old - 1, new - 1
                elif body.startswith("-"):
                    old -= 1
                elif body.startswith("+"):
                    new -= 1
                chunk.append(body)
                i += 1
        files[path] = files.get(path, "") + "".join(chunk)
    return files, stray


def snapshot(args: argparse.Namespace) -> int:
    src = os.path.realpath(args.src)
    if not os.path.isfile(os.path.join(src, "wscc", "__init__.py")):
        raise SystemExit(f"compare_findings: {src} holds no wscc package (give a checkout's src/)")
    trees: dict[str, str] = {}
    walks = {}
    if args.only in (None, "realworld"):
        trees.update(realworld_trees(args.package))
    if args.only in (None, "site-packages") and not args.package:
        crawl, walk, expected = crawl_tree()
        trees.update(crawl)
        walks["site-packages"] = walk
        present = set(os.listdir(crawl["site-packages"]))
        missing = [name for name in expected if name not in present]
        if missing:
            print(f"compare_findings: site-packages lacks {missing} (the crawl test would fail)", file=sys.stderr)
    locator = Locator(trees)
    roots = [trees[name] for name in sorted(trees)]
    # The flake8 plugin (which takes no --config) reads [tool.wscc] of the nearest
    # pyproject.toml above the common folder of its paths: say so if there is one.
    common = Path(os.path.commonpath([os.path.abspath(r) for r in roots]))
    for folder in (common, *common.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            if "[tool.wscc" in candidate.read_text(encoding="utf-8", errors="replace"):
                print(f"compare_findings: warning: {candidate} has [tool.wscc]; a flake8 plugin that "
                      "reads it is not on the defaults", file=sys.stderr)
            break
    started = time.monotonic()

    with tempfile.TemporaryDirectory(prefix="compare_findings-") as scratch:
        config = os.path.join(scratch, "pyproject.toml")
        Path(config).write_text("# no [tool.wscc]: every tool runs on its defaults plus the options given\n")
        commands = {
            "wscc": _entry("wscc.cli") + ["--format", "json", "--select", "WSC",
                                          "--extend-select", "WSC109,WSC110,WSC111",
                                          "--config", config, "-j", JOBS],
            "flake8": [sys.executable, "-P", str(Path(__file__).resolve()), "_flake8"]
            + ([] if args.full_flake8 else ["--only-wscc"])
            + ["--isolated", "--select", "WSC", "--format", FLAKE8_FORMAT, "-j", JOBS],
            "fix": _entry("wscc.fix.cli") + ["--diff", "--config", config, "-j", JOBS],
        }
        runs = {}
        for tool, argv in commands.items():
            print(f"compare_findings: running {tool} over {len(roots)} trees ...", file=sys.stderr, flush=True)
            # From an empty folder: no setup.cfg / tox.ini / .flake8 of the caller's is read.
            runs[tool] = _run(argv + roots, src, scratch)
            for origin in runs[tool]["origins"] or ["(nothing said)"]:
                if not os.path.realpath(origin).startswith(src + os.sep):
                    raise SystemExit(f"compare_findings: {tool} ran the wscc at {origin}, not the one in {src}\n"
                                     + "\n".join(runs[tool]["stderr"][-20:]))

    result = {name: {"root": trees[name], "files": {}, "wscc": [], "flake8": [], "fix": {}} for name in trees}
    for name in trees:
        result[name]["files"] = fingerprint(trees[name], walks.get(name, _walk_py))

    wscc_run = runs["wscc"]
    try:
        records = json.loads(wscc_run["stdout"] or "[]")
        if isinstance(records, dict):  # {"findings": [...], "errors": [...]} since issue 16
            records = records["findings"]
    except json.JSONDecodeError as error:
        raise SystemExit(f"compare_findings: wscc printed no JSON ({error}); stderr:\n"
                         + "\n".join(wscc_run["stderr"][-20:]))
    for record in records:
        tree, path = locator.locate(record.pop("path"))
        record.pop("name", None)  # the rule's name: follows from the code
        result.setdefault(tree, {"wscc": [], "flake8": [], "fix": {}, "files": {}})["wscc"].append({"path": path, **record})

    flake8_run = runs["flake8"]
    for line in flake8_run["stdout"].splitlines():
        parts = line.split("\t", 4)
        if len(parts) != 5:
            flake8_run["stderr"].append(f"(stdout) {line}")
            continue
        tree, path = locator.locate(parts[0])
        result.setdefault(tree, {"wscc": [], "flake8": [], "fix": {}, "files": {}})["flake8"].append(
            {"path": path, "line": int(parts[1]), "column": int(parts[2]), "code": parts[3], "message": parts[4]})

    fix_run = runs["fix"]
    diffs, stray = split_unified_diff(fix_run["stdout"])
    for path, text in diffs.items():
        tree, relative = locator.locate(path)
        # The headers name the path as given: make them relative too.
        text = f"--- {relative}\n+++ {relative}\n" + "".join(text.splitlines(keepends=True)[2:])
        result.setdefault(tree, {"wscc": [], "flake8": [], "fix": {}, "files": {}})["fix"][relative] = text
    fix_run["stderr"] += [f"(stdout) {line.rstrip()}" for line in stray]

    for tree in result.values():
        tree["wscc"].sort(key=lambda f: (f["path"], f["line"], f["column"], f["code"]))
        tree["flake8"].sort(key=lambda f: (f["path"], f["line"], f["column"], f["code"]))
    tools = {}
    for tool, run in runs.items():
        tools[tool] = {
            "command": [Path(sys.executable).name if a == sys.executable else "EMPTY/pyproject.toml" if a == config
                        else a for a in commands[tool]] + ["TREES..."],
            "returncode": run["returncode"],
            # -j 2 prints in completion order: sort
            "stderr": sorted(locator.scrub(line) for line in run["stderr"]),
            "origins": run["origins"],
            "seconds": run["seconds"],
        }
    document = {
        "format": FORMAT_VERSION,
        "created": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "src": src,
        "source": _describe_source(src),
        "python": sys.version.split()[0],
        "versions": _versions(),
        "tools": tools,
        "seconds": round(time.monotonic() - started, 1),
        "trees": dict(sorted(result.items())),
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(document, indent=1, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")
    print(f"compare_findings: wrote {out}", file=sys.stderr)
    print(describe(document))
    return 0


def _describe_source(src: str) -> dict:
    """The commit of the checkout and its uncommitted files, and a digest of the package."""
    digest = hashlib.sha1()
    for path in _walk_py(os.path.join(src, "wscc")):
        digest.update(os.path.relpath(path, src).encode() + b"\0")
        digest.update(Path(path).read_bytes())
    info = {"wscc_sha1": digest.hexdigest()}
    git = ["git", "-C", src]
    head = subprocess.run(git + ["rev-parse", "HEAD"], capture_output=True, text=True)
    if head.returncode == 0:
        info["commit"] = head.stdout.strip()
        status = subprocess.run(git + ["status", "--porcelain", "--", "."], capture_output=True, text=True)
        info["uncommitted"] = status.stdout.splitlines()
    return info


def _versions() -> dict:
    import importlib.metadata

    found = {}
    for name in ("flake8", "libcst", "pyflakes", "pycodestyle"):
        try:
            found[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            found[name] = None
    return found


def describe(document: dict) -> str:
    trees = document["trees"]
    realworld = [t for name, t in trees.items() if name.startswith("realworld/")]
    crawl = [t for name, t in trees.items() if not name.startswith("realworld/")]
    lines = [f"snapshot of {document['src']} ({document['source'].get('commit', 'no git')[:12]}"
             f"{', uncommitted: ' + str(len(document['source'].get('uncommitted', []))) if document['source'].get('uncommitted') else ''};"
             f" wscc sha1 {document['source']['wscc_sha1'][:12]}), made {document['created']} in {document['seconds']} s"]
    for label, group in (("real-world", realworld), ("site-packages", crawl)):
        if not group:
            continue
        lines.append(
            f"  {label:13} {len(group):2} trees {sum(len(t['files']) for t in group):6} .py files: "
            f"wscc {sum(len(t['wscc']) for t in group)} findings, flake8 {sum(len(t['flake8']) for t in group)}, "
            f"wscc-fix diffs {sum(len(t['fix']) for t in group)} files")
    for tool, run in document["tools"].items():
        lines.append(f"  {tool:6} exit {run['returncode']}, {run['seconds']} s, {len(run['stderr'])} stderr lines")
    return "\n".join(lines)


# ----------------------------------------------------------------------------- diff


def _key(finding: dict) -> tuple:
    return finding["path"], finding["line"], finding["column"], finding["code"]


DETAIL_FIELDS = ("end_line", "end_column", "library", "fix")


def _compare_findings(tool: str, tree: str, old: list[dict], new: list[dict], changed_inputs: set[str], out) -> None:
    before, after = defaultdict(list), defaultdict(list)
    for f in old:
        before[_key(f)].append(f)
    for f in new:
        after[_key(f)].append(f)

    def where(key):
        note = "  [input file changed]" if key[0] in changed_inputs else ""
        return f"{tool:6} {tree}  {key[0]}:{key[1]}:{key[2]}: {key[3]}", note

    for key in sorted(set(before) | set(after)):
        a, b = before.get(key, []), after.get(key, [])
        messages_a = Counter(f["message"] for f in a)
        messages_b = Counter(f["message"] for f in b)
        label, note = where(key)
        if len(a) == len(b) and messages_a != messages_b:
            for ma, mb in zip(sorted((messages_a - messages_b).elements()), sorted((messages_b - messages_a).elements())):
                out[MESSAGE].append(f"{label}{note}\n      before: {ma}\n      after:  {mb}")
        elif len(b) > len(a):
            for m in (messages_b - messages_a).elements():
                out[NEW].append(f"{label} {m}{note}")
        elif len(a) > len(b):
            for m in (messages_a - messages_b).elements():
                out[MISSING].append(f"{label} {m}{note}")
        if len(a) == len(b) == 1:
            details_a = {k: a[0].get(k) for k in DETAIL_FIELDS if k in a[0] or k in b[0]}
            details_b = {k: b[0].get(k) for k in DETAIL_FIELDS if k in a[0] or k in b[0]}
            if details_a != details_b:
                changes = ", ".join(f"{k}: {json.dumps(details_a[k])} -> {json.dumps(details_b[k])}"
                                    for k in details_a if details_a[k] != details_b[k])
                out[DETAIL].append(f"{label}{note}\n      {changes}")


def _compare_fixes(tree: str, old: dict, new: dict, changed_inputs: set[str], out, context: int) -> None:
    for path in sorted(set(old) | set(new)):
        a, b = old.get(path), new.get(path)
        if a == b:
            continue
        note = "  [input file changed]" if path in changed_inputs else ""
        if a is None:
            state = "now rewritten"
        elif b is None:
            state = "no longer rewritten"
        else:
            state = "rewritten differently"
        body = difflib.unified_diff((a or "").splitlines(keepends=True), (b or "").splitlines(keepends=True),
                                    "before", "after", n=context)
        shown = [("      " + line.rstrip("\r\n")) for line in body]
        out[FIX].append(f"fix    {tree}  {path}: {state}{note}\n" + "\n".join(shown))


def diff(args: argparse.Namespace) -> int:
    docs = []
    for name in (args.before, args.after):
        with open(name, encoding="utf-8") as handle:
            docs.append(json.load(handle))
    a, b = docs
    for name, doc in zip((args.before, args.after), docs):
        print(f"{name}: {describe(doc)}")
    print()
    out: dict[str, list[str]] = defaultdict(list)
    for tree in sorted(set(a["trees"]) | set(b["trees"])):
        if tree not in a["trees"] or tree not in b["trees"]:
            out[TREE].append(f"{tree}: only in {'before' if tree in a['trees'] else 'after'}")
            continue
        ta, tb = a["trees"][tree], b["trees"][tree]
        fa, fb = ta.get("files", {}), tb.get("files", {})
        changed_inputs = {p for p in set(fa) | set(fb) if fa.get(p) != fb.get(p)}
        for path in sorted(changed_inputs):
            state = "added" if path not in fa else "removed" if path not in fb else "modified"
            out[INPUT].append(f"{tree}  {path}: {state}")
        for tool in ("wscc", "flake8"):
            _compare_findings(tool, tree, ta[tool], tb[tool], changed_inputs, out)
        _compare_fixes(tree, ta["fix"], tb["fix"], changed_inputs, out, args.context)
    for tool in sorted(set(a["tools"]) | set(b["tools"])):
        ra, rb = a["tools"].get(tool, {}), b["tools"].get(tool, {})
        if ra.get("returncode") != rb.get("returncode"):
            out[RUN].append(f"{tool}: exit code {ra.get('returncode')} -> {rb.get('returncode')}")
        sa, sb = Counter(ra.get("stderr", [])), Counter(rb.get("stderr", []))
        for line in sorted((sa - sb).elements()):
            out[RUN].append(f"{tool}: stderr line gone: {line}")
        for line in sorted((sb - sa).elements()):
            out[RUN].append(f"{tool}: stderr line new:  {line}")

    ignored = {KIND_OPTIONS[k] for k in args.ignore or []}
    for kind in KINDS:
        if out.get(kind):
            print(f"== {kind} ({len(out[kind])}){'  [ignored for the exit status]' if kind in ignored else ''}")
            for entry in out[kind]:
                print(f"  {entry}")
            print()
    counted = sum(len(out.get(k, [])) for k in KINDS if k not in ignored)
    parts = ", ".join(f"{len(out.get(k, []))} {k}" for k in KINDS)
    verdict = "IDENTICAL" if not any(out.values()) else ("DIFFERENT" if counted else "only ignored kinds differ")
    print(f"summary: {verdict}: {parts}")
    return 1 if counted else 0


# ----------------------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_flake8":  # internal: the flake8 run of a snapshot
        return _flake8_runner(argv[1:])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    snap = commands.add_parser("snapshot", help="run the three tools of one checkout and store what they say")
    snap.add_argument("--src", required=True, help="the checkout's src/ folder (put on PYTHONPATH)")
    snap.add_argument("--out", required=True, help="the JSON file to write")
    snap.add_argument("--only", choices=("realworld", "site-packages"), help="one set of trees only")
    snap.add_argument("--package", action="append",
                      help="only this real-world package (repeatable; implies no site-packages)")
    snap.add_argument("--full-flake8", action="store_true",
                      help="run flake8 with every installed plugin, not only wscc's (much slower)")
    compare = commands.add_parser("diff", help="print every difference between two snapshots")
    compare.add_argument("before")
    compare.add_argument("after")
    compare.add_argument("--ignore", action="append", choices=sorted(KIND_OPTIONS),
                         help="print this kind of difference but do not fail on it (repeatable)")
    compare.add_argument("--context", type=int, default=1, help="context lines when showing a changed fix diff")
    args = parser.parse_args(argv)
    return snapshot(args) if args.command == "snapshot" else diff(args)


if __name__ == "__main__":
    sys.exit(main())
