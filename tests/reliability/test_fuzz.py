"""Property tests: generated Python never crashes the detector, and wscc-fix output always
parses, is idempotent and differs from its input only in the intended edits.

CI runs a fixed (derandomized) batch; ``WSCC_FUZZ_EXAMPLES=5000`` runs a longer one (see
docs/reliability.md).
"""

from __future__ import annotations

import ast
import os
import warnings

import hypothesmith
import pytest
from hypothesis import HealthCheck, assume, event, given, note, settings
from hypothesis import strategies as st

from wscc.detector import DEFAULT_SETTINGS, detect, detect_source, might_send
from wscc.fix import fix_bytes
from wscc.registry import CodeClass, lookup

from .helpers import HANDLER_TEMPLATES, unintended_edits

#: Hundreds of generated modules per property: seconds each, so out of the inner loop.
pytestmark = pytest.mark.slow

#: Examples per property in CI; the grammar-based batch is the ">= 200 modules" one.
EXAMPLES = int(os.environ.get("WSCC_FUZZ_EXAMPLES", "200"))
#: hypothesmith.from_node is ~10x slower per example than from_grammar.
SLOW_EXAMPLES = int(os.environ.get("WSCC_FUZZ_EXAMPLES", "25"))

FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=not os.environ.get("WSCC_FUZZ_RANDOM"),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
SLOW_FUZZ = settings(FUZZ, max_examples=SLOW_EXAMPLES)

#: Every library's own import line, so the detector's full walk runs on generated code.
ALL_LIBRARY_IMPORTS = (
    "import websockets\nimport websocket\nimport aiohttp\nimport starlette\nimport fastapi\n"
    "import wsproto\nimport tornado\nimport autobahn\nimport litestar\nimport channels\n"
)


def _parse(source: str) -> ast.Module | None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return None


# ----------------------------------------------------------------------------- generated modules


@FUZZ
@given(hypothesmith.from_grammar())
def test_detector_never_crashes_on_generated_modules(source):
    tree = _parse(source)
    assume(tree is not None)
    detect(tree)  # without the text gate: every node is walked
    with_imports = _parse(ALL_LIBRARY_IMPORTS + source)
    if with_imports is not None:  # e.g. not when the module starts with ``from __future__``
        detect(with_imports)
    detect_source(source)


@SLOW_FUZZ
@given(hypothesmith.from_node())
def test_detector_never_crashes_on_generated_syntax_trees(source):
    tree = _parse(source)
    assume(tree is not None)
    detect(tree)
    for template in HANDLER_TEMPLATES.values():
        combined = _parse(template.format(code=1008) + "\n" + source)
        if combined is not None:
            detect(combined)


# ----------------------------------------------------------------------------- close codes

#: Names a handler module may spell a code with: library constants (some wrong for the
#: library, on purpose), HTTP statuses, and names nothing defines.
CONSTANT_SPELLINGS = [
    "CloseCode.POLICY_VIOLATION", "websockets.frames.CloseCode.ABNORMAL_CLOSURE",
    "aiohttp.WSCloseCode.OK", "WSCloseCode.GOING_AWAY", "status.WS_1008_POLICY_VIOLATION",
    "status.HTTP_403_FORBIDDEN", "CloseReason.NO_STATUS_RCVD", "websocket.STATUS_NORMAL",
    "self.CLOSE_STATUS_CODE_NORMAL", "http.HTTPStatus.NOT_FOUND", "HTTPStatus.FORBIDDEN",
    "WS_1000_NORMAL_CLOSURE", "undefined_name", "settings.CLOSE_CODE", "True", "None", "...",
]

int_codes = st.one_of(
    # Far beyond 64 bits: the registry once had holes past +-2**63 (AssertionError).
    st.integers(min_value=-(2**80), max_value=2**80),
    st.integers(min_value=990, max_value=5010),
    st.sampled_from([0, 999, 1000, 1004, 1005, 1006, 1010, 1014, 1015, 1016, 2999, 3000, 4999, 5000, 65535, 65536, 70000]),
)
#: The rule a literal int is reported under (default rules), by its registry class.
RULES_BY_CLASS = {
    CodeClass.OUT_OF_RANGE: {"WSC103"},
    CodeClass.RESERVED_NEVER_SEND: {"WSC101"},
    CodeClass.RESERVED_FUTURE: {"WSC102"},
    CodeClass.UNASSIGNED_PROTOCOL: {"WSC104"},
    CodeClass.REGISTERED_APPLICATION: {"WSC203"},
    CodeClass.UNREGISTERED_APPLICATION: {"WSC203"},
    CodeClass.PRIVATE: {"WSC203"},
    # A library constant exists (WSC201) or not (WSC202); autobahn and Channels under
    # daphne refuse some standard codes at run time (WSC108).
    CodeClass.STANDARD: {"WSC201", "WSC202", "WSC108"},
}
#: Templates on the client side, where 1010 (client only, WSC105) is a standard code.
CLIENT_TEMPLATES = {"websocket_client"}

code_expressions = st.one_of(
    int_codes.map(str),
    int_codes.map(lambda n: f"({n})"),
    int_codes.map(lambda n: hex(n) if n >= 0 else str(n)),
    st.floats(allow_nan=True, allow_infinity=True).map(repr).map(
        lambda r: {"nan": "float('nan')", "inf": "float('inf')", "-inf": "-float('inf')"}.get(r, r)),
    st.text(max_size=20).map(repr),
    st.binary(max_size=10).map(repr),
    st.sampled_from(CONSTANT_SPELLINGS),
    st.tuples(int_codes, int_codes).map(lambda pair: f"{pair[0]} + {pair[1]}"),
    int_codes.map(lambda n: f"-{n}" if n >= 0 else f"-({n})"),
)


@FUZZ
@given(library=st.sampled_from(sorted(HANDLER_TEMPLATES)), code=code_expressions)
def test_detector_never_crashes_on_random_close_codes(library, code):
    source = HANDLER_TEMPLATES[library].format(code=code)
    tree = _parse(source)
    assume(tree is not None)
    findings = detect(tree)
    note(repr([(f.code, f.value) for f in findings]))
    # At most one finding per argument (the code, and the reason if any).
    assert len(findings) <= 2


@FUZZ
@given(library=st.sampled_from(sorted(HANDLER_TEMPLATES)), code=int_codes)
def test_literal_int_codes_are_judged_by_their_range(library, code):
    """The rules' premises hold for every library template: a reserved code is WSC101
    and a code outside 1000-4999 is WSC103, whatever else is true of it."""
    findings = detect_source(HANDLER_TEMPLATES[library].format(code=code))
    # One literal, one finding: the most severe rule that applies.
    assert len(findings) == 1, findings
    entry = lookup(code)
    if entry.client_only and library not in CLIENT_TEMPLATES:
        expected = {"WSC105"}
    else:
        expected = RULES_BY_CLASS[entry.code_class]
    assert findings[0].code in expected, (entry.label, findings)


@SLOW_FUZZ
@given(
    library=st.sampled_from(sorted(HANDLER_TEMPLATES)),
    code=code_expressions,
    surrounding=hypothesmith.from_node(),
)
def test_detector_never_crashes_on_close_codes_in_generated_modules(library, code, surrounding):
    handler = HANDLER_TEMPLATES[library].format(code=code)
    for source in (handler + "\n" + surrounding, surrounding + "\n" + handler):
        tree = _parse(source)
        if tree is not None:
            detect(tree)


# ----------------------------------------------------------------------------- wscc-fix

#: Standard and private codes: the ones wscc-fix may rename (plus some it must leave).
fixable_codes = st.sampled_from([1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014,
                                 3000, 4000, 4001, 4999, 1005, 1006, 1015, 70000])


def _fix(source: bytes) -> tuple[bytes, str | None]:
    result = fix_bytes(source, "fuzzed.py", DEFAULT_SETTINGS)
    return (result.new if result.changed else source), result.problem


def _check_fix(source: str) -> None:
    before = source.encode("utf-8")
    after, problem = _fix(before)
    note(f"problem: {problem}")
    event("rewritten" if after != before else f"unchanged ({'problem' if problem else 'nothing to name'})")
    if after == before:
        return
    assert _parse(after.decode("utf-8")) is not None, after.decode()
    assert unintended_edits(before, after) == [], (source, after.decode())
    again, _ = _fix(after)
    assert again == after, "not idempotent"


@FUZZ
@given(
    library=st.sampled_from(sorted(HANDLER_TEMPLATES)),
    codes=st.lists(fixable_codes, min_size=1, max_size=3),
    line_ending=st.sampled_from(["\n", "\r\n"]),
    noqa=st.booleans(),
)
def test_fix_output_parses_is_idempotent_and_minimal(library, codes, line_ending, noqa):
    template = HANDLER_TEMPLATES[library]
    parts = [template.format(code=codes[0])]
    for index, code in enumerate(codes[1:]):
        # More handlers in the same module, reusing (or clashing with) the same imports.
        parts.append(template.format(code=code).replace("handler", f"handler_{index}")
                     .replace("endpoint", f"endpoint_{index}").replace("class Handler", f"class Handler{index}")
                     .replace("class Protocol", f"class Protocol{index}").replace("class Consumer", f"class Consumer{index}")
                     .replace("def run", f"def run_{index}").replace("def app", f"def app_{index}")
                     .replace("def close_frame", f"def close_frame_{index}"))
    source = "\n\n".join(parts)
    if noqa:
        source = source.replace(f"{codes[0]})", f"{codes[0]})  # noqa: WSC201", 1)
    source = source.replace("\n", line_ending)
    assume(_parse(source) is not None)
    _check_fix(source)


@SLOW_FUZZ
@given(
    library=st.sampled_from(sorted(HANDLER_TEMPLATES)),
    code=fixable_codes,
    surrounding=hypothesmith.from_node(),
    handler_first=st.booleans(),
)
def test_fix_in_generated_modules(library, code, surrounding, handler_first):
    handler = HANDLER_TEMPLATES[library].format(code=code)
    source = handler + "\n" + surrounding if handler_first else surrounding + "\n" + handler
    assume(_parse(source) is not None)
    _check_fix(source)


def test_templates_are_recognised():
    """The spliced templates must exercise the send-finding path, or the fuzzing above
    would prove nothing."""
    for library, template in HANDLER_TEMPLATES.items():
        source = template.format(code=1006)
        assert might_send(source), library
        assert [f.code for f in detect_source(source)] == ["WSC101"], library


def test_templates_give_the_fix_properties_something_to_rewrite():
    """The fix properties return early for a file left unchanged, so some templates must
    be rewritten: exactly those where 1008 is a WSC201 (a library constant exists)."""
    rewritten, named = set(), set()
    for library, template in HANDLER_TEMPLATES.items():
        source = template.format(code=1008)
        if [f.code for f in detect_source(source)] == ["WSC201"]:
            named.add(library)
        if fix_bytes(source.encode(), "template.py", DEFAULT_SETTINGS).changed:
            rewritten.add(library)
    assert rewritten == named and len(rewritten) >= len(HANDLER_TEMPLATES) // 2, (rewritten, named)
