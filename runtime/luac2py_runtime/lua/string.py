"""The Lua ``string`` library.

Strings are Python ``str`` objects holding one character per byte (see ``values``), so every
position here is a byte position, exactly as in Lua. Lua patterns are implemented from scratch:
Lua's pattern language (``%b``, ``%f``, back-references, its particular empty-match and
anchoring rules, and its lazily-reported pattern errors) cannot be translated to Python ``re``
faithfully in general. A pattern without those parts is also compiled to an equivalent ``re``
pattern (see ``_translate``), which finds the matches; the loops around it (empty matches,
anchors, captures, replacements) stay Lua's.

Semantics follow Lua 5.1 (the dialect of the Wippy VM) with the 5.3 integer rules for numeric
arguments; where 5.1 and 5.3 differ the choice is Lua 5.1's, except where noted:

* ``find``/``match`` clamp an ``init`` beyond the end to the end (5.1), so
  ``find("abc", "", 10)`` is ``4, 3``;
* ``gmatch``/``gsub`` handle empty matches like 5.1 (``gsub("abc", "%a*", "-")`` is ``"--", 2``);
* ``%g`` (5.2+) is a character class and embedded ``\\0`` in patterns works (5.2+);
* an invalid ``%x`` in a ``gsub`` replacement is an error (5.2+), where 5.1 inserted ``x``;
* ``%c`` in ``format`` can produce ``\\0``, ``%s`` honours ``__tostring`` (5.2+).
"""

from __future__ import annotations

import re
from types import CoroutineType
from typing import Any, Callable, Union

from .errors import LuaError
from .ops import call, index, str_to_number, tostring, tostring_basic
from .values import LuaTable, fmt_float, is_function, lua_type


class _NoArg:
    """Default of required parameters: Lua says "got no value" for a missing argument but
    "got nil" for an explicit nil, so the two must stay distinguishable."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<no value>"


NOARG: Any = _NoArg()

# ----------------------------------------------------------------------------------------
# argument checking (Lua 5.1 wording, 5.3 integer rules)
# ----------------------------------------------------------------------------------------


def _typename(v: Any) -> str:
    return "no value" if v is NOARG else lua_type(v)


def arg_error(n: int, fname: str, msg: str) -> LuaError:
    return LuaError(f"bad argument #{n} to '{fname}' ({msg})")


def type_error(v: Any, n: int, fname: str, expected: str) -> LuaError:
    return arg_error(n, fname, f"{expected} expected, got {_typename(v)}")


def check_str(v: Any, n: int, fname: str) -> str:
    """luaL_checklstring: strings, or numbers converted the way ``..`` converts them."""
    t = type(v)
    if t is str:
        return v  # type: ignore[no-any-return]
    if t is int:
        return str(v)
    if t is float:
        return fmt_float(v)
    raise type_error(v, n, fname, "string")


def opt_str(v: Any, n: int, fname: str, default: str) -> str:
    if v is None or v is NOARG:
        return default
    return check_str(v, n, fname)


def check_int(v: Any, n: int, fname: str, exact: bool = False) -> int:
    """An integer argument of the standard library, which SEMANTICS.md has "as in 5.1":
    luaL_checkint truncates a float toward zero (gopher-lua's CheckInt too), so
    ``string.sub(s, 2.7)`` is ``string.sub(s, 2)`` and ``string.format("%d", 2.5)`` is "2".
    A float no integer holds (inf, nan, beyond 64 bits: undefined in 5.1) is refused with
    5.3's wording. ``exact`` is 5.3's luaL_checkinteger, for the 5.3 functions (math.ult):
    the float must have an integer value. Numeric strings count."""
    t = type(v)
    if t is int:
        return v  # type: ignore[no-any-return]
    if t is float:
        if -(2.0**63) <= v < 2.0**63 and (not exact or v.is_integer()):
            return int(v)
        raise arg_error(n, fname, "number has no integer representation")
    if t is str:
        x = str_to_number(v)
        if x is not None:
            return check_int(x, n, fname, exact)
    raise type_error(v, n, fname, "number")


def opt_int(v: Any, n: int, fname: str, default: int) -> int:
    if v is None or v is NOARG:
        return default
    return check_int(v, n, fname)


def check_num(v: Any, n: int, fname: str) -> int | float:
    """luaL_checknumber: numbers, or numeric strings (keeping the subtype they spell)."""
    t = type(v)
    if t is int or t is float:
        return v  # type: ignore[no-any-return]
    if t is str:
        x = str_to_number(v)
        if x is not None:
            return x
    raise type_error(v, n, fname, "number")


def call1(f: Any, *args: Any) -> Any:
    """Call a Lua callback from library code and keep its first result. A callback compiled as
    ``async def`` would need to suspend inside a Python-level loop, which (as in C Lua) is not
    allowed."""
    r = call(f, *args)
    if type(r) is tuple:
        return r[0] if r else None
    if type(r) is CoroutineType:
        r.close()
        raise LuaError("attempt to yield across a C-call boundary")
    return r


# ----------------------------------------------------------------------------------------
# simple functions
# ----------------------------------------------------------------------------------------


def _posrelat(pos: int, ln: int) -> int:
    if pos < 0:
        pos += ln + 1
    return pos if pos >= 0 else 0


def str_len(s: Any = NOARG, *_: Any) -> int:
    if type(s) is str:
        return len(s)
    return len(check_str(s, 1, "len"))


def str_sub(s: Any = NOARG, i: Any = NOARG, j: Any = -1, *_: Any) -> str:
    if type(s) is not str:
        s = check_str(s, 1, "sub")
    if type(i) is not int:
        i = check_int(i, 2, "sub")
    if type(j) is not int:
        j = -1 if j is None else check_int(j, 3, "sub")
    ln = len(s)
    if i < 0:
        i += ln + 1
        if i < 1:
            i = 1
    elif i == 0:
        i = 1
    if j < 0:
        j += ln + 1
    elif j > ln:
        j = ln
    if i > j:
        return ""
    return s[i - 1 : j]  # type: ignore[no-any-return]


def str_upper(s: Any = NOARG, *_: Any) -> str:
    if type(s) is not str:
        s = check_str(s, 1, "upper")
    # str.upper would also map latin-1 letters (and 'ß' to 'SS'); Lua's C locale maps ASCII only
    if s.isascii():
        return s.upper()  # type: ignore[no-any-return]
    return s.translate(_UPPER)  # type: ignore[no-any-return]


def str_lower(s: Any = NOARG, *_: Any) -> str:
    if type(s) is not str:
        s = check_str(s, 1, "lower")
    if s.isascii():
        return s.lower()  # type: ignore[no-any-return]
    return s.translate(_LOWER)  # type: ignore[no-any-return]


_UPPER = {c: c - 32 for c in range(ord("a"), ord("z") + 1)}
_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


def str_reverse(s: Any = NOARG, *_: Any) -> str:
    if type(s) is not str:
        s = check_str(s, 1, "reverse")
    return s[::-1]  # type: ignore[no-any-return]


MAX_STRING_SIZE = 1 << 31


def str_rep(s: Any = NOARG, n: Any = NOARG, sep: Any = None, *_: Any) -> str:
    if type(s) is not str:
        s = check_str(s, 1, "rep")
    if type(n) is not int:
        n = check_int(n, 2, "rep")
    sep = opt_str(sep, 3, "rep", "")
    if n <= 0:
        return ""
    # refuse absurd sizes up front instead of letting Python exhaust memory
    if (len(s) + len(sep)) * n >= MAX_STRING_SIZE:
        raise LuaError("resulting string too large")
    if not sep:
        return s * n  # type: ignore[no-any-return]
    return sep.join([s] * n)


def str_byte(s: Any = NOARG, i: Any = None, j: Any = None, *_: Any) -> Any:
    if type(s) is not str:
        s = check_str(s, 1, "byte")
    ln = len(s)
    posi = _posrelat(1 if i is None else check_int(i, 2, "byte"), ln)
    pose = posi if j is None else _posrelat(check_int(j, 3, "byte"), ln)
    if posi <= 0:
        posi = 1
    if pose > ln:
        pose = ln
    if posi > pose:
        return ()
    if posi == pose:
        return ord(s[posi - 1])
    if pose - posi >= 1_000_000:
        raise LuaError("string slice too long")
    return tuple(map(ord, s[posi - 1 : pose]))


def str_char(*args: Any) -> str:
    out = []
    for k, c in enumerate(args, 1):
        if type(c) is not int:
            c = check_int(c, k, "char")
        if not 0 <= c <= 255:
            raise arg_error(k, "char", "invalid value")
        out.append(chr(c))
    return "".join(out)


# ----------------------------------------------------------------------------------------
# patterns: compilation
# ----------------------------------------------------------------------------------------

SPECIALS = frozenset("^$*+?.([%-")

# item kinds
K_CHAR = 0  # (K_CHAR, cset | None (any char), quantifier, chars-as-str | None)
K_LIT = 1  # (K_LIT, text): a run of literal characters without quantifiers
K_OPEN = 2  # (K_OPEN, CAP_UNFINISHED | CAP_POSITION)
K_CLOSE = 3  # (K_CLOSE,)
K_BAL = 4  # (K_BAL, open, close)
K_FRONT = 5  # (K_FRONT, cset)
K_BREF = 6  # (K_BREF, capture index (0-based))
K_DOLLAR = 7  # (K_DOLLAR,): '$' as the last pattern character
K_ERR = 8  # (K_ERR, message): a malformed item, reported only when the matcher reaches it

Q_ONE = 0
Q_STAR = 1
Q_PLUS = 2
Q_MIN = 3
Q_OPT = 4
_QUANT = {"*": Q_STAR, "+": Q_PLUS, "-": Q_MIN, "?": Q_OPT}

CAP_UNFINISHED = -1
CAP_POSITION = -2
MAXCAPTURES = 32

_ALL = [chr(c) for c in range(256)]


def _cls(pred: Callable[[int], bool]) -> frozenset[str]:
    return frozenset(chr(c) for c in range(256) if pred(c))


def _isalpha(c: int) -> bool:
    return 65 <= c <= 90 or 97 <= c <= 122


def _isdigit(c: int) -> bool:
    return 48 <= c <= 57


def _isgraph(c: int) -> bool:
    return 33 <= c <= 126


# C-locale character classes, as isalpha() & co. see them
_CLASSES: dict[str, frozenset[str]] = {
    "a": _cls(_isalpha),
    "c": _cls(lambda c: c < 32 or c == 127),
    "d": _cls(_isdigit),
    "g": _cls(_isgraph),
    "l": _cls(lambda c: 97 <= c <= 122),
    "p": _cls(lambda c: _isgraph(c) and not _isalpha(c) and not _isdigit(c)),
    "s": _cls(lambda c: 9 <= c <= 13 or c == 32),
    "u": _cls(lambda c: 65 <= c <= 90),
    "w": _cls(lambda c: _isalpha(c) or _isdigit(c)),
    "x": _cls(lambda c: _isdigit(c) or 65 <= c <= 70 or 97 <= c <= 102),
    "z": frozenset("\0"),
}
_FULL = frozenset(_ALL)
for _k in list(_CLASSES):
    _CLASSES[_k.upper()] = _FULL - _CLASSES[_k]


def _class_set(cl: str) -> frozenset[str]:
    """The characters ``%cl`` matches (a non-class letter or symbol matches itself)."""
    s = _CLASSES.get(cl)
    if s is None:
        return frozenset(cl)
    return s


class _PatternError(Exception):
    pass


def _class_end(p: str, i: int) -> int:
    """Index just past the single-character class starting at ``p[i]`` (classEnd)."""
    n = len(p)
    c = p[i]
    i += 1
    if c == "%":
        if i >= n:
            raise _PatternError("malformed pattern (ends with '%')")
        return i + 1
    if c == "[":
        if i < n and p[i] == "^":
            i += 1
        while True:  # look for a ']'; the first character is never the closing one
            if i >= n:
                raise _PatternError("malformed pattern (missing ']')")
            cc = p[i]
            i += 1
            if cc == "%" and i < n:
                i += 1  # skip escapes (e.g. '%]')
            if i < n and p[i] == "]":
                return i + 1
    return i


def _bracket_set(p: str, start: int, ec: int) -> frozenset[str]:
    """The characters matched by the set ``p[start:ec+1]`` (``[`` ... ``]``), computed once with
    matchbracketclass's rules (ranges need a character after the ``-``)."""
    j = start
    negate = False
    if p[j + 1] == "^":
        negate = True
        j += 1
    members: set[str] = set()
    j += 1
    while j < ec:
        ch = p[j]
        if ch == "%":
            j += 1
            members |= _class_set(p[j])
            j += 1
        elif j + 2 < ec and p[j + 1] == "-":
            lo = ord(ch)
            hi = ord(p[j + 2])
            members.update(chr(c) for c in range(lo, hi + 1))
            j += 3
        else:
            members.add(ch)
            j += 1
    if negate:
        return _FULL - members
    return frozenset(members)


def _single_set(p: str, i: int, ep: int) -> frozenset[str] | None:
    c = p[i]
    if c == ".":
        return None
    if c == "%":
        return _class_set(p[i + 1])
    if c == "[":
        return _bracket_set(p, i, ep - 1)
    return frozenset(c)


def _literal_char(p: str, i: int) -> str | None:
    """The character a class item stands for when it is a plain literal, else None."""
    c = p[i]
    if c == "%":
        d = p[i + 1]
        if d in _CLASSES:
            return None
        return d
    if c == "." or c == "[":
        return None
    return c


class Pattern:
    """A compiled Lua pattern (without its ``^`` anchor).

    Besides the items it keeps what lets a search skip hopeless start positions without
    changing results: ``prefix``, a literal every match starts with (found with ``str.find``),
    or else ``skip``, the characters that can NOT start a match (skipped with ``lstrip``).
    Both look through capture items that cannot raise, so that no error is skipped either.
    """

    __slots__ = ("items", "nitems", "prefix", "skip", "ncaps", "rx", "poscaps", "nonempty")

    def __init__(self, items: list[tuple[Any, ...]]) -> None:
        n = len(items)
        # Captures are positional: the level at each item is the number of opens before it,
        # and the capture a ')' closes is statically known. So it is known at compile time
        # which capture items pass through without an error.
        passable = [False] * (n + 1)
        level = 0
        stack: list[int] = []
        for idx, it in enumerate(items):
            k = it[0]
            if k == K_OPEN:
                passable[idx] = level < MAXCAPTURES
                level += 1
                if it[1] == CAP_UNFINISHED:
                    stack.append(idx)
            elif k == K_CLOSE:
                passable[idx] = bool(stack)
                if stack:
                    stack.pop()
        self.ncaps = min(level, MAXCAPTURES)
        # the first consuming item after passable capture items, for each position
        nxt = [n] * (n + 1)
        for idx in range(n - 1, -1, -1):
            nxt[idx] = nxt[idx + 1] if passable[idx] else idx
        out: list[tuple[Any, ...]] = []
        for idx, it in enumerate(items):
            if it[0] == K_CHAR and it[2] in (Q_STAR, Q_PLUS):
                # a greedy item followed by a literal backtracks only to where it starts
                j = nxt[idx + 1]
                lit = items[j][1][0] if j < n and items[j][0] == K_LIT else None
                it = it + (lit,)
            out.append(it)
        self.items = tuple(out)
        self.nitems = n
        self.prefix: str | None = None
        self.skip: str | None = None
        j = nxt[0]
        if j < n:
            first = items[j]
            if first[0] == K_LIT:
                self.prefix = first[1]  # the skipped capture items consume nothing
            elif first[0] == K_CHAR and first[2] in (Q_ONE, Q_PLUS) and first[1] is not None:
                self.skip = "".join(sorted(_FULL - first[1]))
            elif first[0] == K_BAL:
                self.skip = "".join(sorted(_FULL - {first[1]}))
        self.rx: re.Pattern[str] | None = None
        self.poscaps: frozenset[int] = frozenset()
        tr = _translate(items)
        if tr is not None:
            try:
                self.rx = re.compile(tr[0], re.DOTALL)
                self.poscaps = tr[1]
            except (re.error, RecursionError, OverflowError):  # pragma: no cover - defensive
                pass  # the item matcher handles it
        # every match consumes at least one character (a literal, or a class matched once
        # or more)
        self.nonempty = any(
            it[0] == K_LIT or (it[0] == K_CHAR and (it[2] == Q_ONE or it[2] == Q_PLUS))
            for it in items
        )


# At most this many backtracking items (quantified classes and capture brackets) in a pattern
# given to ``re``: the item matcher recurses once per such item and reports a pattern past
# Python's recursion limit as too complex, so long ones stay with it.
_RX_MAX_DEPTH = 64


_SET_RX: dict[frozenset[str], str | None] = {}


def _set_regex(cset: frozenset[str]) -> str | None:
    """A ``re`` class matching exactly ``cset`` (a set of latin-1 characters, so a byte
    >= 0x80 is matched only when it is in the set, whatever Unicode says about it)."""
    try:
        return _SET_RX[cset]
    except KeyError:
        pass
    if len(_SET_RX) >= 1024:
        _SET_RX.clear()
    r = _SET_RX[cset] = _set_regex_source(cset)
    return r


def _set_regex_source(cset: frozenset[str]) -> str | None:
    codes = sorted(ord(c) for c in cset)
    if not codes or codes[-1] > 0xFF:
        return None
    parts: list[str] = []
    i = 0
    n = len(codes)
    while i < n:
        j = i
        while j + 1 < n and codes[j + 1] == codes[j] + 1:
            j += 1
        if i == j:
            parts.append(f"\\x{codes[i]:02x}")
        else:
            parts.append(f"\\x{codes[i]:02x}-\\x{codes[j]:02x}")
        i = j + 1
    return "[" + "".join(parts) + "]"


def _translate(items: list[tuple[Any, ...]]) -> tuple[str, frozenset[int]] | None:
    """The equivalent ``re`` source of a compiled pattern (without its ``^``), and the group
    numbers of its position captures; None when it has no faithful translation: ``%b``,
    ``%f``, back-references, malformed parts (reported lazily by the item matcher),
    unbalanced or too many captures, an empty set, or too many backtracking items.

    A Lua pattern is a sequence of single-character items (quantifiers never apply to a
    capture and there is no alternation), so a backtracking regex engine tries the same
    alternatives in the same order: ``*``, ``+`` and ``?`` greedy, ``-`` lazy (``*?``); ``.``
    is any character (DOTALL); ``$`` at the end is the end of the subject (``\\Z``)."""
    out: list[str] = []
    poscaps: list[int] = []
    depth = 0
    group = 0
    open_groups = 0
    for it in items:
        k = it[0]
        if k == K_LIT:
            out.append(re.escape(it[1]))
        elif k == K_CHAR:
            cset = it[1]
            if cset is None:
                cls = "."
            else:
                cls = _set_regex(cset)
                if cls is None:
                    return None
            q = it[2]
            if q != Q_ONE:
                depth += 1
            out.append(cls + _RX_QUANT[q])
        elif k == K_OPEN:
            depth += 1
            group += 1
            if it[1] == CAP_POSITION:
                poscaps.append(group)
                out.append("()")
            else:
                open_groups += 1
                out.append("(")
        elif k == K_CLOSE:
            depth += 1
            if open_groups == 0:
                return None
            open_groups -= 1
            out.append(")")
        elif k == K_DOLLAR:
            out.append("\\Z")
        else:  # K_BAL, K_FRONT, K_BREF, K_ERR
            return None
    if open_groups or group > MAXCAPTURES or depth > _RX_MAX_DEPTH:
        return None
    return "".join(out), frozenset(poscaps)


_RX_QUANT = {Q_ONE: "", Q_STAR: "*", Q_PLUS: "+", Q_MIN: "*?", Q_OPT: "?"}


def compile_pattern(p: str) -> Pattern:
    """Compile ``p`` into items. Malformed parts become K_ERR items, because Lua reports a
    malformed pattern only when matching reaches it (``find("abc", "x[")`` is just nil)."""
    items: list[tuple[Any, ...]] = []
    lit: list[str] = []
    n = len(p)
    i = 0

    def flush() -> None:
        if lit:
            items.append((K_LIT, "".join(lit)))
            lit.clear()

    try:
        while i < n:
            c = p[i]
            if c == "(":
                flush()
                if i + 1 < n and p[i + 1] == ")":
                    items.append((K_OPEN, CAP_POSITION))
                    i += 2
                else:
                    items.append((K_OPEN, CAP_UNFINISHED))
                    i += 1
                continue
            if c == ")":
                flush()
                items.append((K_CLOSE,))
                i += 1
                continue
            if c == "$" and i + 1 == n:
                flush()
                items.append((K_DOLLAR,))
                i += 1
                continue
            if c == "%" and i + 1 < n:
                d = p[i + 1]
                if d == "b":
                    flush()
                    if i + 3 >= n:
                        raise _PatternError("unbalanced pattern")
                    items.append((K_BAL, p[i + 2], p[i + 3]))
                    i += 4
                    continue
                if d == "f":
                    flush()
                    i += 2
                    if i >= n or p[i] != "[":
                        raise _PatternError("missing '[' after '%f' in pattern")
                    ep = _class_end(p, i)
                    items.append((K_FRONT, _bracket_set(p, i, ep - 1)))
                    i = ep
                    continue
                if "0" <= d <= "9":
                    flush()
                    items.append((K_BREF, ord(d) - ord("1")))
                    i += 2
                    continue
            ep = _class_end(p, i)
            q = _QUANT.get(p[ep]) if ep < n else None
            if q is None:
                ch = _literal_char(p, i)
                if ch is not None:
                    lit.append(ch)
                    i = ep
                    continue
                q = Q_ONE
                nxt = ep
            else:
                nxt = ep + 1
            flush()
            cset = _single_set(p, i, ep)
            chars = None if cset is None else "".join(sorted(cset))
            items.append((K_CHAR, cset, q, chars))
            i = nxt
    except _PatternError as e:
        flush()
        items.append((K_ERR, str(e)))
    flush()
    return Pattern(items)


_PCACHE: dict[str, Pattern] = {}


def get_pattern(p: str) -> Pattern:
    pat = _PCACHE.get(p)
    if pat is None:
        if len(_PCACHE) >= 2048:
            _PCACHE.clear()
        pat = _PCACHE[p] = compile_pattern(p)
    return pat


# ----------------------------------------------------------------------------------------
# patterns: matching
# ----------------------------------------------------------------------------------------


class MatchState:
    __slots__ = ("src", "n", "items", "nitems", "level", "cstart", "clen")

    def __init__(self, src: str, pat: Pattern) -> None:
        self.src = src
        self.n = len(src)
        self.items = pat.items
        self.nitems = pat.nitems
        self.level = 0
        self.cstart = [0] * pat.ncaps
        self.clen = [0] * pat.ncaps


def _span(src: str, s: int, n: int, chars: str) -> int:
    """End of the run of ``chars`` starting at ``s``. ``lstrip`` scans in C; the growing window
    keeps long subjects from being copied whole for every item."""
    w = 16
    while True:
        chunk = src[s : s + w]
        rest = chunk.lstrip(chars)
        s += len(chunk) - len(rest)
        if rest or s >= n:
            return s
        w <<= 2


def do_match(ms: MatchState, s: int, i: int) -> int:
    """Match items[i:] at ``s``; the end of the match, or -1. The structure is lstrlib's
    ``match``: recursion only where backtracking needs it (quantifiers, captures), so the
    depth grows with the pattern, not with the subject."""
    src = ms.src
    n = ms.n
    items = ms.items
    nitems = ms.nitems
    while i < nitems:
        it = items[i]
        k = it[0]
        if k == K_LIT:
            lit = it[1]
            if src.startswith(lit, s):
                s += len(lit)
                i += 1
                continue
            return -1
        if k == K_CHAR:
            cset = it[1]
            q = it[2]
            if q == Q_ONE:
                if s < n and (cset is None or src[s] in cset):
                    s += 1
                    i += 1
                    continue
                return -1
            if q == Q_STAR or q == Q_PLUS:
                if cset is None:
                    j = n
                elif s < n and src[s] in cset:
                    j = _span(src, s + 1, n, it[3])
                else:
                    j = s
                lo = s if q == Q_STAR else s + 1
                if j < lo:
                    return -1
                i += 1
                if i == nitems:
                    return j
                first = it[4]
                if first is not None:
                    # only positions where the next literal starts can succeed
                    while j >= lo:
                        j = src.rfind(first, lo, j + 1)
                        if j < 0:
                            return -1
                        r = do_match(ms, j, i)
                        if r != -1:
                            return r
                        j -= 1
                    return -1
                if items[i][0] == K_DOLLAR:
                    return n if j == n else -1
                while j >= lo:
                    r = do_match(ms, j, i)
                    if r != -1:
                        return r
                    j -= 1
                return -1
            if q == Q_MIN:
                i += 1
                while True:
                    r = do_match(ms, s, i)
                    if r != -1:
                        return r
                    if s < n and (cset is None or src[s] in cset):
                        s += 1
                    else:
                        return -1
            # Q_OPT
            if s < n and (cset is None or src[s] in cset):
                r = do_match(ms, s + 1, i + 1)
                if r != -1:
                    return r
            i += 1
            continue
        if k == K_OPEN:
            level = ms.level
            if level >= MAXCAPTURES:
                raise LuaError("too many captures")
            ms.cstart[level] = s
            ms.clen[level] = it[1]
            ms.level = level + 1
            r = do_match(ms, s, i + 1)
            if r == -1:
                ms.level -= 1
            return r
        if k == K_CLOSE:
            clen = ms.clen
            lv = ms.level - 1
            while lv >= 0:
                if clen[lv] == CAP_UNFINISHED:
                    break
                lv -= 1
            else:
                raise LuaError("invalid pattern capture")
            clen[lv] = s - ms.cstart[lv]
            r = do_match(ms, s, i + 1)
            if r == -1:
                clen[lv] = CAP_UNFINISHED
            return r
        if k == K_DOLLAR:
            return s if s == n else -1
        if k == K_BAL:
            b = it[1]
            if s >= n or src[s] != b:
                return -1
            e = it[2]
            cont = 1
            j = s + 1
            while j < n:
                c = src[j]
                if c == e:
                    cont -= 1
                    if cont == 0:
                        break
                elif c == b:
                    cont += 1
                j += 1
            else:
                return -1
            s = j + 1
            i += 1
            continue
        if k == K_FRONT:
            cset = it[1]
            prev = src[s - 1] if s > 0 else "\0"
            cur = src[s] if s < n else "\0"
            if prev in cset or cur not in cset:
                return -1
            i += 1
            continue
        if k == K_BREF:
            lv = it[1]
            if lv < 0 or lv >= ms.level or ms.clen[lv] == CAP_UNFINISHED:
                raise LuaError("invalid capture index")
            ln = ms.clen[lv]
            if ln == CAP_POSITION:
                return -1  # C Lua compares (size_t)-2 bytes: never matches
            st = ms.cstart[lv]
            if n - s >= ln and src[st : st + ln] == src[s : s + ln]:
                s += ln
                i += 1
                continue
            return -1
        # K_ERR
        raise LuaError(it[1])
    return s


def match_at(ms: MatchState, s: int) -> int:
    """A whole-pattern attempt at ``s``. The matcher recurses once per quantifier or capture
    on the current path, so only an absurdly long pattern can exhaust Python's stack; Lua 5.3
    reports that case as too complex (5.1 would overflow the C stack)."""
    ms.level = 0
    try:
        return do_match(ms, s, 0)
    except RecursionError:
        raise LuaError("pattern too complex") from None


def get_capture(ms: MatchState, i: int, s: int, e: int) -> Any:
    """Capture ``i`` (0-based); with no captures at all, capture 0 is the whole match."""
    if i >= ms.level:
        if i == 0:
            return ms.src[s:e]
        raise LuaError("invalid capture index")
    ln = ms.clen[i]
    if ln == CAP_UNFINISHED:
        raise LuaError("unfinished capture")
    st = ms.cstart[i]
    if ln == CAP_POSITION:
        return st + 1
    return ms.src[st : st + ln]


def _captures(ms: MatchState, s: int, e: int, whole: bool) -> Any:
    """The values a match produces, packed as Lua results (bare value when there is one)."""
    level = ms.level
    if level == 0:
        return ms.src[s:e] if whole else ()
    if level == 1:
        return get_capture(ms, 0, s, e)
    return tuple([get_capture(ms, k, s, e) for k in range(level)])


def _rx_captures(m: re.Match[str], pat: Pattern, whole: bool) -> Any:
    """_captures for a match found by ``pat.rx``."""
    nc = pat.ncaps
    if nc == 0:
        return m.group() if whole else ()
    pc = pat.poscaps
    if nc == 1:
        return m.start(1) + 1 if pc else m.group(1)
    if not pc:
        return m.groups()
    return tuple([m.start(g) + 1 if g in pc else m.group(g) for g in range(1, nc + 1)])


def _rx_capture(m: re.Match[str], pat: Pattern, i: int) -> Any:
    """get_capture for a match found by ``pat.rx``."""
    if i >= pat.ncaps:
        if i == 0:
            return m.group()
        raise LuaError("invalid capture index")
    if i + 1 in pat.poscaps:
        return m.start(i + 1) + 1
    return m.group(i + 1)


def _has_specials(p: str) -> bool:
    return not SPECIALS.isdisjoint(p)


def _find_aux(s: Any, p: Any, init: Any, plain: Any, find: bool) -> Any:
    fname = "find" if find else "match"
    if type(s) is not str:
        s = check_str(s, 1, fname)
    if type(p) is not str:
        p = check_str(p, 2, fname)
    ls = len(s)
    if init is None or init is NOARG:
        i0 = 0
    else:
        if type(init) is not int:
            init = check_int(init, 3, fname)
        i0 = _posrelat(init, ls) - 1
        if i0 < 0:
            i0 = 0
        elif i0 > ls:
            i0 = ls  # Lua 5.1 clamps (5.3 returns nil instead)
    if find and ((plain is not None and plain is not False and plain is not NOARG)
                 or not _has_specials(p)):
        pos = s.find(p, i0)
        if pos < 0:
            return None
        return pos + 1, pos + len(p)
    anchor = p[:1] == "^"
    pat = get_pattern(p[1:] if anchor else p)
    rx = pat.rx
    if rx is not None:
        m = rx.match(s, i0) if anchor else rx.search(s, i0)
        if m is None:
            return None
        if find:
            caps = _rx_captures(m, pat, False)
            if type(caps) is tuple:
                return (m.start() + 1, m.end()) + caps
            return m.start() + 1, m.end(), caps
        return _rx_captures(m, pat, True)
    ms = MatchState(s, pat)
    prefix = pat.prefix
    skip = pat.skip
    if anchor:
        prefix = skip = None
    s1 = i0
    while True:
        if prefix is not None:
            s1 = s.find(prefix, s1)
            if s1 < 0:
                return None
        elif skip is not None:
            s1 = _span(s, s1, ls, skip)
            if s1 >= ls:
                return None
        e = match_at(ms, s1)
        if e != -1:
            if find:
                caps = _captures(ms, s1, e, False)
                if type(caps) is tuple:
                    return (s1 + 1, e) + caps
                return s1 + 1, e, caps
            return _captures(ms, s1, e, True)
        s1 += 1
        if s1 > ls or anchor:
            return None


def str_find(
    s: Any = NOARG, p: Any = NOARG, init: Any = None, plain: Any = None, *_: Any
) -> Any:
    return _find_aux(s, p, init, plain, True)


def str_match(s: Any = NOARG, p: Any = NOARG, init: Any = None, *_: Any) -> Any:
    return _find_aux(s, p, init, None, False)


def str_gmatch(s: Any = NOARG, p: Any = NOARG, *_: Any) -> Callable[..., Any]:
    """An iterator over the matches. As in Lua, ``^`` is not an anchor here, errors in the
    pattern surface on the first iteration, and an empty match advances one position (5.1)."""
    s = check_str(s, 1, "gmatch")
    p = check_str(p, 2, "gmatch")
    pat = get_pattern(p)
    ls = len(s)
    pos = 0

    rx = pat.rx
    if rx is not None:
        search = rx.search

        def gmatch_rx(*_: Any) -> Any:
            nonlocal pos
            if pos > ls:
                return ()
            m = search(s, pos)
            if m is None:
                pos = ls + 1
                return ()
            e = m.end()
            pos = e + 1 if e == m.start() else e
            return _rx_captures(m, pat, True)

        return gmatch_rx

    ms = MatchState(s, pat)
    prefix = pat.prefix
    skip = pat.skip

    def gmatch_iter(*_: Any) -> Any:
        nonlocal pos
        src = pos
        while src <= ls:
            if prefix is not None:
                src = s.find(prefix, src)
                if src < 0:
                    break
            elif skip is not None:
                src = _span(s, src, ls, skip)
                if src >= ls:
                    break
            e = match_at(ms, src)
            if e != -1:
                pos = e + 1 if e == src else e
                return _captures(ms, src, e, True)
            src += 1
        return ()

    return gmatch_iter


# -- gsub -----------------------------------------------------------------------------------

_REPL_ERROR = object()
_RCACHE: dict[str, list[Any]] = {}


def _parse_repl(r: str) -> list[Any]:
    """A replacement string as literal pieces and capture numbers (0 = whole match); an invalid
    escape becomes _REPL_ERROR, raised only when a substitution actually happens (as in Lua)."""
    parts: list[Any] = []
    buf: list[str] = []
    i = 0
    n = len(r)
    while i < n:
        c = r[i]
        if c != "%":
            buf.append(c)
            i += 1
            continue
        i += 1
        d = r[i] if i < n else ""
        if d == "%":
            buf.append("%")
        elif "0" <= d <= "9":
            if buf:
                parts.append("".join(buf))
                buf.clear()
            parts.append(ord(d) - ord("0"))
        else:
            if buf:
                parts.append("".join(buf))
                buf.clear()
            parts.append(_REPL_ERROR)
            return parts
        i += 1
    if buf:
        parts.append("".join(buf))
    return parts


def _get_repl(r: str) -> list[Any]:
    parts = _RCACHE.get(r)
    if parts is None:
        if len(_RCACHE) >= 1024:
            _RCACHE.clear()
        parts = _RCACHE[r] = _parse_repl(r)
    return parts


def _add_value(ms: MatchState, out: list[str], s: int, e: int, repl: Any, kind: int) -> None:
    if kind == 0:  # string
        for part in repl:
            if type(part) is str:
                out.append(part)
            elif part is _REPL_ERROR:
                raise LuaError("invalid use of '%' in replacement string")
            elif part == 0:
                out.append(ms.src[s:e])
            else:
                v = get_capture(ms, part - 1, s, e)
                out.append(v if type(v) is str else str(v))
        return
    if kind == 1:  # function
        caps = _captures(ms, s, e, True)
        if type(caps) is tuple:
            v = call1(repl, *caps)
        else:
            v = call1(repl, caps)
    else:  # table
        v = index(repl, get_capture(ms, 0, s, e))
    out.append(ms.src[s:e] if v is None or v is False else _repl_text(v))


def _repl_text(v: Any) -> str:
    """The text a function or table replacement value (not nil or false) stands for."""
    tv = type(v)
    if tv is str:
        return v  # type: ignore[no-any-return]
    if tv is int or tv is float:
        return tostring_basic(v)
    raise LuaError(f"invalid replacement value (a {lua_type(v)})")


def str_gsub(
    s: Any = NOARG, p: Any = NOARG, repl: Any = NOARG, max_n: Any = None, *_: Any
) -> Any:
    if type(s) is not str:
        s = check_str(s, 1, "gsub")
    if type(p) is not str:
        p = check_str(p, 2, "gsub")
    ls = len(s)
    if max_n is None or max_n is NOARG:
        max_s = ls + 1
    else:
        max_s = check_int(max_n, 4, "gsub")
    tr = type(repl)
    if tr is int or tr is float:
        repl = tostring_basic(repl)
        tr = str
    if tr is str:
        if p and "%" not in repl and ")" not in p and not _has_specials(p):
            # plain literal pattern and replacement: str.replace finds the same
            # non-overlapping leftmost matches (a ')' is plain for find, not for gsub)
            if max_s <= 0:
                return s, 0
            cnt = s.count(p)
            if cnt > max_s:
                cnt = max_s
            if cnt == 0:
                return s, 0
            return s.replace(p, repl, cnt), cnt
        kind = 0
        rv: Any = _get_repl(repl)
    elif tr is LuaTable:
        kind = 2
        rv = repl
    elif repl is not NOARG and is_function(repl):
        kind = 1
        rv = repl
    else:
        raise arg_error(3, "gsub", "string/function/table expected")
    anchor = p[:1] == "^"
    pat = get_pattern(p[1:] if anchor else p)
    if pat.rx is not None:
        return _gsub_rx(s, pat, anchor, rv, kind, max_s)
    prefix = None if anchor else pat.prefix
    skip = None if anchor else pat.skip
    ms = MatchState(s, pat)
    out: list[str] = []
    pos = 0
    n = 0
    while n < max_s:
        # positions where no match can start are copied through in one piece
        if prefix is not None:
            nxt = s.find(prefix, pos)
            if nxt < 0:
                break
            if nxt > pos:
                out.append(s[pos:nxt])
                pos = nxt
        elif skip is not None:
            nxt = _span(s, pos, ls, skip)
            if nxt >= ls:
                break
            if nxt > pos:
                out.append(s[pos:nxt])
                pos = nxt
        e = match_at(ms, pos)
        if e != -1:
            n += 1
            _add_value(ms, out, pos, e, rv, kind)
        if e != -1 and e > pos:
            pos = e
        elif pos < ls:
            out.append(s[pos])
            pos += 1
        else:
            break
        if anchor:
            break
    out.append(s[pos:])
    return "".join(out), n


def _rx_template(parts: list[Any], pat: Pattern) -> str | None:
    """A parsed gsub replacement string as a ``re`` template, when it has one: string
    captures and the whole match only (no position captures, no invalid capture index or
    ``%`` escape, which must raise when a substitution happens)."""
    out: list[str] = []
    nc = pat.ncaps
    for part in parts:
        if type(part) is str:
            out.append(part.replace("\\", "\\\\"))
        elif part is _REPL_ERROR:
            return None
        elif part == 0 or (part == 1 and nc == 0):
            out.append("\\g<0>")
        elif part <= nc and part not in pat.poscaps:
            out.append(f"\\g<{part}>")
        else:
            return None
    return "".join(out)


def _rx_replacer(pat: Pattern, rv: Any, kind: int) -> Callable[[re.Match[str]], str]:
    """The replacement of a match by a parsed replacement string (kind 0), a function (1) or
    a table (2), as _add_value makes it."""
    if kind == 0:
        parts = rv
        if all(type(x) is str for x in parts):
            text = "".join(parts)
            return lambda m: text

        def expand(m: re.Match[str]) -> str:
            out = []
            for part in parts:
                if type(part) is str:
                    out.append(part)
                elif part is _REPL_ERROR:
                    raise LuaError("invalid use of '%' in replacement string")
                elif part == 0:
                    out.append(m.group())
                else:
                    v = _rx_capture(m, pat, part - 1)
                    out.append(v if type(v) is str else str(v))
            return "".join(out)

        return expand

    def replace(m: re.Match[str]) -> str:
        if kind == 1:
            caps = _rx_captures(m, pat, True)
            if type(caps) is tuple:
                v = call1(rv, *caps)
            else:
                v = call1(rv, caps)
        else:
            v = index(rv, _rx_capture(m, pat, 0))
        return m.group() if v is None or v is False else _repl_text(v)

    return replace


def _gsub_rx(s: str, pat: Pattern, anchor: bool, rv: Any, kind: int, max_s: int) -> Any:
    """str_gsub's loop for a pattern with a ``re`` translation: ``search`` finds the next
    position where the item matcher's attempt would succeed, and the text before it is copied
    through, as the position-by-position loop does. An empty match copies one character and
    moves on (Lua 5.1), which ``re.sub`` does differently, so its loop is not used."""
    rx = pat.rx
    assert rx is not None
    replace = _rx_replacer(pat, rv, kind)
    if pat.nonempty and not anchor and max_s > 0:
        # without empty matches the loop finds the leftmost non-overlapping matches, as
        # re.subn does
        tmpl = _rx_template(rv, pat) if kind == 0 else None
        return rx.subn(replace if tmpl is None else tmpl, s, max_s)
    ls = len(s)
    out: list[str] = []
    append = out.append
    pos = 0
    n = 0
    while n < max_s:
        if anchor:
            m = rx.match(s, pos)
        else:
            m = rx.search(s, pos) if pos <= ls else None
        if m is None:
            break
        st = m.start()
        e = m.end()
        if st > pos:
            append(s[pos:st])
        n += 1
        append(replace(m))
        if e > st:
            pos = e
        elif st < ls:
            append(s[st])
            pos = st + 1
        else:
            pos = ls + 1
            break
        if anchor:
            break
    if pos <= ls:
        append(s[pos:])
    return "".join(out), n


# ----------------------------------------------------------------------------------------
# format
# ----------------------------------------------------------------------------------------

_FLAGS = "-+ #0"


class _Spec:
    """One ``%`` conversion of a format string, parsed once."""

    __slots__ = ("conv", "flags", "width", "prec", "form", "simple")

    def __init__(self, conv: str, flags: str, width: int, prec: int | None, form: str) -> None:
        self.conv = conv
        self.flags = flags
        self.width = width
        self.prec = prec
        self.form = form  # the C form without the conversion letter, e.g. "%-5.2"
        self.simple = not flags and width == 0 and prec is None


class _FormatError:
    __slots__ = ("msg",)

    def __init__(self, msg: str) -> None:
        self.msg = msg


_FormatItem = Union[str, _Spec, _FormatError]


def _parse_format(fmt: str) -> list[_FormatItem]:
    """Literal text and conversions. A malformed conversion ends the list with a _FormatError,
    reported after the argument check that Lua does first (so ``format("%y")`` complains about
    the missing argument, not the option)."""
    items: list[_FormatItem] = []
    buf: list[str] = []
    n = len(fmt)
    i = 0
    while i < n:
        c = fmt[i]
        if c != "%":
            j = fmt.find("%", i)
            if j < 0:
                j = n
            buf.append(fmt[i:j])
            i = j
            continue
        i += 1
        if i < n and fmt[i] == "%":
            buf.append("%")
            i += 1
            continue
        if buf:
            items.append("".join(buf))
            buf.clear()
        start = i
        while i < n and fmt[i] in _FLAGS:
            i += 1
        flags = fmt[start:i]
        if len(flags) >= len(_FLAGS) + 1:
            items.append(_FormatError("invalid format (repeated flags)"))
            return items
        wstart = i
        if i < n and fmt[i].isdigit():
            i += 1
        if i < n and fmt[i].isdigit():
            i += 1
        width = int(fmt[wstart:i]) if i > wstart else 0
        prec: int | None = None
        if i < n and fmt[i] == ".":
            i += 1
            pstart = i
            if i < n and fmt[i].isdigit():
                i += 1
            if i < n and fmt[i].isdigit():
                i += 1
            prec = int(fmt[pstart:i]) if i > pstart else 0
        if i < n and fmt[i].isdigit():
            items.append(_FormatError("invalid format (width or precision too long)"))
            return items
        conv = fmt[i] if i < n else ""
        if conv == "" or conv not in "cdiouxXeEfgGqs":
            items.append(_FormatError(f"invalid option '%{conv}' to 'format'"))
            return items
        items.append(_Spec(conv, flags, width, prec, "%" + fmt[start:i]))
        i += 1
    if buf:
        items.append("".join(buf))
    return items


def _pad(body: str, width: int, left: bool) -> str:
    if len(body) >= width:
        return body
    if left:
        return body + " " * (width - len(body))
    return " " * (width - len(body)) + body


def _fmt_int(v: int, sp: _Spec) -> str:
    """C's integer conversions, written out: Python's ``%`` differs on ``%#o``, ``%#x`` of 0,
    signs on unsigned conversions, zero precision and the ``0`` flag with a precision."""
    conv = sp.conv
    flags = sp.flags
    prec = sp.prec
    if conv == "d" or conv == "i":
        a = -v if v < 0 else v
        sign = "-" if v < 0 else ("+" if "+" in flags else (" " if " " in flags else ""))
        digits = str(a)
    else:
        a = v & 0xFFFFFFFFFFFFFFFF
        sign = ""
        digits = format(a, "o" if conv == "o" else ("d" if conv == "u" else conv))
    prefix = ""
    if prec is not None:
        if prec == 0 and a == 0:
            digits = ""
        if len(digits) < prec:
            digits = "0" * (prec - len(digits)) + digits
    if "#" in flags:
        if conv == "o":
            if not digits.startswith("0"):
                digits = "0" + digits
        elif (conv == "x" or conv == "X") and a != 0:
            prefix = "0x" if conv == "x" else "0X"
    body_len = len(sign) + len(prefix) + len(digits)
    width = sp.width
    if width > body_len:
        if "-" in flags:
            return sign + prefix + digits + " " * (width - body_len)
        if "0" in flags and prec is None:
            return sign + prefix + "0" * (width - body_len) + digits
        return " " * (width - body_len) + sign + prefix + digits
    return sign + prefix + digits


def _fmt_float(v: float, sp: _Spec) -> str:
    if "0" in sp.flags and (v != v or v == _INF or v == -_INF):
        # C pads inf and nan with spaces even under the '0' flag; Python pads with zeros
        form = "%" + sp.flags.replace("0", "") + (str(sp.width) if sp.width else "")
        if sp.prec is not None:
            form += "." + str(sp.prec)
    else:
        form = sp.form
    return (form + sp.conv) % v  # type: ignore[no-any-return]


_INF = float("inf")


def quote_string(s: str) -> str:
    """``%q`` as Lua 5.1 writes it: only ``"``, ``\\``, newline, ``\\r`` and ``\\0`` escaped."""
    out = ['"']
    for ch in s:
        if ch == '"' or ch == "\\" or ch == "\n":
            out.append("\\" + ch)
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\0":
            out.append("\\000")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


# How str_format converts each argument of a compiled format (see _compile_format)
_F_STR = 0  # %s without flags other than '-': tostring, then Python's %s
_F_INT = 1  # %d/%i without '#' or precision: an integer, then Python's %d
_F_FLT = 2  # %e %E %f %g %G without '0': a float, then Python's % (as _fmt_float does)
_F_SLOW = 3  # anything else: rendered by _fmt_spec, then inserted with %s
_F_ERR = 4  # a malformed conversion, raised when reached (after the argument check)


def _compile_format(
    fmt: str,
) -> tuple[str, tuple[tuple[int, Any], ...] | None, tuple[type, ...] | None]:
    """A format string as one Python ``%`` template plus how to convert each argument; the
    template is the literal text itself when there are no conversions (marked by None). The
    third item, when every conversion is a plain one, is the argument types the template
    takes unconverted (str for %s, int for %d, float for %f...)."""
    items = _parse_format(fmt)
    pieces: list[str] = []
    specs: list[tuple[int, Any]] = []
    for item in items:
        if type(item) is str:
            pieces.append(item.replace("%", "%%"))
            continue
        if type(item) is _FormatError:
            specs.append((_F_ERR, item))
            break
        sp: _Spec = item  # type: ignore[assignment]
        conv = sp.conv
        flags = sp.flags
        if conv == "s" and flags.strip("-") == "":
            specs.append((_F_STR, sp))
            pieces.append(sp.form + "s")
        elif (conv == "d" or conv == "i") and "#" not in flags and sp.prec is None:
            specs.append((_F_INT, sp))
            pieces.append(sp.form + "d")
        elif conv in "eEfgG" and "0" not in flags:
            specs.append((_F_FLT, sp))
            pieces.append(sp.form + conv)
        else:
            specs.append((_F_SLOW, sp))
            pieces.append("%s")
    if not specs:
        return "".join(items), None, None  # type: ignore[arg-type]
    sig = None
    if all(code <= _F_FLT for code, _ in specs):
        sig = tuple([_F_TYPES[code] for code, _ in specs])
    return "".join(pieces), tuple(specs), sig


# the argument types that the Python template takes as they are
_F_TYPES = {_F_STR: str, _F_INT: int, _F_FLT: float}


def _fmt_spec(sp: _Spec, v: Any, argn: int) -> str:
    """One conversion, in general (argument ``argn`` of ``format``)."""
    conv = sp.conv
    if conv == "s":
        sv = tostring(v)
        if sp.simple or (sp.prec is None and len(sv) >= 100):
            return sv
        return _pad(sv if sp.prec is None else sv[: sp.prec], sp.width, "-" in sp.flags)
    if conv == "d" or conv == "i":
        if type(v) is not int:
            v = check_int(v, argn, "format")
        return str(v) if sp.simple else _fmt_int(v, sp)
    if conv in "ouxX":
        if type(v) is not int:
            v = check_int(v, argn, "format")
        return _fmt_int(v, sp)
    if conv in "eEfgG":
        x = check_num(v, argn, "format")
        return _fmt_float(float(x), sp)
    if conv == "c":
        c = check_int(v, argn, "format")
        return _pad(chr(c & 0xFF), sp.width, "-" in sp.flags)
    # 'q'
    return quote_string(check_str(v, argn, "format"))


_FCACHE: dict[str, tuple[str, tuple[tuple[int, Any], ...] | None, tuple[type, ...] | None]] = {}


def str_format(fmt: Any = NOARG, *args: Any) -> str:
    if type(fmt) is not str:
        fmt = check_str(fmt, 1, "format")
    c = _FCACHE.get(fmt)
    if c is None:
        if len(_FCACHE) >= 1024:
            _FCACHE.clear()
        c = _FCACHE[fmt] = _compile_format(fmt)
    template, specs, sig = c
    if specs is None:
        return template
    nargs = len(args)
    if sig is not None and nargs >= len(sig):
        # every argument already of the type its conversion takes: nothing to convert
        a = args if nargs == len(sig) else args[: len(sig)]
        if tuple(map(type, a)) == sig:
            return template % a  # type: ignore[no-any-return]
    vals: list[Any] = []
    # args[k] is argument k + 2 of format (the format string is the first)
    for k, (code, sp) in enumerate(specs):
        if k >= nargs:
            raise arg_error(k + 2, "format", "no value")
        v = args[k]
        if code == _F_STR:
            if type(v) is not str:
                v = tostring(v)
        elif code == _F_INT:
            if type(v) is not int:
                v = check_int(v, k + 2, "format")
        elif code == _F_FLT:
            tv = type(v)
            if tv is not float:
                v = float(v) if tv is int else float(check_num(v, k + 2, "format"))
        elif code == _F_SLOW:
            v = _fmt_spec(sp, v, k + 2)
        else:
            raise LuaError(sp.msg)
        vals.append(v)
    return template % tuple(vals)


LIB: dict[str, Callable[..., Any]] = {
    "byte": str_byte,
    "char": str_char,
    "find": str_find,
    "format": str_format,
    "gmatch": str_gmatch,
    "gsub": str_gsub,
    "len": str_len,
    "lower": str_lower,
    "match": str_match,
    "rep": str_rep,
    "reverse": str_reverse,
    "sub": str_sub,
    "upper": str_upper,
}
