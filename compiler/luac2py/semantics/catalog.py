"""What Lua code can reach, as data: builtins, libraries and Wippy modules.

The compiler never imports the runtime; it names runtime symbols here as ``module:attr``
strings (a unit test checks that each one exists). For every Lua-visible function the catalog
says whether it can suspend (an ``async def`` that generated code must ``await``), whether it
always returns exactly one value (callers then skip result adjustment), and whether it takes the
per-execution state as its first argument.
"""

from __future__ import annotations

from dataclasses import dataclass

RT = "luac2py_runtime"

# The interface between generated code and the runtime (names, signatures, the state an
# execution holds). A generated package checks it against ``luac2py_runtime.INTERFACE`` when
# imported, so that code built by another compiler version fails with a clear message
# instead of misbehaving. Raise it with any change the other side must follow; the two
# constants must be equal (tests/unit/test_catalog.py).
RUNTIME_INTERFACE = 6


@dataclass(frozen=True)
class Fn:
    symbol: str  # "module:attr" inside luac2py_runtime
    suspends: bool = False
    single: bool = True  # returns exactly one value, never a tuple
    needs_ex: bool = False  # first argument is the execution

    @property
    def module(self) -> str:
        return f"{RT}.{self.symbol.split(':')[0]}"

    @property
    def attr(self) -> str:
        return self.symbol.split(":")[1]


@dataclass(frozen=True)
class Const:
    value: object  # a Python literal (str, int, float, bool)


Member = Fn | Const


def _lib(module: str, names: dict[str, Member]) -> dict[str, Member]:
    return names


# -- the base library (globals) ---------------------------------------------------------

BASE: dict[str, Member] = {
    "print": Fn("lua.base:lua_print", needs_ex=True, single=False),
    "type": Fn("lua.base:lua_type_fn"),
    "tostring": Fn("lua.base:lua_tostring"),
    "tonumber": Fn("lua.base:tonumber"),
    "pairs": Fn("lua.base:pairs", single=False),
    "ipairs": Fn("lua.base:ipairs", single=False),
    "next": Fn("lua.base:lua_next", single=False),
    "select": Fn("lua.base:select", single=False),
    "unpack": Fn("lua.table:unpack", single=False),
    "rawget": Fn("lua.base:rawget"),
    "rawset": Fn("lua.base:rawset"),
    "rawequal": Fn("lua.base:rawequal"),
    "setmetatable": Fn("lua.base:setmetatable"),
    "getmetatable": Fn("lua.base:getmetatable"),
    "error": Fn("lua.base:error", single=False),
    "assert": Fn("lua.base:lua_assert", single=False),
    "pcall": Fn("lua.base:pcall", single=False),
    "xpcall": Fn("lua.base:xpcall", single=False),
    # Wippy's type-cast builtins: integer(x), number(x), boolean(x); string(x) is a call of
    # the string library table (see CALLABLE_LIBRARIES)
    "integer": Fn("lua.base:cast_integer", single=False),
    "number": Fn("lua.base:cast_number", single=False),
    "boolean": Fn("lua.base:cast_boolean", single=False),
}

# pcall/xpcall have suspending twins used when the protected function can suspend.
ASYNC_TWINS: dict[str, Fn] = {
    "lua.base:pcall": Fn("lua.base:apcall", suspends=True, single=False),
    "lua.base:xpcall": Fn("lua.base:axpcall", suspends=True, single=False),
}

# Library tables that are also callable (their metatable's __call).
CALLABLE_LIBRARIES: dict[str, Fn] = {"string": Fn("lua.base:cast_string", single=False)}

# go-lua stdlib/catalog.go
CONST_GLOBALS: dict[str, object] = {"_VERSION": "Lua 5.3 - Wippy Modification",
                                    "_GOPHER_LUA_VERSION": "GopherLua 0.2 Wippy Edition"}

# -- libraries that are globals (tables of functions) -----------------------------------

LIBRARIES: dict[str, dict[str, Member]] = {
    "string": {
        n: Fn(f"lua.lib:string_{n}", single=n not in ("byte", "find", "match", "gsub"))
        for n in (
            "byte char find format gfind gmatch gsub len lower match rep reverse sub upper"
        ).split()
    },
    "table": {
        "concat": Fn("lua.lib:table_concat"),
        "insert": Fn("lua.lib:table_insert", single=False),
        "remove": Fn("lua.lib:table_remove", single=False),
        "sort": Fn("lua.lib:table_sort", single=False),
        "getn": Fn("lua.lib:table_getn"),
        "maxn": Fn("lua.lib:table_maxn"),
        "unpack": Fn("lua.lib:table_unpack", single=False),
    },
    "math": {
        **{
            n: Fn(f"lua.lib:math_{n}", single=n not in ("modf", "frexp"))
            for n in (
                "abs ceil floor sqrt sin cos tan asin acos atan atan2 exp log log10 pow fmod "
                "modf frexp ldexp deg rad sinh cosh tanh max min type tointeger ult"
            ).split()
        },
        "random": Fn("lua.base:math_random", needs_ex=True),
        "randomseed": Fn("lua.base:math_randomseed", needs_ex=True, single=False),
        "huge": Const(1.7976931348623157e308),  # go-lua mathlib.go: math.MaxFloat64
        "pi": Const(3.141592653589793),
        "maxinteger": Const(2**63 - 1),
        "mininteger": Const(-(2**63)),
    },
    "os": {
        "time": Fn("lua.base:os_time", needs_ex=True),
        "date": Fn("lua.base:os_date", needs_ex=True),
        "clock": Fn("lua.base:os_clock", needs_ex=True),
        "difftime": Fn("lua.base:os_difftime"),
    },
    "coroutine": {
        "create": Fn("lua.coroutine:create", needs_ex=True),
        "resume": Fn("lua.coroutine:resume", needs_ex=True, suspends=True, single=False),
        "yield": Fn("lua.coroutine:yield_", needs_ex=True, suspends=True, single=False),
        "status": Fn("lua.coroutine:status", needs_ex=True),
        "wrap": Fn("lua.coroutine:wrap", needs_ex=True),
        "running": Fn("lua.coroutine:running", needs_ex=True, single=False),
        "isyieldable": Fn("lua.coroutine:isyieldable", needs_ex=True),
        "spawn": Fn("lua.coroutine:spawn", needs_ex=True, single=False),
    },
}

# -- Wippy modules ------------------------------------------------------------------------
# Each is reachable through require(name) when the entry's `modules:` list allows it; the ones
# in WIPPY_GLOBALS are also globals, as in Wippy.

MODULES: dict[str, dict[str, Member]] = {
    "errors": {
        "new": Fn("modules.errors:new"),
        "wrap": Fn("modules.errors:wrap"),
        "is": Fn("modules.errors:is_"),
        "NOT_FOUND": Const("NotFound"),
        "ALREADY_EXISTS": Const("AlreadyExists"),
        "INVALID": Const("Invalid"),
        "PERMISSION_DENIED": Const("PermissionDenied"),
        "UNAVAILABLE": Const("Unavailable"),
        "INTERNAL": Const("Internal"),
        "CANCELED": Const("Canceled"),
        "CONFLICT": Const("Conflict"),
        "TIMEOUT": Const("Timeout"),
        "RATE_LIMITED": Const("RateLimited"),
        "UNKNOWN": Const(""),
    },
    "funcs": {
        "call": Fn("modules.funcs:call", suspends=True, single=False, needs_ex=True),
        "async": Fn("modules.funcs:async_", single=False, needs_ex=True),
        "new": Fn("modules.funcs:new", needs_ex=True),
    },
    "time": {
        "sleep": Fn("modules.time:sleep", suspends=True, single=False, needs_ex=True),
        "now": Fn("modules.time:now", needs_ex=True),
        "after": Fn("modules.time:after", needs_ex=True),
        "timer": Fn("modules.time:timer", needs_ex=True),
        "ticker": Fn("modules.time:ticker", needs_ex=True),
        "parse_duration": Fn("modules.time:parse_duration", single=False),
        "unix": Fn("modules.time:unix"),
        "parse": Fn("modules.time:parse", single=False),
        "NANOSECOND": Const(1),
        "MICROSECOND": Const(1000),
        "MILLISECOND": Const(1000000),
        "SECOND": Const(1000000000),
        "MINUTE": Const(60000000000),
        "HOUR": Const(3600000000000),
        "RFC3339": Const("2006-01-02T15:04:05Z07:00"),
        "RFC3339NANO": Const("2006-01-02T15:04:05.999999999Z07:00"),
        "DATE_TIME": Const("2006-01-02 15:04:05"),
        "DATE_ONLY": Const("2006-01-02"),
        "TIME_ONLY": Const("15:04:05"),
    },
    "workflow": {
        "info": Fn("modules.workflow:info", needs_ex=True),
        "exec": Fn("modules.workflow:exec_", suspends=True, single=False, needs_ex=True),
        "version": Fn("modules.workflow:version", single=False, needs_ex=True),
        "attrs": Fn("modules.workflow:attrs", single=False, needs_ex=True),
        "history_length": Fn("modules.workflow:history_length", needs_ex=True),
        "history_size": Fn("modules.workflow:history_size", needs_ex=True),
    },
    "channel": {
        "new": Fn("modules.channel:new"),
        "select": Fn("modules.channel:select", suspends=True, needs_ex=True),
    },
    "ctx": {
        "get": Fn("modules.ctx:get", single=False, needs_ex=True),
        "all": Fn("modules.ctx:all_", needs_ex=True),
    },
    "json": {
        "encode": Fn("modules.json:encode", single=False),
        "decode": Fn("modules.json:decode", single=False),
    },
    "uuid": {
        "v1": Fn("modules.uuid:v1", needs_ex=True),
        "v4": Fn("modules.uuid:v4", needs_ex=True),
        "v7": Fn("modules.uuid:v7", needs_ex=True),
        "v3": Fn("modules.uuid:v3", single=False),
        "v5": Fn("modules.uuid:v5", single=False),
        "validate": Fn("modules.uuid:validate"),
        "version": Fn("modules.uuid:version", single=False),
        "variant": Fn("modules.uuid:variant", single=False),
        "parse": Fn("modules.uuid:parse", single=False),
        "format": Fn("modules.uuid:format_", single=False),
    },
    "crypto": {},  # nested tables (crypto.random.bytes ...): reached dynamically
    "yaml": {
        "encode": Fn("modules.yaml:encode", single=False),
        "decode": Fn("modules.yaml:decode", single=False),
    },
    "base64": {
        "encode": Fn("modules.base64:encode", single=False),
        "decode": Fn("modules.base64:decode", single=False),
    },
    "hash": {
        n: Fn(f"modules.hash:{n}", single=False)
        for n in (
            "md5 sha1 sha256 sha512 hmac_md5 hmac_sha1 hmac_sha256 hmac_sha512 fnv32 fnv64 "
            "pbkdf2 new"
        ).split()
    },
    "env": {
        "get": Fn("modules.env:get", single=False, needs_ex=True),
        "set": Fn("modules.env:set_", single=False, needs_ex=True),
        "get_all": Fn("modules.env:get_all", single=False, needs_ex=True),
    },
    "logger": {},  # require("logger") is a Logger object: its methods are called with ':'
    "http_client": {
        **{
            n: Fn(f"modules.http_client:{n}", suspends=True, single=False, needs_ex=True)
            for n in ("get", "post", "put", "delete", "head", "patch", "request",
                      "request_batch")
        },
        "encode_uri": Fn("modules.http_client:encode_uri"),
        "decode_uri": Fn("modules.http_client:decode_uri", single=False),
    },
    "process": {
        "pid": Fn("modules.process:pid", needs_ex=True),
        "spawn": Fn("modules.process:spawn", suspends=True, single=False, needs_ex=True),
        "spawn_monitored": Fn(
            "modules.process:spawn_monitored", suspends=True, single=False, needs_ex=True
        ),
        "spawn_linked": Fn("modules.process:spawn_linked", suspends=True, single=False, needs_ex=True),
        "exec": Fn("modules.process:exec_", suspends=True, single=False, needs_ex=True),
        "send": Fn("modules.process:send", suspends=True, single=False, needs_ex=True),
        "listen": Fn("modules.process:listen", needs_ex=True),
        "unlisten": Fn("modules.process:unlisten", needs_ex=True),
        "inbox": Fn("modules.process:inbox", needs_ex=True),
        "events": Fn("modules.process:events", needs_ex=True),
        "terminate": Fn("modules.process:terminate", suspends=True, single=False, needs_ex=True),
        "cancel": Fn("modules.process:cancel", suspends=True, single=False, needs_ex=True),
        "spawn_linked_monitored": Fn(
            "modules.process:spawn_linked_monitored", suspends=True, single=False, needs_ex=True
        ),
        "monitor": Fn("modules.process:monitor", suspends=True, single=False, needs_ex=True),
        "unmonitor": Fn("modules.process:unmonitor", suspends=True, single=False, needs_ex=True),
        "link": Fn("modules.process:link", suspends=True, single=False, needs_ex=True),
        "unlink": Fn("modules.process:unlink", suspends=True, single=False, needs_ex=True),
        "set_options": Fn("modules.process:set_options", needs_ex=True),
        "get_options": Fn("modules.process:get_options", needs_ex=True),
        "with_options": Fn("modules.process:with_options", needs_ex=True),
        "with_context": Fn("modules.process:with_context", needs_ex=True),
        "upgrade": Fn("modules.process:upgrade", suspends=True, single=False, needs_ex=True),
    },
}

# Modules that are also globals in Wippy's workflow environment.
WIPPY_GLOBALS = ("errors", "process", "channel")
# go-lua's own libraries (stdlib/catalog.go): Wippy lets every entry require them, whatever
# its `modules:` list says
ALWAYS_REQUIRABLE = frozenset(("errors",))

# Nested constant tables: `process.event.EXIT`.
NESTED_CONSTS: dict[tuple[str, ...], object] = {
    ("process", "event", "EXIT"): "pid.exit",
    ("process", "event", "LINK_DOWN"): "pid.link.down",
    ("process", "event", "CANCEL"): "pid.cancel",
}

# Methods of runtime objects that suspend (channel receive, future result, ...). A method call
# with one of these names on an object of unknown type may suspend.
SUSPENDING_METHODS = frozenset(
    {
        "receive",
        "send",
        "result",
        "call",
        "spawn",
        "spawn_monitored",
        "spawn_linked",
        "spawn_linked_monitored",
        "exec",
        "select",
        "wait",
        "cancel",
        "terminate",
        "request",
        "read",  # an http_client response stream
    }
)

# Modules a workflow may not require (their I/O or nondeterminism cannot be replayed): the ones
# Wippy keeps out of workflows too (it loads in a workflow only modules of its deterministic or
# workflow classes). A function (function.lua) or `luac2py exec` may use them. Pure modules
# (json, yaml, base64, hash) are allowed in workflows, as in Wippy.
WORKFLOW_FORBIDDEN_MODULES: dict[str, str] = {
    "http_client": "it makes HTTP requests, which a replay would repeat",
    "env": "the environment differs between workers; pass values as input",
    "logger": "log lines would be repeated on replay; print goes to the workflow logger",
}

# What cannot be replayed: rejected at compile time (SEMANTICS.md section 2).
FORBIDDEN: dict[str, str] = {
    "io": "I/O is not replayable; use an activity",
    "os.execute": "running processes is not replayable; use an activity",
    "os.getenv": "the environment differs between workers; pass values as input",
    "os.remove": "file system access is not replayable; use an activity",
    "os.rename": "file system access is not replayable; use an activity",
    "os.exit": "a workflow cannot exit the worker; return from main",
    "os.tmpname": "file system access is not replayable; use an activity",
    "load": "code loaded at run time cannot be checked for determinism",
    "loadstring": "code loaded at run time cannot be checked for determinism",
    "loadfile": "code loaded at run time cannot be checked for determinism",
    "dofile": "code loaded at run time cannot be checked for determinism",
    "debug": "the debug library can break determinism and containment",
    "setfenv": "changing function environments is not supported",
    "getfenv": "reading function environments is not supported",
    "collectgarbage": "garbage collection timing is not deterministic",
    "module": "Lua 5.1 module() is not supported; return a table",
}

# What a function (function.lua) cannot use either: Wippy's VM opens no `io` and no `os` library
# of its own (Wippy provides `os.time/date/clock`, which luac2py serves from the real clock in
# functions), and has no `load*`, `dofile`, `debug`, `setfenv` ... (notes: golua.md section 10).
# No determinism rule applies to functions: the rest of the language and every module may be
# used.
FUNCTION_FORBIDDEN: dict[str, str] = {
    "io": "Wippy's Lua has no io library (use the http_client module for HTTP)",
    "os.execute": "Wippy's Lua cannot run programs",
    "os.getenv": "use the env module: require('env').get(name)",
    "os.remove": "Wippy's Lua has no file system access through os",
    "os.rename": "Wippy's Lua has no file system access through os",
    "os.exit": "a function cannot exit the process; return from it",
    "os.tmpname": "Wippy's Lua has no file system access through os",
    "load": "Wippy's Lua cannot load code at run time",
    "loadstring": "Wippy's Lua cannot load code at run time",
    "loadfile": "Wippy's Lua cannot load code at run time",
    "dofile": "Wippy's Lua cannot load code at run time",
    "debug": "the debug library is not available",
    "setfenv": "changing function environments is not supported",
    "getfenv": "reading function environments is not supported",
    "collectgarbage": "Wippy's Lua has no collectgarbage",
    "module": "Lua 5.1 module() is not supported; return a table",
}


def all_symbols() -> list[str]:
    """Every runtime symbol named in the catalog (for the existence test)."""
    out: list[str] = []
    for m in [BASE, *LIBRARIES.values(), *MODULES.values()]:
        for v in m.values():
            if isinstance(v, Fn):
                out.append(v.symbol)
    out.extend(f.symbol for f in ASYNC_TWINS.values())
    out.extend(f.symbol for f in CALLABLE_LIBRARIES.values())
    return out


def lookup_global_member(lib: str, member: str) -> Member | None:
    if lib in LIBRARIES:
        return LIBRARIES[lib].get(member)
    if lib in MODULES:
        return MODULES[lib].get(member)
    return None
