"""The Lua ``string`` library, as Wippy's VM (go-lua ``stringlib.go``, ``pm/pm.go``) has it.

Strings are Python ``str`` objects holding one character per byte (see ``values``), so every
position here is a byte position, exactly as in Lua. Lua patterns are implemented from scratch
(``%b``, back-references, the empty-match and anchoring rules and go-lua's parse errors cannot
be handed to Python ``re`` in general). A pattern without those parts is also compiled to an
equivalent ``re`` pattern (see ``_translate``), which finds the matches; the loops around it
(empty matches, anchors, captures, replacements) stay Lua's.

go-lua keeps Lua 5.1's rules where it does not say otherwise, and differs from PUC Lua in
(docs/differences.md has the list):

* ``find``/``match`` with an ``init`` beyond the end find nothing; an empty pattern finds
  ``1, 0``; ``plain`` counts only with all four arguments; ``match`` returns nothing on a miss;
* ``gmatch``/``gsub`` handle empty matches like 5.1 (``gsub("abc", "%a*", "-")`` is ``"--", 2``),
  ``gmatch`` anchors on ``^``, ``gsub``'s ``n <= 0`` means no limit and ``%x`` stays ``%x``;
* no ``%f`` and no ``%g``: both match their letter; back-references to open captures fail;
* ``format`` is Go's ``fmt.Sprintf`` over go-lua's values (``gofmt``);
* ``rep`` has no separator, ``char`` wraps modulo 256, ``upper``/``lower`` are Go's Unicode ones.
"""

from __future__ import annotations

import re
from types import CoroutineType
from typing import Any, Callable

from .errors import LuaError
from .gofmt import runes, sprintf
from .ops import call, concat_text, go_int64, index, str_to_number
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
    # go-lua auxlib.go ArgError: the function's name is not quoted
    return LuaError(f"bad argument #{n} to {fname} ({msg})")


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


def check_int(v: Any, n: int, fname: str) -> int:
    """An integer argument of the standard library, as go-lua's CheckInt takes it: a float is
    converted as Go's ``int(f)`` does (truncated toward zero; NaN, infinities and values
    beyond int64 become -2^63), so ``string.sub(s, 2.7)`` is ``string.sub(s, 2)``. Numeric
    strings count (as in PUC Lua: go-lua's integer-era CheckInt is not in the stored
    sources, see docs/differences.md)."""
    t = type(v)
    if t is int:
        return v  # type: ignore[no-any-return]
    if t is float:
        return go_int64(v)
    if t is str:
        x = str_to_number(v)
        if x is not None:
            return check_int(x, n, fname)
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
    """go-lua stringlib.go strSub with luaIndex2StringIndex: 0-based bounds, counted from the
    end when negative (Go's int arithmetic wraps, as for ``i - 1`` of -2^63)."""
    if type(s) is not str:
        s = check_str(s, 1, "sub")
    if type(i) is not int:
        i = check_int(i, 2, "sub")
    if type(j) is not int:
        j = -1 if j is None else check_int(j, 3, "sub")
    ln = len(s)
    if i > 0:
        i -= 1
    elif i < 0:
        i = (i - 1 if i != -(2**63) else 2**63 - 1)
        if i < 0:
            i += ln + 1
            if i < 0:
                i = 0
    if j < 0:
        j += ln + 1
        if j < 0:
            j = 0
    elif j > ln:
        j = ln
    if i >= ln or j < i:
        return ""
    return s[i:j]  # type: ignore[no-any-return]


def str_upper(s: Any = NOARG, *_: Any) -> str:
    """Go's strings.ToUpper (go-lua stringlib.go strUpper): Unicode case mapping of the UTF-8
    text; with any non-ASCII byte, each invalid byte becomes U+FFFD."""
    if type(s) is not str:
        s = check_str(s, 1, "upper")
    if s.isascii():
        return s.upper()  # type: ignore[no-any-return]
    return _go_case(s, str.upper)


def str_lower(s: Any = NOARG, *_: Any) -> str:
    """Go's strings.ToLower (go-lua stringlib.go strLower), as ``upper``."""
    if type(s) is not str:
        s = check_str(s, 1, "lower")
    if s.isascii():
        return s.lower()  # type: ignore[no-any-return]
    return _go_case(s, str.lower)


def _go_case(s: str, f: Callable[[str], str]) -> str:
    # unicode.ToUpper/ToLower map one rune to one rune: Python's full mappings that change
    # the length ('ß' -> 'SS') are Go's identity
    out = []
    for ch in runes(s):
        m = f(ch)
        out.append(m if len(m) == 1 else ch)
    return "".join(out).encode("utf-8", "surrogatepass").decode("latin-1")


def str_reverse(s: Any = NOARG, *_: Any) -> str:
    if type(s) is not str:
        s = check_str(s, 1, "reverse")
    return s[::-1]  # type: ignore[no-any-return]


MAX_STRING_SIZE = 1 << 31


def str_rep(s: Any = NOARG, n: Any = NOARG, *_: Any) -> str:
    """go-lua stringlib.go strRep: ``strings.Repeat(s, n)``; a third argument (Lua 5.2's
    separator) is ignored."""
    if type(s) is not str:
        s = check_str(s, 1, "rep")
    if type(n) is not int:
        n = check_int(n, 2, "rep")
    if n <= 0:
        return ""
    # refuse absurd sizes up front instead of letting Python exhaust memory
    if len(s) * n >= MAX_STRING_SIZE:
        raise LuaError("resulting string too large")
    return s * n  # type: ignore[no-any-return]


def str_byte(*args: Any) -> Any:
    """go-lua stringlib.go strByte: ``i`` defaults to 1 and ``j`` to -1 (the end of the
    string: ``s:byte()`` gives every byte), with exactly two arguments one byte; a
    position below 1 counts from the end."""
    nargs = len(args)
    s = args[0] if nargs else NOARG
    if type(s) is not str:
        s = check_str(s, 1, "byte")
    ln = len(s)
    i = args[1] if nargs > 1 else None
    j = args[2] if nargs > 2 else None
    start = (1 if i is None else check_int(i, 2, "byte")) - 1
    end = -1 if j is None else check_int(j, 3, "byte")
    if start < 0:
        start = ln + start + 1
    if end < 0:
        end = ln + end + 1
    if nargs == 2:
        if start < 0 or start >= ln:
            return ()
        return ord(s[start])
    if start < 0:
        start = 0
    if end > ln:
        end = ln
    if end < 0 or end <= start or start >= ln:
        return ()
    if end - start == 1:
        return ord(s[start])
    if end - start >= 1_000_000:
        raise LuaError("string slice too long")
    return tuple(map(ord, s[start:end]))


def str_char(*args: Any) -> str:
    """go-lua stringlib.go strChar: each code taken modulo 256 (Go's ``uint8``)."""
    out = []
    for k, c in enumerate(args, 1):
        if type(c) is not int:
            c = check_int(c, k, "char")
        out.append(chr(c & 0xFF))
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
K_BREF = 6  # (K_BREF, capture index (0-based))
K_DOLLAR = 7  # (K_DOLLAR,): '$' as the last pattern character
K_ERR = 8  # (K_ERR, message): a malformed item (go-lua reports it before matching)

Q_ONE = 0
Q_STAR = 1
Q_PLUS = 2
Q_MIN = 3
Q_OPT = 4
_QUANT = {"*": Q_STAR, "+": Q_PLUS, "-": Q_MIN, "?": Q_OPT}

CAP_UNFINISHED = -1
CAP_POSITION = -2
MAXCAPTURES = 1 << 20  # go-lua has no limit of its own
# go-lua pm.go MaxBacktracks: one attempt (one start position) that backtracks more often
# fails silently, a guard against patterns that take exponential time
MAX_BACKTRACKS = 100000

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
        else:  # K_BAL, K_BREF, K_ERR
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
            if c == "%" and i + 1 == n:
                # go-lua: a '%' ending the pattern is a class of its own that never matches
                flush()
                items.append((K_CHAR, frozenset(), Q_ONE, ""))
                break
            if c == "%" and i + 1 < n:
                d = p[i + 1]
                if d == "b":
                    flush()
                    if i + 3 >= n:  # go-lua: a brace item with missing ends never matches
                        items.append((K_CHAR, frozenset(), Q_ONE, ""))
                        break
                    items.append((K_BAL, p[i + 2], p[i + 3]))
                    i += 4
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


class _GoScan:
    """go-lua pm.go's pattern scanner, for the errors it reports (with its positions)."""

    __slots__ = ("src", "pos", "saved")

    def __init__(self, src: str) -> None:
        self.src = src
        self.pos = -3  # beforeStart
        self.saved = -3

    def next(self) -> str:
        if self.pos == -3:
            self.pos = 0
        elif self.pos == -1:
            return ""
        else:
            self.pos += 1
        if self.pos >= len(self.src):
            self.pos = -1  # eos
            return ""
        return self.src[self.pos]

    def peek(self) -> str:
        if self.pos == -1:
            return ""
        nxt = 0 if self.pos == -3 else self.pos + 1
        return self.src[nxt] if nxt < len(self.src) else ""


class _GoPatternError(Exception):
    def __init__(self, pos: int, msg: str) -> None:
        super().__init__(f"{msg} at EOS" if pos == -1 else f"{msg} at {pos}")


def _go_class(sc: _GoScan, allow_set: bool) -> None:
    ch = sc.next()
    if ch == "%":
        sc.next()
    elif ch == "[" and allow_set:
        if sc.peek() == "^":
            sc.next()
        pending = False
        nclasses = 0
        while True:
            c = sc.peek()
            if c == "]" and nclasses > 0:
                sc.next()
                return
            if c == "":
                raise _GoPatternError(sc.pos, "unexpected EOS")
            if c == "-" and nclasses > 0 and not pending:
                sc.next()
                pending = True
                continue
            _go_class(sc, False)
            if pending:
                pending = False
            else:
                nclasses += 1
    elif ch == "":
        raise _GoPatternError(sc.pos, "unexpected EOS")


def _go_seq(sc: _GoScan, top: bool, depth: int) -> None:
    if depth > 200:
        raise _GoPatternError(sc.pos, "pattern too complex")
    if top and sc.peek() == "^":
        sc.next()
    while True:
        ch = sc.peek()
        if ch == "%":
            sc.saved = sc.pos
            sc.next()
            d = sc.peek()
            if d == "0":
                raise _GoPatternError(sc.pos, "invalid capture index")
            if "1" <= d <= "9":
                sc.next()
            elif d == "b":
                sc.next()
                sc.next()
                sc.next()
            else:
                sc.pos = sc.saved
                _go_class(sc, True)
        elif ch in (".", "[", "]"):
            _go_class(sc, True)
        elif ch == ")":
            if top:
                raise _GoPatternError(sc.pos, "invalid ')'")
            return
        elif ch == "(":
            sc.next()
            if sc.peek() == ")":
                sc.next()
                continue
            _go_seq(sc, False, depth + 1)
            if sc.peek() != ")":
                raise _GoPatternError(sc.pos, "unfinished capture")
            sc.next()
        elif ch == "":
            return
        else:
            sc.next()


_ECACHE: dict[str, str | None] = {}


def check_pattern(p: str) -> None:
    """Raise the error go-lua's pattern parser (pm.go parsePattern) reports for ``p``, before
    any matching, as go-lua does."""
    try:
        err = _ECACHE[p]
    except KeyError:
        if len(_ECACHE) >= 2048:
            _ECACHE.clear()
        try:
            _go_seq(_GoScan(p), True, 0)
            err = None
        except _GoPatternError as e:
            err = str(e)
        _ECACHE[p] = err
    if err is not None:
        raise LuaError(err)


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
    __slots__ = ("src", "n", "items", "nitems", "level", "cstart", "clen", "bt")

    def __init__(self, src: str, pat: Pattern) -> None:
        self.src = src
        self.n = len(src)
        self.items = pat.items
        self.nitems = pat.nitems
        self.level = 0
        self.cstart = [0] * pat.ncaps
        self.clen = [0] * pat.ncaps
        self.bt = 0


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


class _GaveUp(Exception):
    pass


def _fail(ms: MatchState, k: int = 1) -> int:
    """Count ``k`` of go-lua's backtracks (pm.go vm.backtrack: one per failed test of a
    character, ``%b``, back-reference or ``$``, including the one ending a greedy run); past
    MAX_BACKTRACKS the attempt gives up. The count follows go-lua's VM where this matcher's
    shortcuts skip the tests it would make."""
    ms.bt += k
    if ms.bt > MAX_BACKTRACKS:
        raise _GaveUp
    return -1


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
            return _fail(ms)
        if k == K_CHAR:
            cset = it[1]
            q = it[2]
            if q == Q_ONE:
                if s < n and (cset is None or src[s] in cset):
                    s += 1
                    i += 1
                    continue
                return _fail(ms)
            if q == Q_STAR or q == Q_PLUS:
                if cset is None:
                    j = n
                elif s < n and src[s] in cset:
                    j = _span(src, s + 1, n, it[3])
                else:
                    j = s
                lo = s if q == Q_STAR else s + 1
                if j < lo:
                    return _fail(ms)
                _fail(ms)  # the test that ended the run
                i += 1
                if i == nitems:
                    return j
                first = it[4]
                if first is not None:
                    # only positions where the next literal starts can succeed (go-lua tests
                    # and backtracks from each of the others)
                    while j >= lo:
                        at = src.rfind(first, lo, j + 1)
                        if at < 0:
                            return _fail(ms, j - lo + 1)
                        if at < j:
                            _fail(ms, j - at)
                        j = at
                        r = do_match(ms, j, i)
                        if r != -1:
                            return r
                        j -= 1
                    return -1
                if items[i][0] == K_DOLLAR:
                    return n if j == n else _fail(ms, j - lo + 1)
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
                        return _fail(ms)
            # Q_OPT
            if s < n and (cset is None or src[s] in cset):
                r = do_match(ms, s + 1, i + 1)
                if r != -1:
                    return r
            else:
                _fail(ms)
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
            return s if s == n else _fail(ms)
        if k == K_BAL:
            b = it[1]
            if s >= n or src[s] != b:
                return _fail(ms)
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
                return _fail(ms)
            s = j + 1
            i += 1
            continue
        if k == K_BREF:
            # go-lua pm.go matchBackref: a capture not (yet) closed does not match, a
            # position capture is the empty string
            lv = it[1]
            if lv < 0 or lv >= ms.level or ms.clen[lv] == CAP_UNFINISHED:
                return _fail(ms)
            ln = ms.clen[lv]
            if ln == CAP_POSITION:
                i += 1
                continue
            st = ms.cstart[lv]
            if n - s >= ln and src[st : st + ln] == src[s : s + ln]:
                s += ln
                i += 1
                continue
            return _fail(ms)
        # K_ERR
        raise LuaError(it[1])
    return s


def match_at(ms: MatchState, s: int) -> int:
    """A whole-pattern attempt at ``s``. The matcher recurses once per quantifier or capture
    on the current path, so only an absurdly long pattern can exhaust Python's stack; Lua 5.3
    reports that case as too complex (5.1 would overflow the C stack)."""
    ms.level = 0
    ms.bt = 0
    try:
        return do_match(ms, s, 0)
    except _GaveUp:
        return -1
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


def _find_aux(s: Any, p: Any, i0: int, plain: bool, find: bool) -> Any:
    """``find``/``match`` from 0-based position ``i0`` (beyond the end: no match)."""
    ls = len(s)
    if plain or (find and not _has_specials(p)):
        pos = s.find(p, i0) if i0 <= ls else -1
        if pos < 0:
            return None if find else ()
        return (pos + 1, pos + len(p)) if find else p
    check_pattern(p)
    if i0 > ls:
        return None if find else ()
    anchor = p[:1] == "^"
    pat = get_pattern(p[1:] if anchor else p)
    rx = pat.rx
    if rx is not None:
        m = rx.match(s, i0) if anchor else rx.search(s, i0)
        if m is None:
            return None if find else ()
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
                break
        elif skip is not None:
            s1 = _span(s, s1, ls, skip)
            if s1 >= ls:
                break
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
            break
    return None if find else ()


def str_find(*args: Any) -> Any:
    """go-lua stringlib.go strFind: an empty pattern is found at ``1, 0`` whatever ``init``;
    ``plain`` is read only when exactly four arguments are given; a start beyond the end finds
    nothing (a plain search from there fails as Go's slicing does)."""
    nargs = len(args)
    s = args[0] if nargs else NOARG
    p = args[1] if nargs > 1 else NOARG
    if type(s) is not str:
        s = check_str(s, 1, "find")
    if type(p) is not str:
        p = check_str(p, 2, "find")
    if not p:
        return 1, 0
    init = args[2] if nargs > 2 else None
    i0 = _start_index(s, 1 if init is None else check_int(init, 3, "find"))
    plain = nargs == 4 and args[3] is not None and args[3] is not False
    if plain and i0 > len(s):
        raise LuaError(f"runtime error: slice bounds out of range [{i0}:{len(s)}]", 0)
    return _find_aux(s, p, i0, plain, True)


def _start_index(s: str, i: int) -> int:
    """go-lua stringlib.go luaIndex2StringIndex for a start position: 0-based, counted from
    the end when negative, at least 0."""
    if i != 0:
        i -= 1
    if i < 0:
        i += len(s) + 1
    return i if i > 0 else 0


def str_match(s: Any = NOARG, p: Any = NOARG, init: Any = None, *_: Any) -> Any:
    """go-lua stringlib.go strMatch: no values at all when there is no match."""
    if type(s) is not str:
        s = check_str(s, 1, "match")
    if type(p) is not str:
        p = check_str(p, 2, "match")
    off = 1 if init is None or init is NOARG else check_int(init, 3, "match")
    if off < 0:
        off += len(s) + 1
    off -= 1
    return _find_aux(s, p, off if off > 0 else 0, False, False)


def str_gmatch(s: Any = NOARG, p: Any = NOARG, *_: Any) -> Callable[..., Any]:
    """An iterator over the matches (go-lua stringlib.go strGmatch: pattern errors are raised
    at once, a ``^`` anchors the pattern, so there is at most one match; an empty match
    moves the search on by one)."""
    s = check_str(s, 1, "gmatch")
    p = check_str(p, 2, "gmatch")
    check_pattern(p)
    if p[:1] == "^":
        once = str_match(s, p)
        done = False

        def gmatch_once(*_: Any) -> Any:
            nonlocal done
            if done:
                return ()
            done = True
            return once

        return gmatch_once
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

_RCACHE: dict[str, list[Any]] = {}


def _parse_repl(r: str) -> list[Any]:
    """A replacement string as literal pieces and capture numbers (0 = whole match), read as
    go-lua's strGsubStr reads it: ``%%`` is ``%``, ``%`` and a digit a capture, and ``%``
    before anything else (or at the end) stays as it is."""
    parts: list[Any] = []
    buf: list[str] = []
    i = 0
    n = len(r)
    while i < n:
        c = r[i]
        if c != "%" or i + 1 == n:
            buf.append(c)
            i += 1
            continue
        d = r[i + 1]
        if d == "%":
            buf.append("%")
        elif "0" <= d <= "9":
            if buf:
                parts.append("".join(buf))
                buf.clear()
            parts.append(ord(d) - ord("0"))
        else:
            buf.append("%" + d)
        i += 2
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
    """The text a function or table replacement value (not nil or false) stands for: go-lua's
    LVAsString, the text of a string or number and ``""`` for anything else."""
    t = concat_text(v)
    return "" if t is None else t


def str_gsub(
    s: Any = NOARG, p: Any = NOARG, repl: Any = NOARG, max_n: Any = None, *_: Any
) -> Any:
    """go-lua stringlib.go strGsub: the replacement is a string, a table or a function (a
    number is refused), ``n`` below 1 means no limit."""
    if type(s) is not str:
        s = check_str(s, 1, "gsub")
    if type(p) is not str:
        p = check_str(p, 2, "gsub")
    tr = type(repl)
    if not (tr is str or tr is LuaTable or (repl is not NOARG and is_function(repl))):
        got = "nil" if repl is NOARG else lua_type(repl)
        raise arg_error(3, "gsub", f"string or table or function expected, got {got}")
    ls = len(s)
    max_s = -1 if max_n is None or max_n is NOARG else check_int(max_n, 4, "gsub")
    if max_s <= 0:
        max_s = ls + 1
    check_pattern(p)
    if tr is str:
        if p and "%" not in repl and ")" not in p and not _has_specials(p):
            # plain literal pattern and replacement: str.replace finds the same
            # non-overlapping leftmost matches (a ')' is plain for find, not for gsub)
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
    else:
        kind = 1
        rv = repl
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
# format: Go's fmt.Sprintf over Lua values (see gofmt)
# ----------------------------------------------------------------------------------------


def str_format(fmt: Any = NOARG, *args: Any) -> str:
    """go-lua stringlib.go strFormat: ``fmt.Sprintf(fmt, args[:npat]...)``."""
    if type(fmt) is not str:
        fmt = check_str(fmt, 1, "format")
    n = fmt.count("%") - fmt.count("%%")
    if n < len(args):
        args = args[:max(n, 0)]
    return sprintf(fmt, args)


LIB: dict[str, Callable[..., Any]] = {
    "byte": str_byte,
    "char": str_char,
    "find": str_find,
    "format": str_format,
    "gmatch": str_gmatch,
    "gfind": str_gmatch,  # go-lua's alias (stringlib.go OpenString)
    "gsub": str_gsub,
    "len": str_len,
    "lower": str_lower,
    "match": str_match,
    "rep": str_rep,
    "reverse": str_reverse,
    "sub": str_sub,
    "upper": str_upper,
}
