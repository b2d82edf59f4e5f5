"""Workflow classes of the embedded-interpreter baseline: one per (interpreter, workload),
each named like the compiled workflow (``bench:<workload>``). Written out (not generated in a
loop): temporalio wants run methods on module-level classes."""

from __future__ import annotations

from typing import Any

from temporalio import workflow

with workflow.unsafe.imports_passed_through():
    from bench.baselines.embedded.bridge import EmbeddedWorkflow

WORKLOADS = ("saga", "counter", "fanout", "shaping")


@workflow.defn(name="bench:saga")
class LuajitSaga(EmbeddedWorkflow):
    FLAVOR = "luajit"
    WORKLOAD = "saga"

    @workflow.run
    async def run(self, input: Any) -> Any:
        return await self._run(input)


@workflow.defn(name="bench:counter")
class LuajitCounter(EmbeddedWorkflow):
    FLAVOR = "luajit"
    WORKLOAD = "counter"

    @workflow.run
    async def run(self, input: Any) -> Any:
        return await self._run(input)


@workflow.defn(name="bench:fanout")
class LuajitFanout(EmbeddedWorkflow):
    FLAVOR = "luajit"
    WORKLOAD = "fanout"

    @workflow.run
    async def run(self, input: Any) -> Any:
        return await self._run(input)


@workflow.defn(name="bench:shaping")
class LuajitShaping(EmbeddedWorkflow):
    FLAVOR = "luajit"
    WORKLOAD = "shaping"

    @workflow.run
    async def run(self, input: Any) -> Any:
        return await self._run(input)


@workflow.defn(name="bench:saga")
class Lua54Saga(EmbeddedWorkflow):
    FLAVOR = "lua54"
    WORKLOAD = "saga"

    @workflow.run
    async def run(self, input: Any) -> Any:
        return await self._run(input)


@workflow.defn(name="bench:counter")
class Lua54Counter(EmbeddedWorkflow):
    FLAVOR = "lua54"
    WORKLOAD = "counter"

    @workflow.run
    async def run(self, input: Any) -> Any:
        return await self._run(input)


@workflow.defn(name="bench:fanout")
class Lua54Fanout(EmbeddedWorkflow):
    FLAVOR = "lua54"
    WORKLOAD = "fanout"

    @workflow.run
    async def run(self, input: Any) -> Any:
        return await self._run(input)


@workflow.defn(name="bench:shaping")
class Lua54Shaping(EmbeddedWorkflow):
    FLAVOR = "lua54"
    WORKLOAD = "shaping"

    @workflow.run
    async def run(self, input: Any) -> Any:
        return await self._run(input)


WORKFLOWS: dict[str, list[type]] = {
    "luajit": [LuajitSaga, LuajitCounter, LuajitFanout, LuajitShaping],
    "lua54": [Lua54Saga, Lua54Counter, Lua54Fanout, Lua54Shaping],
}
