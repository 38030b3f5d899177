"""``wscc.scheduling.gated_map``: the gate, the pool, and the order of results."""

from __future__ import annotations

import os

import pytest

from wscc.scheduling import Gated, gated_map

FILES = [f"f{index:03}" for index in range(60)]


def gate(path: str) -> Gated:
    number = int(path[1:])
    if number % 3 == 0:
        return Gated(payload=path)  # a candidate
    if number % 7 == 0:
        return Gated(result=f"{path}: cannot read")  # a problem found by the gate
    return Gated()  # nothing to do


def work(path: str) -> str:
    return f"{path}: checked in {os.getpid()}"


def expected() -> list[str]:
    return [f"{p}: checked" if int(p[1:]) % 3 == 0 else f"{p}: cannot read"
            for p in FILES if int(p[1:]) % 3 == 0 or int(p[1:]) % 7 == 0]


def without_pid(results: list[str]) -> list[str]:
    return [result.split(" in ")[0] for result in results]


@pytest.mark.parametrize("jobs, parallel_from, gate_in_pool_from", [
    (1, 1, 1),        # one job: never a pool
    (2, 1000, 1000),  # too few candidates for a pool
    (2, 5, 1000),     # gate here, candidates in the pool
    (2, 5, 10),       # gate in the pool too
])
def test_results_keep_the_order_of_the_files(jobs, parallel_from, gate_in_pool_from):
    results = list(gated_map(FILES, gate, work, jobs, parallel_from=parallel_from, gate_in_pool_from=gate_in_pool_from))
    assert without_pid(results) == expected()
    pids = {result.split(" in ")[1] for result in results if " in " in result}
    in_pool = jobs > 1 and (parallel_from <= 20 or gate_in_pool_from <= len(FILES))
    assert (str(os.getpid()) not in pids) == in_pool, pids


def test_before_pool_runs_only_when_a_pool_starts():
    calls = []
    list(gated_map(FILES, gate, work, 2, parallel_from=1000, before_pool=lambda: calls.append("small")))
    list(gated_map(FILES, gate, work, 2, parallel_from=5, before_pool=lambda: calls.append("pool")))
    assert calls == ["pool"]
