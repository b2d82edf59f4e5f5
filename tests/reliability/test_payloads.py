"""Payload edge cases end to end: empty and nested empty tables, sparse arrays and mixed keys
(a clear encoding error as the workflow failure), payloads near Temporal's 2 MB limit,
Korean text, integers beyond 2^53 (and beyond int64), NaN and infinities, strings holding
Python code, and Python names as Lua names inside a workflow."""

from __future__ import annotations

import asyncio
import uuid
from typing import Any

import pytest
from luac2py_runtime import new_worker
from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowFailureError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError

from samples.reliability import activities
from tests.helpers import ROOT, build_package

from .names import program

SAMPLE = ROOT / "samples" / "reliability"


@pytest.fixture(scope="module")
def pkg(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return build_package(SAMPLE, tmp_path_factory.mktemp("reliability_payloads"))


def run_all(server: Any, pkg: Any, starts: list[tuple[str, Any]]) -> list[Any]:
    """Run workflows (type, input) on one worker; each result, or the exception it raised."""
    tq = f"rel-payloads-{uuid.uuid4().hex[:8]}"

    async def one(wf: str, arg: Any) -> Any:
        try:
            h = await server.client.start_workflow(wf, arg, id=f"p-{uuid.uuid4()}",
                                                   task_queue=tq)
            return await asyncio.wait_for(h.result(), 60)
        except Exception as e:  # noqa: BLE001 - the tests look at it
            return e

    async def go() -> list[Any]:
        async with new_worker(server.client, tq, pkg.workflows_for(None), activities.ALL):
            # one at a time: the time-skipping server may skip time while a workflow waits for
            # its first task behind the others, and time it out
            return [await one(w, a) for w, a in starts]

    return server.run(go())


CASES: dict[str, Any] = {
    "empty": [],
    "nested_empty": {"a": [], "b": [[], []], "c": {"d": [], "e": [[]]}},
    "nan": {"nan": None, "inf": None, "ninf": None, "list": [1, None, 3], "half": 0.5},
    "nan_alone": None,
}
FAILURES = {
    "sparse": "cannot encode sparse array",
    "mixed": "cannot encode mixed-key table: table has both numeric and non-numeric keys",
    "nested_mixed": "cannot encode sparse array",
}
KOREAN = "한국어 텍스트 ✓"
TRICKY = ['"); import os; os.system("x', "'''\"\"\"", "{__import__('os')}", "\\\\0\\n",
          "줄\n바꿈\r\n", "\u2028\x00\x7f", "%s%d{0}", "é" * 1000]


def test_payload_edge_cases(ts_server, pkg):
    starts: list[tuple[str, Any]] = [("rel:payloads", {"case": c}) for c in CASES]
    starts += [("rel:payloads", {"case": c}) for c in FAILURES]
    starts += [("rel:payloads", {"case": "korean", "text": KOREAN}),
               ("rel:payloads", {"case": "bigint", "n": 2**53 + 1}),
               ("rel:echo", 2**70), ("rel:echo", -(2**63)), ("rel:echo", 2**63),
               ("rel:echo", float("nan")), ("rel:echo", float("inf")), ("rel:echo", 1e308),
               ("rel:echo", 0.1)]
    starts += [("rel:echo", s) for s in TRICKY]
    results = iter(run_all(ts_server, pkg, starts))

    for case, expected in CASES.items():
        r = next(results)
        assert r == expected, (case, getattr(r, "cause", None),
                               getattr(getattr(r, "cause", None), "cause", None))

    for case, message in FAILURES.items():
        e = next(results)
        assert isinstance(e, WorkflowFailureError), (case, e)
        assert isinstance(e.cause, ApplicationError) and message in e.cause.message, e.cause
        assert "cannot encode workflow result" in e.cause.message
        assert e.cause.non_retryable

    k = next(results)
    assert k == {"text": KOREAN, "upper": KOREAN + "!", "bytes": len(KOREAN.encode()),
                 "first": "한", "rev_ok": True, "greeting": "안녕하세요, " + KOREAN}

    b = next(results)
    assert b == {"n": 9007199254740993, "max": 2**63 - 1, "min": -(2**63),
                 "echo": 2**53 + 1, "echo_type": "integer", "plus_one": 2**53 + 2,
                 "float": 2**53}

    big = next(results)  # beyond int64: the nearest float, never a Lua integer out of range
    assert big == {"value": float(2**70),
                   # go-lua value.go LNumber.String: Go's shortest %g beyond int64
                   "info": {"type": "number", "math_type": "float",
                            "text": "1.1805916207174113e+21"}}
    assert next(results)["info"] == {"type": "number", "math_type": "integer",
                                     "text": "-9223372036854775808"}
    assert next(results)["info"]["math_type"] == "float"  # 2^63
    assert next(results) == {"info": {"type": "nil"}}  # NaN is written as null
    assert next(results) == {"info": {"type": "nil"}}  # so is infinity
    r = next(results)
    assert r["value"] == 1e308 and r["info"]["text"] == "1e+308"
    r = next(results)
    assert r["value"] == 0.1 and r["info"]["math_type"] == "float"

    for s in TRICKY:
        r = next(results)
        assert r == {"value": s, "info": {"type": "string", "len": len(s.encode())}}, s


def test_negative_zero_on_the_wire(ts_server, pkg):
    """An integral float is written as an integer (SEMANTICS.md section 4; Go's json.go
    writes any integral LNumber in int64 range so): -0.0 travels as ``0``, without its sign,
    and Lua receives the integer 0."""
    tq = f"rel-zero-{uuid.uuid4().hex[:8]}"

    async def go() -> tuple[Any, bytes, bytes]:
        async with new_worker(ts_server.client, tq, pkg.workflows_for(None), activities.ALL):
            h = await ts_server.client.start_workflow("rel:echo", -0.0, id=f"z-{uuid.uuid4()}",
                                                      task_queue=tq)
            r = await h.result()
            sent = got = b""
            async for e in h.fetch_history_events():
                if e.HasField("workflow_execution_started_event_attributes"):
                    sent = e.workflow_execution_started_event_attributes.input.payloads[0].data
                if e.HasField("workflow_execution_completed_event_attributes"):
                    got = e.workflow_execution_completed_event_attributes.result.payloads[0].data
            return r, sent, got

    r, sent, got = ts_server.run(go())
    assert sent == b"0"
    assert r == {"value": 0, "info": {"type": "number", "math_type": "integer", "text": "0"}}
    assert got == b'{"info":{"math_type":"integer","text":"0","type":"number"},"value":0}'


def test_python_names_in_a_workflow(ts_server):
    """Python keywords, builtins and the compiler's own names as Lua names, compiled as a
    workflow module (whose class and module-level names are in play) and run by Temporal."""
    import lupa.luajit21
    from luac2py import diagnostics as D
    from luac2py.driver import compile_chunk
    from luac2py.emit.module import WorkflowSpec
    from luac2py_runtime.host.script import load_module

    from .names import NAMES

    names = NAMES[::4]  # a quarter of them (the exec-mode test covers all)
    body = "local function main()\n" + program(names) + "\nend\n"
    expected = lupa.luajit21.LuaRuntime(encoding=None).execute(
        (body + "return main()").encode()).decode()
    reporter = D.Reporter()
    spec = WorkflowSpec(name="rel:names", cls="RelNames", method="main", libraries={})
    c = compile_chunk(body + "return main\n", "names.lua", reporter, chunk_name="names.lua",
                      workflow=spec, fmt=False)  # black would take 10 s on this
    assert c is not None, [str(d) for d in reporter.diagnostics]
    wf = load_module(c.text, "names.lua", "luac2py_rel_names").RelNames
    tq = f"rel-names-{uuid.uuid4().hex[:8]}"

    async def go() -> Any:
        async with new_worker(ts_server.client, tq, [wf]):
            return await ts_server.client.execute_workflow("rel:names", id=f"n-{uuid.uuid4()}",
                                                           task_queue=tq)

    assert ts_server.run(go()) == expected


# -- near Temporal's payload size limit (the dev server enforces it) ----------------------


def test_payloads_near_the_size_limit(dev_server, pkg):
    starts = [("rel:payloads", {"case": "big", "size": 2_000_000})]
    [r] = run_all(dev_server, pkg, starts)
    assert len(r["blob"]) == 2_000_000  # just under 2 MB: fine

    async def too_big_input() -> Any:
        with pytest.raises(RPCError) as e:
            await dev_server.client.start_workflow("rel:echo", "x" * 3_000_000,
                                                   id=f"p-{uuid.uuid4()}", task_queue="none")
        return e.value

    e = dev_server.run(too_big_input())
    assert "size exceeds limit" in str(e)


async def _start_oversized_result(client: Any, pkg: Any) -> tuple[Any, str, Any]:
    """A workflow whose result is 3 MB; its outcome after the first workflow task: (outcome,
    message of the first workflow task failure, handle)."""
    tq = f"rel-big-{uuid.uuid4().hex[:8]}"
    async with new_worker(client, tq, pkg.workflows_for(None), activities.ALL):
        h = await client.start_workflow("rel:payloads", {"case": "big", "size": 3_000_000},
                                        id=f"big-{uuid.uuid4()}", task_queue=tq)
        task_failure = ""
        outcome: Any = None
        for _ in range(100):
            try:
                outcome = await asyncio.wait_for(asyncio.shield(h.result()), 0.1)
                break
            except WorkflowFailureError as e:
                outcome = e
                break
            except TimeoutError:
                pass
            async for ev in h.fetch_history_events():
                if ev.event_type == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED:
                    task_failure = ev.workflow_task_failed_event_attributes.failure.message
            if task_failure:
                break
        if outcome is None:
            await h.terminate("test over")
        return outcome, task_failure, h


def test_oversized_result_names_the_problem(dev_server, pkg):
    outcome, task_failure, _ = dev_server.run(_start_oversized_result(dev_server.client, pkg))
    text = task_failure or str(getattr(outcome, "cause", outcome))
    assert "limit" in text and ("size" in text or "large" in text), text


def test_oversized_result_fails_the_workflow(dev_server, pkg):
    outcome, _, _ = dev_server.run(_start_oversized_result(dev_server.client, pkg))
    assert isinstance(outcome, WorkflowFailureError)
    assert "2 MB" in str(outcome.cause) or "limit" in str(outcome.cause)
