"""What value an expression has, as far as static analysis can tell.

``ValueInference.resolve`` follows literals, signs and folded arithmetic, names bound once,
members of the module's classes and enums, ``self.CODE`` class attributes (also read
through an instance: ``error.CODE``), ``.value``, the constants of the libraries
(``status.WS_1008_POLICY_VIOLATION``) and of ``http.HTTPStatus``, and, with the project
index, the names other modules of the project bind (as their own models resolve them).
It answers ``None`` when the value cannot be known.  ``resolve_all`` also answers for an
attribute of an instance of another module's class: every value that class assigns it.
"""

from __future__ import annotations

import ast
import dataclasses
import http
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from wscc.libraries import CONSTANT_SETS
from wscc.model.scopes import UNKNOWN, Scope

if TYPE_CHECKING:
    from wscc.model import ModuleModel

_FOLDED_OPERATORS = (ast.Add, ast.Sub, ast.Mult, ast.Pow)
#: Folding stops beyond this many bits: a hostile ``9**9**9`` or a deep product must
#: neither hang the linter nor make a number too long to print.
_MAX_FOLDED_BITS = 4096
#: How far a chain of names and members is followed.
_MAX_DEPTH = 8

#: How the bases of int-valued enums end.
_INT_ENUM_SUFFIXES = ("IntEnum", "IntFlag")
#: Only the standard library's own plain enums: a base imported from elsewhere may be
#: int-based, and calling its members "not an int" would be a guess.
_PLAIN_ENUMS = frozenset({"enum.Enum", "enum.Flag", "enum.StrEnum"})

#: Enum kinds (``ValueInference.enum_kind``).
INT_ENUM = "int"
PLAIN_ENUM = "plain"

_HTTP_NAME = re.compile(r"HTTP_(\d{3})(?:_|$)")


@dataclass(frozen=True)
class Value:
    """What a code expression evaluates to, as far as static analysis can tell."""

    value: object
    literal: bool  # written as a literal right here
    http_status: bool = False  # spelled as an HTTP status constant
    int_enum: bool = False
    spelled: str = ""  # how the source names it, for messages
    #: The library constant it is, by qualified name (through names bound to it too): some
    #: libraries treat a constant by identity (wsproto's ``CloseReason.NO_STATUS_RCVD``).
    constant: str | None = None
    #: Where another module of the project binds it: (its file, the line), for a name
    #: imported from there.
    origin: tuple[str, int] | None = None
    #: Written as a literal there, in another module (a magic number, but one to name
    #: where it is written, not here).
    literal_at_origin: bool = False


@dataclass(frozen=True)
class EnumMember:
    """A member of a plain (not int-based) ``Enum`` defined in the module: not an int."""

    enum: str
    member: str
    value: object
    #: A ``StrEnum`` (or ``(str, Enum)``) member: equal to its string wherever compared.
    is_str: bool = False

    def __str__(self) -> str:
        return f"{self.enum}.{self.member}"


def _fold(op: ast.operator, left: int, right: int) -> int | None:
    if isinstance(op, ast.Pow):
        if not 0 <= right <= 64 or left.bit_length() > 64:
            return None
        result = left**right
    elif isinstance(op, ast.Mult):
        if left.bit_length() + right.bit_length() > _MAX_FOLDED_BITS:
            return None
        result = left * right
    else:
        result = left + right if isinstance(op, ast.Add) else left - right
    return result if result.bit_length() <= _MAX_FOLDED_BITS else None


def _is_foldable(value: Value) -> bool:
    return type(value.value) is int or (isinstance(value.value, int) and value.int_enum)


def library_constant(qualname: str) -> Value | None:
    """The value of a library's named constant (or of an ``HTTPStatus`` member)."""
    container, _, member = qualname.rpartition(".")
    for name, constant_set in CONSTANT_SETS:
        if container == name:
            if member in constant_set.members:
                return Value(constant_set.members[member], False, int_enum=constant_set.int_enum,
                             spelled=qualname, constant=qualname)
            match = _HTTP_NAME.match(member) if constant_set.http_status_prefix else None
            if match:
                return Value(int(match.group(1)), False, http_status=True, spelled=qualname)
    if container == "http.HTTPStatus" and member in http.HTTPStatus.__members__:
        return Value(int(http.HTTPStatus[member]), False, http_status=True, int_enum=True, spelled=qualname)
    return None


class ValueInference:
    def __init__(self, model: "ModuleModel") -> None:
        self.model = model
        self._local_constants: dict[int, str | None] = {}
        self._close_codes: dict[int, str] | None = None
        self._stores: set[tuple[str, str]] | None = None

    def resolve(self, node: ast.expr, scope: Scope, depth: int = 0) -> Value | None:
        """The value of a code expression, or ``None`` if it cannot be known statically."""
        if depth > _MAX_DEPTH:
            return None
        if isinstance(node, ast.Constant):
            return Value(node.value, literal=True)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            return self._signed(node, scope, depth)
        if isinstance(node, ast.BinOp) and isinstance(node.op, _FOLDED_OPERATORS):
            return self._folded(node, scope, depth)
        if isinstance(node, ast.Attribute) and node.attr == "value":
            return self._dot_value(node, scope, depth)
        if isinstance(node, ast.Name):
            owner = scope.lookup(node.id)
            if owner is not None:
                return self._bound_once(node.id, owner, depth)
        if isinstance(node, ast.Attribute):
            found = self._attribute(node, scope, depth)
            if found is not None:
                return found
        if isinstance(node, ast.Call):
            return self._int_call(node, scope, depth)
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            # ``AppClose["CRASHED"]``: an enum member looked up by name.
            return self.resolve(ast.Attribute(node.value, node.slice.value, ast.Load()), scope, depth + 1)
        qualname = self.model.qualname(node, scope)
        if not qualname:
            return None
        found = library_constant(qualname)
        if found is None and self.model.project is not None and not qualname.startswith("."):
            # A name another module of the project binds: read as that module reads it.
            found = self.model.project.constant(qualname, depth)
            if found is not None and not isinstance(found.value, EnumMember):
                found = dataclasses.replace(found, literal=False, spelled=ast.unparse(node))
        return found

    def resolve_all(self, node: ast.expr, scope: Scope) -> list[Value]:
        """See ``ModuleModel.resolve_all``: what ``obj.attr`` may hold when ``obj`` is an
        instance of classes of other modules (``processor = Processor(msg)`` with
        ``Processor`` taken from another module's dict of classes), as each value is
        judged: spelled as read here, with where it comes from."""
        found = self.resolve(node, scope)
        if found is not None:
            return [found]
        model = self.model
        if not isinstance(node, ast.Attribute) or model.project is None or (
                isinstance(node.value, ast.Name) and scope.method_for_self(node.value.id) is not None):
            return []
        spelled = ast.unparse(node)
        return [dataclasses.replace(value, literal=False, spelled=spelled, literal_at_origin=value.literal)
                for value in model.project.attribute_values(model.instance_classes(node.value, scope), node.attr)
                if value.value is not None]

    def instance_attribute_values(self, cls: ast.ClassDef, attribute: str, depth: int = 0) -> list[tuple[Value, int]]:
        """(value, its line) of each value an instance of ``cls`` may hold in ``attribute``:
        what the module's methods assign (``ModuleModel.attribute_assignments``), else
        the class body's constant (``code = 4001``, also in an in-module base)."""
        model = self.model
        classes = list(model.mro(cls))
        assignments = model.attribute_assignments(classes, attribute)
        found = []
        if assignments:
            for value, value_scope, _named in assignments:
                for branch, branch_scope, _branch_named in model.alternatives(value, value_scope):
                    inner = self.resolve(branch, branch_scope, depth + 1)
                    if inner is not None:
                        found.append((inner, branch.lineno))
            return found
        inner = self._self_class_attribute(attribute, cls, depth)
        for klass in classes:
            class_scope = model.scopes.get(klass)
            values = class_scope.assigned.get(attribute, []) if class_scope is not None else []
            if inner is not None and len(values) == 1:
                return [(inner, values[0].lineno)]
        return []

    def _int_call(self, node: ast.Call, scope: Scope, depth: int) -> Value | None:
        """``int(CloseCode.ABNORMAL_CLOSURE)``: the builtin ``int`` of a known int."""
        if not (isinstance(node.func, ast.Name) and node.func.id == "int" and scope.lookup("int") is None
                and len(node.args) == 1 and not node.keywords):
            return None
        inner = self.resolve(node.args[0], scope, depth + 1)
        if inner is None or not isinstance(inner.value, int) or isinstance(inner.value, bool):
            return None
        return Value(int(inner.value), False, inner.http_status, False, ast.unparse(node))

    def _signed(self, node: ast.UnaryOp, scope: Scope, depth: int) -> Value | None:
        inner = self.resolve(node.operand, scope, depth + 1)
        if inner and isinstance(inner.value, (int, float)) and not isinstance(inner.value, bool):
            sign = -1 if isinstance(node.op, ast.USub) else 1
            return Value(sign * inner.value, inner.literal, spelled=inner.spelled)
        return None

    def _folded(self, node: ast.BinOp, scope: Scope, depth: int) -> Value | None:
        # ``4000 + HTTPStatus.FORBIDDEN``, ``1000 + 6``, ``2**16``: folded, not a literal.
        left = self.resolve(node.left, scope, depth + 1)
        right = self.resolve(node.right, scope, depth + 1) if left else None
        if left and right and _is_foldable(left) and _is_foldable(right):
            folded = _fold(node.op, int(left.value), int(right.value))
            if folded is not None:
                return Value(folded, False, spelled=ast.unparse(node))
        return None

    def _dot_value(self, node: ast.Attribute, scope: Scope, depth: int) -> Value | None:
        inner = self.resolve(node.value, scope, depth + 1)
        if inner is not None and isinstance(inner.value, EnumMember):
            return Value(inner.value.value, False, spelled=f"{inner.value}.value")
        # Not an enum member any more, nor a library constant (wsproto's identity checks).
        return inner and dataclasses.replace(inner, literal=False, int_enum=False, constant=None)

    def _bound_once(self, name: str, owner: Scope, depth: int) -> Value | None:
        values = owner.assigned.get(name, [])
        if len(values) == 1 and name not in owner.params and values[0] is not UNKNOWN:
            inner = self.resolve(values[0], owner, depth + 1)
            if inner is not None:
                return dataclasses.replace(inner, literal=False, spelled=name)
        return None

    def _attribute(self, node: ast.Attribute, scope: Scope, depth: int) -> Value | None:
        method = scope.method_for_self(node.value.id) if isinstance(node.value, ast.Name) else None
        if method is not None:
            return (self._self_constant(node.attr, method)
                    or self._self_class_attribute(node.attr, method.enclosing_class, depth))
        return self._class_member(node, scope, depth) or self._instance_class_attribute(node, scope, depth)

    def _instance_class_attribute(self, node: ast.Attribute, scope: Scope, depth: int) -> Value | None:
        """``error.code`` for ``code = 4001`` in the body of the one module class ``error``
        is an instance of (``except AuthError as error``, ``error = AuthError()``), unless
        a method assigns it too."""
        classes = self.model.classes_of(node.value, scope)
        if len(classes) != 1:
            return None
        inner = self._self_class_attribute(node.attr, classes[0], depth)
        return inner and dataclasses.replace(inner, spelled=ast.unparse(node))

    def _class_member(self, node: ast.Attribute, scope: Scope, depth: int) -> Value | None:
        """``Codes.AUTH`` for a class (an enum or a namespace) defined in the module."""
        model = self.model
        if not (isinstance(node.value, ast.Name) and scope.lookup(node.value.id) is model.scope
                and node.value.id in model.classes):
            return None
        cls = model.classes[node.value.id]
        class_scope = model.scopes[cls]
        values = class_scope.assigned.get(node.attr, [])
        if len(values) != 1 or values[0] is UNKNOWN:
            return None
        inner = self.resolve(values[0], class_scope, depth + 1)
        if inner is None:
            return None
        kind = self.enum_kind(cls)
        if kind == PLAIN_ENUM:
            member = EnumMember(cls.name, node.attr, inner.value, self._is_str_enum(cls))
            return Value(member, False, spelled=f"{cls.name}.{node.attr}")
        return Value(inner.value, False, inner.http_status, kind == INT_ENUM, f"{cls.name}.{node.attr}")

    def enum_kind(self, cls: ast.ClassDef, seen: frozenset = frozenset()) -> str | None:
        """``INT_ENUM`` for an IntEnum/IntFlag (or ``(int, Enum)``), ``PLAIN_ENUM`` for
        another Enum, ``None`` for an ordinary class; through in-module base classes."""
        model = self.model
        names = [model.qualname(base, model.scope) or "" for base in cls.bases]
        if any(name.endswith(_INT_ENUM_SUFFIXES) for name in names):
            return INT_ENUM
        inherited = [
            self.enum_kind(model.classes[base.id], seen | {cls.name})
            for base in cls.bases
            if isinstance(base, ast.Name) and base.id in model.classes and base.id not in seen | {cls.name}
        ]
        if INT_ENUM in inherited:
            return INT_ENUM
        if any(name in _PLAIN_ENUMS for name in names) or PLAIN_ENUM in inherited:
            has_int = any(isinstance(base, ast.Name) and base.id == "int" for base in cls.bases)
            return INT_ENUM if has_int else PLAIN_ENUM
        return None

    def _is_str_enum(self, cls: ast.ClassDef, seen: frozenset = frozenset()) -> bool:
        """Is an enum of the module str-based: ``StrEnum``, or ``str`` among its bases
        (also through in-module base classes)?"""
        model = self.model
        for base in cls.bases:
            if model.qualname(base, model.scope) == "enum.StrEnum" or (
                    isinstance(base, ast.Name) and base.id == "str" and model.scope.lookup("str") is None):
                return True
            if isinstance(base, ast.Name) and base.id in model.classes and base.id not in seen | {cls.name}:
                if self._is_str_enum(model.classes[base.id], seen | {cls.name}):
                    return True
        return False

    def _self_class_attribute(self, attr: str, cls: ast.ClassDef, depth: int,
                              seen: frozenset = frozenset()) -> Value | None:
        """``self.CODE`` for ``CODE = 4001`` in the class body (or an in-module base),
        unless some method also assigns ``self.CODE``."""
        model = self.model
        if cls.name in seen or model.attributes.get(cls, {}).get(attr):
            return None
        class_scope = model.scopes.get(cls)
        values = class_scope.assigned.get(attr, []) if class_scope else []
        if len(values) == 1 and values[0] is not UNKNOWN:
            inner = self.resolve(values[0], class_scope, depth + 1)
            return inner and Value(inner.value, False, inner.http_status, inner.int_enum, f"self.{attr}")
        for base in cls.bases:
            if isinstance(base, ast.Name) and base.id in model.classes:
                found = self._self_class_attribute(attr, model.classes[base.id], depth + 1, seen | {cls.name})
                if found is not None:
                    return found
        return None

    def _self_constant(self, attr: str, scope: Scope) -> Value | None:
        """``self.CLOSE_STATUS_CODE_NORMAL`` in a subclass of a library with such constants."""
        for library, _kind in self.model.class_kinds(scope.enclosing_class):
            for constant_set in library.constants:
                if constant_set.style == "self" and attr in constant_set.members:
                    return Value(constant_set.members[attr], False, spelled=f"self.{attr}")
        return None

    def local_constant_for(self, value: int) -> str | None:
        """A name of the module that is a close code of exactly ``value``, to reuse: see
        ``local_close_codes``."""
        if value not in self._local_constants:
            self._local_constants[value] = self.local_close_codes().get(value)
        return self._local_constants[value]

    def local_close_codes(self) -> dict[int, str]:
        """value -> the first module name (``CODE``) or class member (``Codes.CODE``) that
        the module already sends as a close code and that is that int wherever it is
        read: bound once, unconditionally, at module level (a member: directly in the
        body of such a class, which is a plain namespace or an int enum by its real
        ancestry), never rebound (``global``, ``del``, an attribute assignment, a second
        binding), and not a field of a dataclass, ``NamedTuple`` or model class (those
        are descriptors or declarations).  A name that merely has the value is not a
        close-code name."""
        if self._close_codes is None:
            self._close_codes = {}
            for name in self.model.close_code_names:
                value = self._reusable_value(name)
                if value is not None and value not in self._close_codes:
                    self._close_codes[value] = name
        return self._close_codes

    def _reusable_value(self, name: str) -> int | None:
        model = self.model
        head, _, member = name.partition(".")
        statement = _single_module_statement(model.tree.body, head)
        if statement is None or model.bindings_of(model.tree)[head] != 1 or head in model.globals_declared:
            return None
        if not member:
            return _int_assigned(statement, head)
        if not isinstance(statement, ast.ClassDef) or statement.decorator_list or statement.keywords \
                or not self._is_int_namespace(statement) or (head, member) in self._stored_attributes():
            return None
        inner = _single_module_statement(statement.body, member)
        if inner is None or model.bindings_of(statement)[member] != 1:
            return None
        return _int_assigned(inner, member)

    def _is_int_namespace(self, cls: ast.ClassDef, seen: frozenset = frozenset()) -> bool:
        """A class whose members are the ints assigned in its body: no base (or
        ``object``), or an int enum by its real ancestry (``IntEnum``, ``IntFlag``,
        Django's ``IntegerChoices``, ``(int, Enum)``; through the module's own classes).
        A base the model cannot see into may make members descriptors: not one."""
        names = [self.model.qualname(base, self.model.scope) for base in cls.bases]
        if not cls.bases or names == ["builtins.object"] or all(
                isinstance(base, ast.Name) and base.id == "object" for base in cls.bases):
            return True
        if any(name in _INT_ENUM_BASES for name in names):
            return True
        if any(isinstance(base, ast.Name) and base.id == "int" for base in cls.bases) \
                and any(name in _PLAIN_ENUMS for name in names):
            return True
        local = [base.id for base in cls.bases if isinstance(base, ast.Name) and base.id in self.model.classes]
        if len(local) == len(cls.bases) and cls.name not in seen:
            return all(self._is_int_namespace(self.model.classes[base], seen | {cls.name}) for base in local)
        return False

    def _stored_attributes(self) -> set[tuple[str, str]]:
        """``(Name, attr)`` of every ``Name.attr = ...`` / ``del Name.attr`` in the module."""
        if self._stores is None:
            self._stores = {
                (node.value.id, node.attr) for node in ast.walk(self.model.tree)
                if isinstance(node, ast.Attribute) and isinstance(node.ctx, (ast.Store, ast.Del))
                and isinstance(node.value, ast.Name)
            }
        return self._stores


#: Int-enum base classes, by qualified name.
_INT_ENUM_BASES = frozenset({
    "enum.IntEnum", "enum.IntFlag", "django.db.models.IntegerChoices", "django.db.models.enums.IntegerChoices",
})


def _single_module_statement(body: list[ast.stmt], name: str) -> ast.stmt | None:
    """The statement directly in ``body`` (not under ``if``/``try``/``with``) that binds
    ``name``, if exactly one does."""
    found = [statement for statement in body if name in _direct_names(statement)]
    return found[0] if len(found) == 1 else None


def _direct_names(statement: ast.stmt) -> set[str]:
    if isinstance(statement, ast.Assign):
        return {target.id for target in statement.targets if isinstance(target, ast.Name)}
    if isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name):
        return {statement.target.id}
    if isinstance(statement, ast.ClassDef):
        return {statement.name}
    return set()


def _int_assigned(statement: ast.stmt, name: str) -> int | None:
    """The int literal ``name = <int>`` (or ``name: int = <int>``) binds, if that."""
    if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
        value = statement.value
    elif isinstance(statement, ast.AnnAssign) and statement.value is not None:
        value = statement.value
    else:
        return None
    return value.value if isinstance(value, ast.Constant) and type(value.value) is int else None
