"""Where a close code may come from: every expression whose value reaches a send.

``Alternatives.of`` expands both arms of ``a if c else b``, every value of a local name
assigned in several blocks (``code = 1006`` in an ``except``), a tuple element unpacked
into a name, a dict entry looked up by a constant key (*named* by its key), and every
value the module's methods assign to an attribute of an object of a known class
(``self.close_code = 1006``).  Each is
judged at its own position.  A name assigned several times in one block is not expanded:
only its last value is ever seen after the block.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING, Iterator

from wscc.model.scopes import UNKNOWN, Scope

if TYPE_CHECKING:
    from wscc.model import ModuleModel

#: How far names and containers are followed.
_MAX_DEPTH = 8


class Alternatives:
    def __init__(self, model: "ModuleModel") -> None:
        self.model = model

    def of(self, node: ast.expr, scope: Scope, depth: int = 0,
                named: bool = False) -> Iterator[tuple[ast.expr, Scope, bool]]:
        """See ``ModuleModel.alternatives``."""
        if depth > _MAX_DEPTH:
            yield node, scope, named
            return
        if isinstance(node, ast.IfExp):
            yield from self.of(node.body, scope, depth + 1, named)
            yield from self.of(node.orelse, scope, depth + 1, named)
            return
        expanded = self._expanded(node, scope)
        if expanded is None:
            yield node, scope, named
            return
        for value, value_scope, by_key in expanded:
            yield from self.of(value, value_scope, depth + 1, named or by_key)

    def _expanded(self, node: ast.expr, scope: Scope) -> list[tuple[ast.expr, Scope, bool]] | None:
        """What ``node`` stands for, when it is a name or a container lookup to look through."""
        if isinstance(node, ast.Name):
            owner = scope.lookup(node.id)
            if owner is None or node.id in owner.params:
                return None
            values = owner.assigned.get(node.id, [])
            if len(values) == 1 and isinstance(values[0], (ast.IfExp, ast.Subscript)):
                return [(values[0], owner, False)]
            if len(values) > 1 and not self._straight_line(values):
                known = [(value, owner, False) for value in values if value is not UNKNOWN and value is not node]
                return known or None
            return None
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant):
            return self._element(node, scope)
        if isinstance(node, ast.Attribute):
            return self._attribute_values(node, scope)
        return None

    def _attribute_values(self, node: ast.Attribute, scope: Scope) -> list[tuple[ast.expr, Scope, bool]] | None:
        """``self.close_code`` or ``error.code``: ``attribute_assignments`` of the object's
        module classes (a class attribute alone is a constant: ``resolve`` names it where
        it is used).  ``self`` may be an instance of a subclass: theirs count too."""
        model = self.model
        method = scope.method_for_self(node.value.id) if isinstance(node.value, ast.Name) else None
        if method is not None and method.enclosing_class is not None:
            cls = method.enclosing_class
            classes = {*model.mro(cls), *(other for other in model.classes.values() if cls in model.mro(other))}
        else:
            classes = {klass for instance in model.classes_of(node.value, scope) for klass in model.mro(instance)}
        return self.attribute_assignments(classes, node.attr) or None

    def attribute_assignments(self, classes, attribute: str) -> list[tuple[ast.expr, Scope, bool]]:
        """The values the module's methods assign to ``self.<attribute>`` in these classes
        (in source order), and their class bodies' own unless an ``__init__`` assigns it
        (which hides them from every instance); empty when no method assigns it."""
        model = self.model
        found = []
        assigned_in_init = False
        classes = sorted(classes, key=lambda klass: (klass.lineno, klass.col_offset))
        for cls in classes:
            for method_scope, value, _annotation in model.attributes.get(cls, {}).get(attribute, ()):
                assigned_in_init = assigned_in_init or method_scope.function_name == "__init__"
                if value is not None and value is not UNKNOWN:
                    found.append((value, method_scope, False))
        if found and not assigned_in_init:
            for cls in classes:
                class_scope = model.scopes.get(cls)
                for value in class_scope.assigned.get(attribute, ()) if class_scope is not None else ():
                    if value is not UNKNOWN:
                        found.append((value, class_scope, False))
        return found

    def _straight_line(self, values: list[ast.expr]) -> bool:
        """Are all these assignments statements of one block (``X = 1006`` then ``X = 1000``)?
        Then only the last one is ever seen after the block: none is followed."""
        parents = self.model.parents
        blocks = set()
        for value in values:
            statement = parents.get(value)
            while statement is not None and not isinstance(statement, ast.stmt):
                statement = parents.get(statement)
            blocks.add(id(parents.get(statement)) if statement is not None else None)
        return len(blocks) == 1 and None not in blocks

    def _element(self, node: ast.Subscript, scope: Scope) -> list[tuple[ast.expr, Scope, bool]] | None:
        """``(1006, "x")[0]`` (what tuple unpacking binds) and ``CODES["crash"]``."""
        container, container_scope = self._display(node.value, scope)
        key = node.slice.value
        if isinstance(container, (ast.Tuple, ast.List)) and type(key) is int and -len(container.elts) <= key < len(
                container.elts) and not any(isinstance(e, ast.Starred) for e in container.elts):
            return [(container.elts[key], container_scope, False)]
        if isinstance(container, ast.Dict):
            for entry_key, value in zip(container.keys, container.values):
                if isinstance(entry_key, ast.Constant) and entry_key.value == key:
                    return [(value, container_scope, True)]
        return None

    def _display(self, node: ast.expr, scope: Scope) -> tuple[ast.expr | None, Scope]:
        """A tuple, list or dict display, written here or bound once to a name."""
        if isinstance(node, (ast.Tuple, ast.List, ast.Dict)):
            return node, scope
        if isinstance(node, ast.Name):
            owner = scope.lookup(node.id)
            values = owner.assigned.get(node.id, []) if owner is not None and node.id not in owner.params else []
            if len(values) == 1 and isinstance(values[0], (ast.Tuple, ast.List, ast.Dict)):
                return values[0], owner
        return None, scope
