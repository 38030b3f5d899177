"""What value an expression has, as far as static analysis can tell.

``ValueInference.resolve`` follows literals, signs and folded arithmetic, names bound once,
members of the module's classes and enums, ``self.CODE`` class attributes, ``.value``,
and the constants of the libraries (``status.WS_1008_POLICY_VIOLATION``) and of
``http.HTTPStatus``.  It answers ``None`` when the value cannot be known.
"""

from __future__ import annotations

import ast
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


@dataclass(frozen=True)
class EnumMember:
    """A member of a plain (not int-based) ``Enum`` defined in the module: not an int."""

    enum: str
    member: str
    value: object

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
        return library_constant(qualname) if qualname else None

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
        return inner and Value(inner.value, False, inner.http_status, False, inner.spelled)

    def _bound_once(self, name: str, owner: Scope, depth: int) -> Value | None:
        values = owner.assigned.get(name, [])
        if len(values) == 1 and name not in owner.params and values[0] is not UNKNOWN:
            inner = self.resolve(values[0], owner, depth + 1)
            if inner is not None:
                return Value(inner.value, False, inner.http_status, inner.int_enum, name, inner.constant)
        return None

    def _attribute(self, node: ast.Attribute, scope: Scope, depth: int) -> Value | None:
        method = scope.method_for_self(node.value.id) if isinstance(node.value, ast.Name) else None
        if method is not None:
            return (self._self_constant(node.attr, method)
                    or self._self_class_attribute(node.attr, method.enclosing_class, depth))
        return self._class_member(node, scope, depth)

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
            return Value(EnumMember(cls.name, node.attr, inner.value), False, spelled=f"{cls.name}.{node.attr}")
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
        """A module-level name (or class member) bound to exactly ``value``, to reuse."""
        if value not in self._local_constants:
            self._local_constants[value] = self._find_local_constant(value)
        return self._local_constants[value]

    def _find_local_constant(self, value: int) -> str | None:
        model = self.model
        for name, values in model.scope.assigned.items():
            if name.isupper() and _is_int_literal(values, value):
                return name
        for cls in model.classes.values():
            # Only a class bound once at module level can be named from anywhere; a
            # plain Enum's members are not ints.
            if (model.node_scopes.get(id(cls)) is not model.scope or len(model.scope.assigned.get(cls.name, ())) != 1
                    or self.enum_kind(cls) == PLAIN_ENUM):
                continue
            for name, values in model.scopes[cls].assigned.items():
                if _is_int_literal(values, value):
                    return f"{cls.name}.{name}"
        return None


def _is_int_literal(values: list[ast.expr], value: int) -> bool:
    """Bound once, to exactly the int literal ``value``."""
    return (len(values) == 1 and isinstance(values[0], ast.Constant)
            and type(values[0].value) is int and values[0].value == value)
