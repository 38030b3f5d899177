"""The project index: every module's summary, and what an imported name is.

``ProjectIndex.resolve("app.hub.hub")`` follows a qualified name to what a module of the
project defines, through re-exports (``from .closing import shut`` in a package's
``__init__``): a function with its wrappers, a class, or an instance of a class.  Names
it cannot follow are simply unknown: never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: How many re-exports a name is followed through.
_MAX_HOPS = 8


def offering(summary: dict | None) -> bool:
    """Does a module's summary offer other modules anything?"""
    return bool(summary) and bool(
        summary["functions"] or summary["instances"]
        or any(entry.get("methods") or entry.get("kinds") for entry in summary["classes"].values()))


@dataclass(frozen=True)
class Target:
    """What a qualified name is in the project."""

    kind: str  # "function", "class" or "instance"
    module: str
    name: str
    #: For a function: its wrapper records; for a class: its entry; for an instance: the
    #: class's qualified name.
    data: Any
    path: str = ""


class ProjectIndex:
    def __init__(self, summaries: dict[str, dict], paths: dict[str, str] | None = None) -> None:
        #: Module name -> its summary.
        self.summaries = summaries
        #: Module name -> its file, as a front end reports it.
        self.paths = paths or {}

    def __bool__(self) -> bool:
        return any(offering(summary) for summary in self.summaries.values())

    def resolve(self, qualname: str | None) -> Target | None:
        for _hop in range(_MAX_HOPS):
            if not qualname:
                return None
            module, name = self._split(qualname)
            if module is None:
                return None
            summary = self.summaries[module]
            path = self.paths.get(module, "")
            if name in summary["functions"]:
                return Target("function", module, name, summary["functions"][name], path)
            if name in summary["classes"]:
                return Target("class", module, name, summary["classes"][name], path)
            if name in summary["instances"]:
                return Target("instance", module, name, summary["instances"][name], path)
            qualname = summary["imports"].get(name)  # a re-export: follow it
        return None

    def offers(self, qualname: str) -> bool:
        """Is ``qualname`` (a module or a name in one) something a caller may use: a module
        with wrappers, library subclasses or instances, or a name that resolves to one?"""
        target = self.resolve(qualname)
        if target is not None and (target.kind != "class" or target.data.get("methods") or target.data.get("kinds")):
            return True
        parts = qualname.split(".")
        return any(offering(self.summaries.get(".".join(parts[:count])))
                   for count in range(len(parts), 0, -1))

    def _split(self, qualname: str) -> tuple[str | None, str]:
        """(indexed module, the name in it) of ``module.name`` (the longest module)."""
        module, _, name = qualname.rpartition(".")
        while module:
            if module in self.summaries and "." not in name:
                return module, name
            module, _, rest = module.rpartition(".")
            name = f"{rest}.{name}"
        return None, qualname

    def method(self, class_qualname: str, name: str) -> tuple[Target, list] | None:
        """A class's method wrappers, through the class's bases in the project."""
        for _hop in range(_MAX_HOPS):
            target = self.resolve(class_qualname)
            if target is None or target.kind != "class":
                return None
            records = target.data.get("methods", {}).get(name)
            if records:
                return target, records
            bases = [base for base in target.data.get("bases", ()) if base]
            class_qualname = next((f"{target.module}{base}" if base.startswith(".") else base for base in bases), None)
        return None

    def defines(self, class_qualname: str, name: str) -> bool:
        """Does the project class define (or inherit from a project base) method ``name``?"""
        target = self.resolve(class_qualname)
        return target is not None and target.kind == "class" and name in target.data.get("defines", ())

    def kinds(self, class_qualname: str) -> list[tuple[str, str]]:
        """(library, kind) names a project class derives from."""
        target = self.resolve(class_qualname)
        return [tuple(pair) for pair in target.data.get("kinds", ())] if target and target.kind == "class" else []
