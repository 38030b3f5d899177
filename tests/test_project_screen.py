"""The screen that finds the modules that may call what the project index offers
(``wscc.project.index.Screen``): a module can import an offer only by naming, as a whole
word, a module that offers or re-exports it, or through a relative import."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wscc.project.index import ProjectIndex, Screen


@pytest.mark.parametrize(("text", "passes"), [
    ("from app.hub import drop\n", True),
    ("import app.hub as h\n", True),
    ("from app import center\n", True),  # ``app`` re-exports the hub's instance
    ("from . import center\n", True),  # relative: names no module
    ("from .sibling import thing\n", True),
    ("from.sibling import thing\n", True),
    ("from \\\n    .sibling import thing\n", True),
    ("import hubs\nfrom happy import apps\n", False),  # not whole words
    ("import json\n", False),
])
def test_a_module_passes_when_it_names_an_offering_module_or_imports_relatively(text: str, passes: bool) -> None:
    screen = Screen(["hub", "app"])
    assert screen.passes(text) is passes
    assert screen.passing([text]) == ([0] if passes else [])


def test_without_words_nothing_passes() -> None:
    assert not Screen([]).passes("from . import center\n")
    assert Screen([]).passing(["from . import center\n"]) == []


def test_many_words_take_one_alternation() -> None:
    screen = Screen([f"module_{number}" for number in range(40)] + ["hub"])
    assert screen.passes("import hub\n") and not screen.passes("import hubs\n")


def test_the_words_are_the_offering_and_re_exporting_modules() -> None:
    hub = {"module": "app.hub", "imports": {"WebSocket": "fastapi.WebSocket"},
           "functions": {"drop": [{"position": 1}]}, "classes": {}, "instances": {}}
    package = {"module": "app", "imports": {"center": "app.hub.drop"}, "functions": {}, "classes": {},
               "instances": {}}
    plain = {"module": "app.plain", "imports": {"json": "json"}, "functions": {}, "classes": {}, "instances": {}}
    index = ProjectIndex({"app.hub": hub, "app": package, "app.plain": plain})
    assert index.offer_words() == {"hub", "app"}


_PIECES = ["hub", "app", "views", "from", ".", " ", "\n", "x", "_", "é", "1", "import", "\\", "happy", "hub2", "ß"]


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(["hub", "app", "views", "é", "ab"]), max_size=3),
       texts=st.lists(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join), max_size=6))
def test_screening_texts_together_agrees_with_one_at_a_time(words: list[str], texts: list[str]) -> None:
    screen = Screen(words)
    assert screen.passing(texts) == [number for number, text in enumerate(texts) if screen.passes(text)]
