"""Measure wscc on published packages: precision and recall against hand annotations.

Run from the repository root::

    python benchmarks/realworld/evaluate.py            # download (once), detect, compare
    python benchmarks/realworld/evaluate.py --update   # also list findings nobody annotated
    python benchmarks/realworld/evaluate.py --ablation # direct sends only, each analysis of wscc.following,
                                                       # and all of them without the project index

Pinned archives come from PyPI (JSON API + files.pythonhosted.org) into
``benchmarks/.cache/`` (git-ignored) and are checked against the sha256 PyPI publishes.
``annotations.csv`` (beside this script) lists every close-code call site read by hand:
``package,version,path,line,expected,scope,note``.  ``expected`` is a rule code or
``nothing`` (a look-alike that must not be flagged); ``scope`` is ``in`` when the send goes
through a library wscc describes (``src/wscc/libraries``) and ``out`` otherwise (ws4py,
gevent-websocket, a package's own protocol code).  Scores are given for in-scope sites
and for all sites.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sys
import tarfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
CACHE = ROOT / "benchmarks" / ".cache"
ANNOTATIONS = HERE / "annotations.csv"
FIELDS = ("package", "version", "path", "line", "expected", "scope", "note")

#: (package, version, archive kind, role).  "wheel" takes the pure-Python wheel;
#: "sdist" the source archive (for packages without one).  Role "control": the package
#: uses WebSockets but sends no close code, so any finding there is a false positive.
PACKAGES: tuple[tuple[str, str, str, str], ...] = (
    ("bocadillo", "0.18.3", "wheel", "sends"),
    ("tornwamp", "2.1.0", "sdist", "sends"),
    ("ws4py", "0.6.0", "sdist", "sends"),
    ("gevent-websocket", "0.10.1", "wheel", "sends"),
    ("shiny", "1.8.0", "wheel", "sends"),
    ("lilya", "0.29.0", "wheel", "sends"),
    ("nextcord", "3.2.0", "wheel", "sends"),
    ("graphql-ws", "0.4.4", "wheel", "sends"),
    ("websockify", "0.13.0", "sdist", "sends"),
    ("disnake", "2.12.2", "wheel", "sends"),
    ("vocode", "0.1.113", "wheel", "sends"),
    ("ccxt", "4.5.90", "wheel", "sends"),
    ("bokeh", "3.9.2", "wheel", "sends"),
    ("ariadne", "1.1.1", "wheel", "sends"),
    ("uvicorn", "0.54.0", "wheel", "sends"),
    ("strawberry-graphql", "0.341.2", "wheel", "sends"),
    ("pywebsocket3", "4.0.2", "sdist", "sends"),
    ("reflex", "0.10.1", "wheel", "control"),
    ("flet", "1.0.5", "wheel", "control"),
    ("solara", "1.64.1", "wheel", "control"),
    ("voila", "0.5.13", "wheel", "control"),
    ("textual-serve", "1.1.3", "wheel", "control"),
    ("pyppeteer", "2.0.0", "wheel", "control"),
    ("twitchio", "3.3.2", "wheel", "control"),
    ("jupyter-server", "2.21.1", "wheel", "control"),
    ("nicegui", "3.18.0", "wheel", "control"),
)


def _fetch_json(url: str) -> tuple[dict, str]:
    with urllib.request.urlopen(url, timeout=60) as response:
        return json.load(response), response.geturl()


def _release_files(package: str, version: str) -> list[dict]:
    # The per-release endpoint is the documented one; the project endpoint lists every
    # release too and answers where a mirror lacks the former.  Some mirrors give file
    # URLs relative to the JSON document.
    try:
        data, base = _fetch_json(f"https://pypi.org/pypi/{package}/{version}/json")
        files = data["urls"]
    except urllib.error.HTTPError:
        data, base = _fetch_json(f"https://pypi.org/pypi/{package}/json")
        files = data["releases"][version]
    return [{**f, "url": urllib.parse.urljoin(base, f["url"])} for f in files]


def _choose(files: list[dict], kind: str) -> dict:
    if kind == "wheel":
        wheels = [f for f in files if f["packagetype"] == "bdist_wheel" and f["filename"].endswith("-none-any.whl")]
        if wheels:
            return wheels[0]
    sdists = [f for f in files if f["packagetype"] == "sdist"]
    if not sdists:
        raise SystemExit(f"no {kind} among {[f['filename'] for f in files]}")
    return sdists[0]


def fetch(package: str, version: str, kind: str) -> Path:
    """Download and unpack one pinned archive (once); the folder holding its files."""
    folder = CACHE / f"{package}-{version}"
    tree = folder / "files"
    if tree.is_dir():
        return tree
    folder.mkdir(parents=True, exist_ok=True)
    chosen = _choose(_release_files(package, version), kind)
    archive = folder / chosen["filename"]
    if not archive.exists():
        with urllib.request.urlopen(chosen["url"], timeout=120) as response:
            data = response.read()
        digest = hashlib.sha256(data).hexdigest()
        if digest != chosen["digests"]["sha256"]:
            raise SystemExit(f"{archive.name}: sha256 {digest} does not match PyPI's")
        archive.write_bytes(data)
    partial = folder / "files.partial"
    if archive.name.endswith(".whl") or archive.name.endswith(".zip"):
        with zipfile.ZipFile(archive) as zf:
            zf.extractall(partial)
    else:
        with tarfile.open(archive) as tf:
            tf.extractall(partial, filter="data")
    partial.rename(tree)
    return tree


# --------------------------------------------------------------------------- detection


@dataclass(frozen=True)
class Hit:
    package: str
    path: str  # inside the archive, "/"-separated
    line: int
    code: str
    message: str


def _settings():
    from wscc.detector import Settings

    return Settings(enabled=lambda code: True)


def _project_root(tree: Path) -> Path:
    """Where a checkout of the archive would have its root: the archive's one top folder
    when that holds the project's ``setup.py`` (or another root marker), as an sdist
    does (``tornwamp-2.1.0/``); else the archive's folder (a wheel's packages)."""
    from wscc.project.layout import ROOT_MARKERS

    entries = [entry for entry in tree.iterdir() if not entry.name.startswith(".")]
    if len(entries) == 1 and entries[0].is_dir() and any((entries[0] / marker).exists() for marker in ROOT_MARKERS):
        return entries[0]
    return tree


def detect_package(package: str, tree: Path, follow: tuple[str, ...] | None = None,
                   index: bool = True) -> tuple[list[Hit], list[str]]:
    """Every finding in every ``.py`` file of an unpacked archive, and unreadable files.

    ``follow`` names the analyses of ``wscc.following`` to run (all when ``None``);
    ``index``: follow codes across the package's modules (``wscc.project``), the archive's
    folder being the project's root."""
    import ast

    from wscc import detector
    from wscc.project.build import Project

    if follow is None:
        follow = detector.FOLLOW_ALL

    settings = _settings()
    project = Project.for_paths([], lambda _path: settings, root=str(_project_root(tree))) if index and follow else None
    hits: list[Hit] = []
    problems: list[str] = []
    for path in sorted(tree.rglob("*.py")):
        relative = path.relative_to(tree).as_posix()
        try:
            source = path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, OSError) as error:
            problems.append(f"{relative}: {error}")
            continue
        try:
            findings = []
            if detector.might_send(source) or (project is not None and project.might_call(source)):
                findings = detector.detect(ast.parse(source, relative), settings, source, follow=follow,
                                           project=project, path=str(path))
        except (SyntaxError, ValueError) as error:
            problems.append(f"{relative}: {type(error).__name__}: {error}")
            continue
        hits += [Hit(package, relative, f.line, f.code, f.message) for f in findings]
    return hits, problems


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Annotation:
    package: str
    version: str
    path: str
    line: int
    expected: str  # a rule code or "nothing"
    scope: str  # "in" or "out"
    note: str


def load_annotations(path: Path = ANNOTATIONS) -> list[Annotation]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(line for line in handle if not line.startswith("#"))]
    return [
        Annotation(r["package"], r["version"], r["path"], int(r["line"]), r["expected"], r["scope"], r["note"])
        for r in rows
    ]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Score") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @staticmethod
    def _ratio(num: int, den: int) -> str:
        return f"{num / den:6.1%}" if den else "   n/a"

    @property
    def precision(self) -> str:
        return self._ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> str:
        return self._ratio(self.tp, self.tp + self.fn)


@dataclass
class Outcome:
    scores: dict[str, dict[str, Score]]  # package -> {"in": Score, "all": Score}
    false_positives: list[tuple[Hit, Annotation | None]]
    false_negatives: list[Annotation]
    unannotated: list[Hit]


def compare(hits: list[Hit], annotations: list[Annotation]) -> Outcome:
    """Match findings to annotated sites by (package, path, line, rule)."""
    by_site: dict[tuple[str, str, int], list[Annotation]] = defaultdict(list)
    for a in annotations:
        by_site[(a.package, a.path, a.line)].append(a)
    scores: dict[str, dict[str, Score]] = defaultdict(lambda: {"in": Score(), "all": Score()})
    found: set[tuple[str, str, int, str]] = set()
    false_positives: list[tuple[Hit, Annotation | None]] = []
    unannotated: list[Hit] = []
    for hit in hits:
        site = by_site.get((hit.package, hit.path, hit.line), [])
        match = next((a for a in site if a.expected == hit.code), None)
        scope = (match or (site[0] if site else None))
        in_scope = scope is None or scope.scope == "in"
        buckets = ("in", "all") if in_scope else ("all",)
        if match is not None:
            found.add((hit.package, hit.path, hit.line, hit.code))
            for b in buckets:
                scores[hit.package][b].tp += 1
        else:
            for b in buckets:
                scores[hit.package][b].fp += 1
            false_positives.append((hit, site[0] if site else None))
            if not site:
                unannotated.append(hit)
    false_negatives = []
    for a in annotations:
        scores[a.package]  # every annotated package gets a row
        if a.expected == "nothing" or (a.package, a.path, a.line, a.expected) in found:
            continue
        false_negatives.append(a)
        for b in ("in", "all") if a.scope == "in" else ("all",):
            scores[a.package][b].fn += 1
    return Outcome(dict(scores), false_positives, false_negatives, unannotated)


def report(outcome: Outcome, packages: list[str], annotations: list[Annotation]) -> str:
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for a in annotations:
        counts[a.package][0 if a.scope == "in" else 1] += 1
    header = "in scope: TP FP FN  prec.  recall"
    lines = [f"{'package':18} {'sites in/out':>12}   {header:34}   all: TP FP FN  prec.  recall"]
    total = {"in": Score(), "all": Score()}
    for package in packages:
        s = outcome.scores.get(package, {"in": Score(), "all": Score()})
        total["in"].add(s["in"])
        total["all"].add(s["all"])
        i, a = s["in"], s["all"]
        sites = f"{counts[package][0]}/{counts[package][1]}"
        lines.append(
            f"{package:18} {sites:>12}   {i.tp:>12} {i.fp:2} {i.fn:2} {i.precision} {i.recall}"
            f"   {a.tp:>7} {a.fp:2} {a.fn:2} {a.precision} {a.recall}"
        )
    i, a = total["in"], total["all"]
    n_in = sum(c[0] for c in counts.values())
    n_out = sum(c[1] for c in counts.values())
    lines.append(
        f"{'OVERALL':18} {f'{n_in}/{n_out}':>12}   {i.tp:>12} {i.fp:2} {i.fn:2} {i.precision} {i.recall}"
        f"   {a.tp:>7} {a.fp:2} {a.fn:2} {a.precision} {a.recall}"
    )
    lines.append(f"annotated call sites: {len(annotations)} in {len({a.package for a in annotations})} packages")
    lines.append("")
    lines.append(f"false positives ({len(outcome.false_positives)}):")
    for hit, annotation in outcome.false_positives:
        why = f"annotated {annotation.expected} ({annotation.scope})" if annotation else "not annotated"
        lines.append(f"  {hit.package} {hit.path}:{hit.line}: {hit.code} {hit.message}  [{why}]")
    lines.append(f"false negatives ({len(outcome.false_negatives)}):")
    for a in outcome.false_negatives:
        lines.append(f"  {a.package} {a.path}:{a.line}: expected {a.expected} ({a.scope} scope) - {a.note}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true",
                        help="also print unannotated findings as CSV rows to review and paste")
    parser.add_argument("--ablation", action="store_true",
                        help="print the overall scores for direct sends only, with each analysis "
                        "that follows codes further, without each, and with all")
    parser.add_argument("--package", action="append", help="only this package (repeatable)")
    parser.add_argument("--no-index", action="store_true", help="one module at a time: no project index")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))

    annotations = load_annotations()
    selected = [p for p in PACKAGES if not args.package or p[0] in args.package]
    versions = {name: version for name, version, _kind, _role in PACKAGES}
    for a in annotations:
        if versions.get(a.package) != a.version:
            raise SystemExit(f"annotation for {a.package} {a.version}: not a pinned package")
    annotations = [a for a in annotations if any(a.package == p[0] for p in selected)]
    if args.ablation:
        from wscc.detector import FOLLOW_ALL as EXTENSIONS

        runs = [("direct only", ())] + [(name, (name,)) for name in EXTENSIONS]
        runs += [(f"all but {name}", tuple(e for e in EXTENSIONS if e != name)) for name in EXTENSIONS]
        runs += [("all, one module", EXTENSIONS, False), ("all", EXTENSIONS)]
        print(f"{'following':16} {'in scope: TP FP FN  prec.  recall':34}   all: TP FP FN  prec.  recall")
        for label, chosen, *index in runs:
            hits = []
            for name, version, kind, _role in selected:
                hits += detect_package(name, fetch(name, version, kind), chosen, *index)[0]
            totals = {"in": Score(), "all": Score()}
            for score in compare(hits, annotations).scores.values():
                totals["in"].add(score["in"])
                totals["all"].add(score["all"])
            i, a = totals["in"], totals["all"]
            print(f"{label:16} {i.tp:>12} {i.fp:2} {i.fn:2} {i.precision} {i.recall}"
                  f"   {a.tp:>7} {a.fp:2} {a.fn:2} {a.precision} {a.recall}")
        return 0
    hits: list[Hit] = []
    for name, version, kind, _role in selected:
        tree = fetch(name, version, kind)
        package_hits, problems = detect_package(name, tree, index=not args.no_index)
        hits += package_hits
        for problem in problems:
            print(f"skipped {name}: {problem}", file=sys.stderr)
        for a in annotations:
            if a.package == name and not (tree / a.path).is_file():
                raise SystemExit(f"annotation points at a missing file: {name} {a.path}")
    outcome = compare(hits, annotations)
    print(report(outcome, [p[0] for p in selected], annotations))
    if args.update and outcome.unannotated:
        print("\nunannotated findings (review each, then add to annotations.csv):")
        writer = csv.writer(sys.stdout)
        for hit in outcome.unannotated:
            writer.writerow([hit.package, versions[hit.package], hit.path, hit.line, hit.code, "in", hit.message])
    return 0


if __name__ == "__main__":
    sys.exit(main())
