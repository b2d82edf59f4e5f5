"""A Lua program that uses Python keywords, builtins, dunder names and the compiler's own
internal names as ordinary Lua names: locals, parameters, upvalues, loop variables, globals,
global and local functions, table fields, methods and goto labels."""

from __future__ import annotations

PY_KEYWORDS = ["False", "None", "True", "assert", "async", "await", "class", "continue", "def",
               "del", "elif", "except", "finally", "from", "global", "import", "lambda",
               "nonlocal", "pass", "raise", "try", "with", "yield", "match", "case", "_"]
PY_BUILTINS = ["__init__", "__import__", "__builtins__", "__name__", "__file__", "__class__",
               "__dict__", "__globals__", "__spec__", "__loader__", "__doc__", "__main__",
               "self", "cls", "print", "type", "len", "str", "int", "list", "dict", "object",
               "exec", "eval", "open", "super", "id", "getattr", "globals", "locals", "vars",
               "compile", "isinstance", "callable", "iter", "next", "range", "repr", "format",
               "bool", "float", "NotImplemented", "Ellipsis", "Exception"]
COMPILER_NAMES = ["_ex", "_gh", "_T", "_G_", "_va", "_f", "_o", "_t", "_chunk", "_index",
                  "_results", "_first", "_callable_of", "_FunctionType", "_decode_lines",
                  "_LuaWorkflow", "__lua_lines__", "__lua_chunk__", "__lua_method__",
                  "__lua_chunk_fn__", "_lua_mark_1", "L_ex", "L_f", "L__init__", "self_1",
                  "type_1", "temporalio", "luac2py_runtime", "asyncio", "run", "main",
                  "args", "kwargs", "_ENV", "__index", "__call"]
NAMES = PY_KEYWORDS + PY_BUILTINS + COMPILER_NAMES


def block(n: str) -> str:
    return f"""
do
    local saved = Lrawget(_G, "{n}")
    do
        local {n} = "local {n}"
        emit({n})
        local function f({n}, x) return {n} .. "|" .. x end
        emit(f("param", {n}))
        local up = function() {n} = {n} .. "+"; return {n} end
        emit(up(), {n})
        for {n} = 1, 2 do emit({n}) end
        for {n}, v in Lpairs({{k = "v"}}) do emit({n}, v) end
        local function {n}_rec(k) if k == 0 then return "done" end return {n}_rec(k - 1) end
        emit({n}_rec(3))
        local {n}_t = {{{n} = "field"}}
        {n}_t.{n} = {n}_t.{n} .. "!"
        {n}_t["{n}"] = {n}_t["{n}"] .. "?"
        emit({n}_t.{n})
        local obj = {{v = "obj"}}
        function obj:{n}(a) return self.v .. ":" .. a end
        emit(obj:{n}("m"), obj.{n}(obj, "d"))
        local vf = function(...) local {n} = Lselect("#", ...) return {n}, ... end
        emit(vf("a", "b"))
    end
    do
        local function {n}(a) return "local function " .. a end
        emit({n}("x"))
    end
    do
        for i = 1, 3 do
            if i == 2 then goto {n} end
            emit("label", i)
            ::{n}::
        end
        goto {n}
        emit("skipped")
        ::{n}::
    end
    {n} = "global {n}"
    emit({n}, Lrawget(_G, "{n}"), _G["{n}"], _G.{n})
    function {n}(a) return "global function " .. a end
    emit({n}("y"), Ltype({n}))
    _G["{n}"] = saved
end"""


def program(names: list[str] = NAMES) -> str:
    head = """
local OUT = {}
local Ltostring, Lselect, Lrawget, Lpairs, Ltype = tostring, select, rawget, pairs, type
local Lconcat = table.concat
local function emit(...)
    local parts = {}
    for i = 1, Lselect("#", ...) do parts[#parts + 1] = Ltostring((Lselect(i, ...))) end
    OUT[#OUT + 1] = Lconcat(parts, " ")
end
"""
    body = "".join(block(n) for n in names)
    return head + body + '\nreturn Lconcat(OUT, "\\n")\n'
