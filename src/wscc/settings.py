"""What a run checks for: the settings every front end hands the detector."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Mapping

from wscc.rules import default_enabled


@dataclass(frozen=True)
class Settings:
    #: Extra names that hold a WebSocket (parameters, variables, attributes).
    receiver_names: frozenset[str] = frozenset()
    #: Codes that may be written as literals without a WSC2xx finding.
    allowed_codes: frozenset[int] = frozenset()
    #: Which rules are on; the most severe enabled rule is reported per argument.
    enabled: Callable[[str], bool] = default_enabled
    #: The user's own constants for libraries without any (``fallback-constants``):
    #: (library name, code) -> a ``wscc.checks.Replacement`` naming it, or ``None``.
    fallback: Callable[[str, int], object] | None = None
    #: The checked file, when it is one: a new import must not shadow a sibling
    #: submodule or a name its package re-exports (``wscc.spelling``).
    path: str | None = None
    #: Distribution name -> the lowest version the project allows (``wscc.floors``):
    #: no constant newer than that is written.
    floors: Mapping[str, str] = field(default_factory=dict)


DEFAULT_SETTINGS = Settings()
