"""``string.format`` as Wippy's VM does it: Go's ``fmt.Sprintf`` over Lua values.

go-lua's ``strFormat`` (stringlib.go) hands the format string and the raw Lua values to
``fmt.Sprintf``, keeping as many arguments as the format has ``%`` signs that are not ``%%``.
What each value prints is then Go's doing:

* a float (``LNumber``) has a ``Format`` method (value.go): ``%s %q`` format its text, ``%b %c
  %d %o %x %X %U`` the value truncated to an int64, ``%e %f %g`` (and capitals) the float,
  ``%i`` is ``%d``; any other verb formats an int64 if the value is integral, else the float;
* an integer (``LInteger``) has only a ``String`` method: ``%s %v %x %X %q`` format its decimal
  *text* (``("%x"):format(255)`` is ``323535``), ``%d %b %o %O %c %U`` the integer, and every
  other verb is a bad verb (``%!f(lua.LInteger=3)``);
* a string (``LString``) has a ``Format`` method: ``%d`` and ``%i`` format the number it spells
  (go-lua's parseNumber, truncated) or, when it spells none, the string as ``%s``;
* nil, booleans, tables, functions and userdata print their ``String()`` for ``%s %v %x %X
  %q`` (error objects their ``Error()``), booleans also ``%t``; anything else is a bad verb.

Go's own rules then apply: flags ``+ - # 0 space``, width and precision (``*`` reads them from
an argument), explicit argument indexes ``%[n]d``, ``%!d(MISSING)``, ``%!(EXTRA ...)``,
``%!(NOVERB)``, ``%!y(int64=5)``; precision and width count UTF-8 runes.

The value of a bad verb whose Go text cannot be known (a table's ``&{...}`` field dump, with
addresses) is written as its ``tostring`` text; docs/differences.md says so.

A format string is parsed once (``_compile``, cached); each call then walks its items.
"""

from __future__ import annotations

import codecs
import math
from typing import Any

from .ops import go_int64, str_to_number, tostring_basic
from .values import MININT, LuaTable, Userdata, fmt_float, lua_type

_UINT64 = 1 << 64
_MAX_RUNE = 0x10FFFF
_TOO_LARGE = 1_000_000  # Go's fmt refuses widths, precisions and indexes beyond this


def _go_replace(e: UnicodeError) -> tuple[str, int]:
    """Go's UTF-8 decoding: every byte of an invalid sequence is one U+FFFD."""
    assert isinstance(e, UnicodeDecodeError)
    return "\ufffd" * (e.end - e.start), e.end


codecs.register_error("luac2py-go", _go_replace)


def runes(s: str) -> str:
    """A Lua string (one char per byte) as Go sees its runes."""
    if s.isascii():
        return s
    return s.encode("latin-1").decode("utf-8", "luac2py-go")


def _lua(text: str) -> str:
    """Python text back to a Lua string (its UTF-8 bytes, one char each)."""
    if text.isascii():
        return text
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


def rune_count(s: str) -> int:
    return len(s) if s.isascii() else len(runes(s))


# -- one verb's flags ------------------------------------------------------------------------


class Spec:
    """One ``%`` verb of a format string with its flags (Go's fmt.fmtFlags), width and
    precision (None when absent; -1 when read from an argument)."""

    __slots__ = ("verb", "minus", "plus", "sharp", "space", "zero", "wid", "prec",
                 "star_wid", "star_prec", "index_before_wid", "index_before_prec",
                 "index_before_verb", "bad_index", "plus_v", "sharp_v")

    def __init__(self) -> None:
        self.verb = ""
        self.minus = self.plus = self.sharp = self.space = self.zero = False
        self.plus_v = self.sharp_v = False
        self.wid: int | None = None
        self.prec: int | None = None
        self.star_wid = self.star_prec = False
        self.index_before_wid: int | None = None
        self.index_before_prec: int | None = None
        self.index_before_verb: int | None = None
        self.bad_index = False

    def copy(self) -> Spec:
        c = Spec()
        for k in Spec.__slots__:
            setattr(c, k, getattr(self, k))
        return c


def _pad(sp: Spec, body: str, zero: bool | None = None) -> str:
    """Go's fmt.pad: ``body`` widened to ``sp.wid`` runes, on the left with spaces (zeros when
    the zero flag is set) or on the right with spaces for ``-``."""
    wid = sp.wid
    if not wid:
        return body
    n = wid - rune_count(body)
    if n <= 0:
        return body
    if sp.minus:
        return body + " " * n
    z = sp.zero if zero is None else zero
    return ("0" if z else " ") * n + body


# -- integers (fmt.fmtInteger and friends) ---------------------------------------------------

_DIGITS = "0123456789abcdefx"
_UDIGITS = "0123456789ABCDEFX"


def _to_base(u: int, base: int, digits: str) -> str:
    if base == 10:
        return str(u)
    if base == 16:
        s = format(u, "x")
        return s.upper() if digits is _UDIGITS else s
    if base == 8:
        return format(u, "o")
    return format(u, "b")


def fmt_integer(sp: Spec, v: int, base: int, verb: str, digits: str = _DIGITS) -> str:
    negative = v < 0
    u = -v if negative else v
    prec = 0
    if sp.prec is not None:
        prec = sp.prec
        if prec == 0 and u == 0:
            return _pad(sp, "", zero=False)
    elif sp.zero and not sp.minus and sp.wid is not None:
        prec = sp.wid
        if negative or sp.plus or sp.space:
            prec -= 1
    body = _to_base(u, base, digits)
    if len(body) < prec:
        body = "0" * (prec - len(body)) + body
    if sp.sharp:
        if base == 2:
            body = "0b" + body
        elif base == 8:
            if body[0] != "0":
                body = "0" + body
        elif base == 16:
            body = "0" + digits[16] + body
    if verb == "O":
        body = "0o" + body
    if negative:
        body = "-" + body
    elif sp.plus:
        body = "+" + body
    elif sp.space:
        body = " " + body
    return _pad(sp, body, zero=False)


def _rune_of(v: int) -> int:
    u = v % _UINT64
    if u > _MAX_RUNE or 0xD800 <= u <= 0xDFFF:
        return 0xFFFD
    return u


def fmt_c(sp: Spec, v: int) -> str:
    return _pad(sp, _lua(chr(_rune_of(v))))


def fmt_unicode(sp: Spec, v: int) -> str:
    u = v % _UINT64
    prec = 4
    if sp.prec is not None and sp.prec > 4:
        prec = sp.prec
    body = "U+" + format(u, "X").rjust(prec, "0")
    if sp.sharp and u <= _MAX_RUNE and chr(u).isprintable():
        body += " '" + _lua(chr(u)) + "'"
    return _pad(sp, body, zero=False)


def fmt_qc(sp: Spec, v: int) -> str:
    r = v % _UINT64
    if r > _MAX_RUNE:
        r = 0xFFFD
    return _pad(sp, _lua(_quote(chr(r) if not 0xD800 <= r <= 0xDFFF else "\ufffd",
                                "'", sp.plus)))


def go_int(sp: Spec, v: int, verb: str, typename: str = "int64") -> str:
    """A Go integer (int64 or a named int64 without methods) under ``verb``."""
    if verb in ("v", "d"):
        return fmt_integer(sp, v, 10, verb)
    if verb == "b":
        return fmt_integer(sp, v, 2, verb)
    if verb in ("o", "O"):
        return fmt_integer(sp, v, 8, verb)
    if verb == "x":
        return fmt_integer(sp, v, 16, verb)
    if verb == "X":
        return fmt_integer(sp, v, 16, verb, _UDIGITS)
    if verb == "c":
        return fmt_c(sp, v)
    if verb == "q":
        return fmt_qc(sp, v)
    if verb == "U":
        return fmt_unicode(sp, v)
    return bad_verb(sp, verb, typename, lambda s: go_int(s, v, "v", typename))


# -- floats (fmt.fmtFloat over strconv.FormatFloat) ------------------------------------------


def _shortest_digits(f: float) -> tuple[str, int]:
    """The shortest digits that read back as ``|f|`` and the decimal point position (Go's
    ``digs.d`` and ``digs.dp``): ``0.0125`` is ``("125", -1)``."""
    r = repr(abs(f))
    exp = 0
    if "e" in r:
        r, e = r.split("e")
        exp = int(e)
    if "." in r:
        ip, fp = r.split(".")
    else:
        ip, fp = r, ""
    if fp == "0":
        fp = ""
    digits = ip + fp
    dp = len(ip) + exp
    stripped = digits.lstrip("0")
    dp -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    if not digits:
        return "0", 1
    return digits, dp


def _fmt_e(neg: bool, digits: str, dp: int, prec: int, e: str) -> str:
    out = ["-" if neg else ""]
    out.append(digits[0])
    if prec > 0:
        frac = digits[1:prec + 1]
        out.append("." + frac + "0" * (prec - len(frac)))
    x = 0 if digits == "0" else dp - 1
    out.append(e + ("-" if x < 0 else "+") + f"{abs(x):02d}")
    return "".join(out)


def _fmt_f(neg: bool, digits: str, dp: int, prec: int) -> str:
    if dp > 0:
        ip = digits[:dp] + "0" * (dp - len(digits)) if dp > len(digits) else digits[:dp]
    else:
        ip = "0"
    out = ("-" if neg else "") + ip
    if prec > 0:
        frac = []
        for i in range(prec):
            j = dp + i
            frac.append(digits[j] if 0 <= j < len(digits) else "0")
        out += "." + "".join(frac)
    return out


def format_float(f: float, verb: str, prec: int) -> str:
    """strconv.FormatFloat(f, verb, prec, 64) for the verbs fmt uses (e E f F g G), ``prec``
    -1 for the shortest representation."""
    if f != f:
        return "NaN"
    if f in (math.inf, -math.inf):
        return "+Inf" if f > 0 else "-Inf"
    neg = math.copysign(1.0, f) < 0
    if prec >= 0:
        if verb in "eE":
            return "%.*e" % (prec, f) if verb == "e" else "%.*E" % (prec, f)
        if verb in "fF":
            return "%.*f" % (prec, f)
        # %g with a precision is C's (Go's rules give the same text)
        s = "%.*g" % (prec, f) if verb == "g" else "%.*G" % (prec, f)
        return s
    digits, dp = _shortest_digits(f)
    e = "E" if verb in "EG" else "e"
    if verb in "eE":
        return _fmt_e(neg, digits, dp, len(digits) - 1, e)
    if verb in "fF":
        return _fmt_f(neg, digits, dp, max(len(digits) - dp, 0))
    x = dp - 1
    if digits == "0":
        x = 0
    if x < -4 or x >= 6:  # shortest: "use precision 6 for this decision"
        return _fmt_e(neg, digits, dp, len(digits) - 1, e)
    return _fmt_f(neg, digits, dp, max(len(digits) - dp, 0))


def fmt_float_spec(sp: Spec, v: float, verb: str, prec: int) -> str:
    if sp.prec is not None:
        prec = sp.prec
    num = format_float(v, verb, prec)
    if num[0] in "+-":
        sign, num = num[0], num[1:]
    else:
        sign = "+"
    if sp.space and sign == "+" and not sp.plus:
        sign = " "
    if num[0] in "IN":  # infinities and NaN: no zero padding, NaN unsigned unless asked
        if num[0] == "N" and not sp.space and not sp.plus:
            return _pad(sp, num, zero=False)
        return _pad(sp, sign + num, zero=False)
    if sp.sharp and verb != "b":
        digits = 0
        if verb in "vgGxX":
            digits = prec if prec != -1 else 6
        tail = ""
        has_point = False
        saw_nonzero = False
        body = num
        i = 0
        while i < len(body):
            c = body[i]
            if c == ".":
                has_point = True
            elif c in "pP" or (c in "eE" and verb not in "xX"):
                tail = body[i:]
                body = body[:i]
                break
            else:
                if c != "0":
                    saw_nonzero = True
                if saw_nonzero:
                    digits -= 1
            i += 1
        if not has_point:
            if body == "0":
                digits -= 1
            body += "."
        if digits > 0:
            body += "0" * digits
        num = body + tail
    if sp.plus or sign != "+":
        if sp.zero and not sp.minus and sp.wid is not None and sp.wid > len(num) + 1:
            return sign + "0" * (sp.wid - len(num) - 1) + num
        return _pad(sp, sign + num)
    return _pad(sp, num)


def go_float(sp: Spec, v: float, verb: str) -> str:
    """A Go float64 under ``verb``."""
    if verb == "v":
        return fmt_float_spec(sp, v, "g", -1)
    if verb in ("g", "G"):
        return fmt_float_spec(sp, v, verb, -1)
    if verb in ("e", "E", "f", "F"):
        return fmt_float_spec(sp, v, verb, 6)
    return bad_verb(sp, verb, "float64", lambda s: go_float(s, v, "v"))


# -- strings (fmt.fmtS, fmtSx, fmtQ) ------------------------------------------------------------


def _truncate(sp: Spec, s: str) -> str:
    """fmt's truncateString: at most ``prec`` runes, an invalid byte counting as one; the
    bytes themselves are kept."""
    p = sp.prec
    if p is None or p >= len(s):
        return s
    if s.isascii():
        return s[:p]
    data = s.encode("latin-1")
    i = 0
    n = len(data)
    while p > 0 and i < n:
        i += _rune_len(data, i)
        p -= 1
    return s[:i]


def _rune_len(data: bytes, i: int) -> int:
    """Bytes of the rune at ``data[i]`` as Go's utf8.DecodeRune counts them (1 if invalid)."""
    b = data[i]
    if b < 0x80:
        return 1
    ln = 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 else 0
    if not ln:
        return 1
    try:
        data[i:i + ln].decode("utf-8")
    except UnicodeDecodeError:
        return 1
    return ln


def _quote(text: str, quote: str, ascii_only: bool) -> str:
    """strconv.Quote (QuoteToASCII for ``ascii_only``) of runes, U+FFFD standing for an
    invalid byte when it came from one (see ``_quote_lua``)."""
    out = [quote]
    for ch in text:
        out.append(_escaped_rune(ch, quote, ascii_only))
    out.append(quote)
    return "".join(out)


_ESC = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
        "\v": "\\v"}


def _escaped_rune(ch: str, quote: str, ascii_only: bool) -> str:
    if ch == quote or ch == "\\":
        return "\\" + ch
    r = ord(ch)
    if ascii_only:
        if r < 0x80 and ch.isprintable():
            return ch
    elif ch.isprintable():
        return ch
    e = _ESC.get(ch)
    if e is not None:
        return e
    if r < 0x20 or r == 0x7F:
        return f"\\x{r:02x}"
    if r < 0x10000:
        return f"\\u{r:04x}"
    return f"\\U{r:08x}"


def _quote_lua(s: str, ascii_only: bool) -> str:
    """strconv.Quote of a Lua string's bytes: invalid UTF-8 bytes as ``\\xNN``."""
    if s.isascii():
        return _quote(s, '"', ascii_only)
    data = s.encode("latin-1")
    out = ['"']
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(_escaped_rune(chr(b), '"', ascii_only))
            i += 1
            continue
        ln = 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 if 0xF0 <= b <= 0xF4 \
            else 0
        try:
            ch = data[i:i + ln].decode("utf-8") if ln else ""
        except UnicodeDecodeError:
            ch = ""
        if len(ch) != 1:
            out.append(f"\\x{b:02x}")
            i += 1
            continue
        out.append(_escaped_rune(ch, '"', ascii_only))
        i += ln
    out.append('"')
    return "".join(out)


def _can_backquote(s: str) -> bool:
    """strconv.CanBackquote."""
    try:
        r = s.encode("latin-1").decode("utf-8")
    except UnicodeDecodeError:
        return False
    for ch in r:
        if ch == "`" or ch == "\ufeff" or ch == "\x7f" or (ch < " " and ch != "\t"):
            return False
    return True


def go_string(sp: Spec, s: str, verb: str) -> str:
    """A Go string (a Lua string's bytes) under ``verb``."""
    if verb == "s" or (verb == "v" and not sp.sharp_v):
        return _pad(sp, _truncate(sp, s))
    if verb == "q" or verb == "v":  # %#v quotes as %q does, without the backquote form
        s = _truncate(sp, s)
        if sp.sharp and _can_backquote(s):
            return _pad(sp, "`" + s + "`")
        return _pad(sp, _lua(_quote_lua(s, sp.plus)) if not s.isascii() else
                    _quote_lua(s, sp.plus))
    if verb in ("x", "X"):
        return _fmt_sx(sp, s, "0123456789abcdefx" if verb == "x" else "0123456789ABCDEFX")
    return bad_verb(sp, verb, "string", lambda t: go_string(t, s, "v"))


def _fmt_sx(sp: Spec, s: str, digits: str) -> str:
    length = len(s)
    if sp.prec is not None and sp.prec < length:
        length = sp.prec
    width = 2 * length
    if width > 0:
        if sp.space:
            if sp.sharp:
                width *= 2
            width += length - 1
        elif sp.sharp:
            width += 2
    else:
        return _pad(sp, "")
    out = []
    if sp.wid is not None and sp.wid > width and not sp.minus:
        out.append(("0" if sp.zero else " ") * (sp.wid - width))
    if sp.sharp:
        out.append("0" + digits[16])
    for i in range(length):
        if sp.space and i > 0:
            out.append(" ")
            if sp.sharp:
                out.append("0" + digits[16])
        c = ord(s[i])
        out.append(digits[c >> 4] + digits[c & 0xF])
    if sp.wid is not None and sp.wid > width and sp.minus:
        out.append(" " * (sp.wid - width))
    return "".join(out)


def go_bool(sp: Spec, b: bool, verb: str, typename: str = "bool") -> str:
    if verb in ("t", "v"):
        return _pad(sp, "true" if b else "false")
    return bad_verb(sp, verb, typename, lambda t: go_bool(t, b, "v", typename))


# -- bad verbs -------------------------------------------------------------------------------


def bad_verb(sp: Spec, verb: str, typename: str, render_v: Any) -> str:
    """Go's ``%!verb(type=value)``; the value printed with ``%v`` and the verb's flags, its
    methods not consulted (fmt's ``erroring``)."""
    return f"%!{verb}({typename}={render_v(sp)})"


# -- Lua values ---------------------------------------------------------------------------------

_STRINGABLE = frozenset("vsxXq")


def _go_type(v: Any) -> str:
    """The Go type name go-lua's value has (reflect.TypeOf(v).String())."""
    t = type(v)
    if t is int:
        return "lua.LInteger"
    if t is float:
        return "lua.LNumber"
    if t is str:
        return "lua.LString"
    if t is bool:
        return "lua.LBool"
    if v is None:
        return "*lua.LNilType"
    if t is LuaTable:
        return "*lua.LTable"
    if isinstance(v, Userdata):
        if getattr(v, "concatenable", False):
            return "*lua.Error"
        if lua_type(v) == "thread":
            return "*lua.LState"
        return "*lua.LUserData"
    return "*lua.LFunction"


def _stringer_text(v: Any) -> str:
    """``String()`` (``Error()`` for error objects) of a value without a Format method."""
    if isinstance(v, Userdata):
        err = getattr(v, "error_text", None)
        if err is not None:
            return err()  # type: ignore[no-any-return]
        return v.lua_tostring()
    return tostring_basic(v)


def format_value(sp: Spec, v: Any) -> str:
    """One Lua value under one verb, as go-lua's fmt.Sprintf prints it."""
    verb = sp.verb
    t = type(v)
    if verb == "T":
        return _pad(sp, _truncate(sp, _go_type(v)))
    if verb == "p":  # before any method: an address, for the reference types only
        if t is LuaTable or isinstance(v, Userdata) or (callable(v) and t is not bool):
            return _pad(sp, f"0x{id(v) & 0xFFFFFFFF:08x}")
        return bad_verb(sp, verb, _go_type(v), lambda s: format_value(_v(s), v))
    if t is str:  # LString.Format
        if verb in ("d", "i"):
            n = str_to_number(v)
            if n is not None:
                d = sp.copy()
                d.verb = "d"
                return format_value(d, n)
            return go_string(sp, v, "s")
        return go_string(sp, v, verb)
    if t is float:  # LNumber.Format
        if verb in ("q", "s"):
            return go_string(sp, fmt_float(v), verb)
        if verb in "bcdoxXU":
            return go_int(sp, go_int64(v), verb)
        if verb in "eEfFgG":
            return go_float(sp, v, verb)
        if verb == "i":
            return go_int(sp, go_int64(v), "d")
        if v.is_integer() and -9.223372036854775808e18 <= v < 9.223372036854775808e18:
            return go_int(sp, int(v), verb)
        return go_float(sp, v, verb)
    if t is int:  # LInteger: a String method only
        if verb in _STRINGABLE and not (verb == "v" and sp.sharp_v):
            return go_string(sp, str(v), verb)
        if verb in "dboOcU" or verb == "v":
            return go_int(sp, v, verb, "lua.LInteger")
        return bad_verb(sp, verb, "lua.LInteger", lambda s: go_int(s, v, "v", "lua.LInteger"))
    if t is bool:
        if verb in _STRINGABLE and not (verb == "v" and sp.sharp_v):
            return go_string(sp, "true" if v else "false", verb)
        return go_bool(sp, v, verb, "lua.LBool")
    if v is None:
        # a pointer to an empty struct with a String method: the string verbs use it, %#v
        # is Go syntax, any other verb prints the struct itself
        if verb in _STRINGABLE and not (verb == "v" and sp.sharp_v):
            return go_string(sp, "nil", verb)
        return "&lua.LNilType{}" if verb == "v" else "&{}"
    if verb in _STRINGABLE:
        return go_string(sp, _stringer_text(v), verb)
    return bad_verb(sp, verb, _go_type(v), lambda s: _stringer_text(v))


def _v(sp: Spec) -> Spec:
    c = sp.copy()
    c.verb = "v"
    return c


# -- the format string ------------------------------------------------------------------------


class _Verb:
    __slots__ = ("spec", "fast", "tmpl")

    def __init__(self, spec: Spec) -> None:
        self.spec = spec
        s = spec
        simple = not (s.sharp or s.sharp_v or s.plus_v or s.star_wid or s.star_prec
                      or s.index_before_wid is not None or s.index_before_prec is not None
                      or s.index_before_verb is not None or s.bad_index)
        plain = simple and not (s.minus or s.plus or s.space or s.zero or s.wid is not None
                                or s.prec is not None)
        # the common verbs with no flags: handled inline by sprintf for the usual types
        self.fast = s.verb if plain and s.verb in ("s", "d", "v") else ""
        # With flags, width and precision, Go and C (Python's %) agree on %d of an integer,
        # %f %e %E of a finite float and %s of ASCII text (widths count runes in Go, bytes
        # here): sprintf hands those to a Python template. Not %s with "0" (Go pads text
        # with zeros) nor %d with a precision (kept with Go's own code).
        self.tmpl: str | None = None
        if simple and not plain and (
                s.verb in ("f", "e", "E") or (s.verb == "d" and s.prec is None)
                or (s.verb == "s" and not s.zero)):
            flags = (("-" if s.minus else "") + ("+" if s.plus else "")
                     + (" " if s.space and not s.plus else "") + ("0" if s.zero else ""))
            self.tmpl = ("%" + flags + ("" if s.wid is None else str(s.wid))
                         + ("" if s.prec is None else "." + str(s.prec)) + s.verb)


_CACHE: dict[str, tuple[list[Any], str | None, str]] = {}


def _whole(items: list[Any]) -> tuple[str | None, str]:
    """One Python template for the whole format, when every verb has one, and a letter per
    verb saying which values it takes that way (sprintf checks them): ``s`` any text, an
    integer or a float (as its Lua text), ``a`` ASCII text (a width counts runes in Go), an
    integer or a float, ``v`` text or an integer, ``d`` a number (a float truncated), ``f``
    a finite float."""
    out: list[str] = []
    kinds = ""
    for it in items:
        if type(it) is str:
            out.append(it.replace("%", "%%"))
            continue
        if type(it) is not _Verb:
            return None, ""
        if it.fast:
            out.append("%s" if it.fast != "d" else "%d")
            kinds += it.fast
        elif it.tmpl is not None:
            out.append(it.tmpl)
            verb = it.spec.verb
            kinds += "a" if verb == "s" else "d" if verb == "d" else "f"
        else:
            return None, ""
    return "".join(out), kinds


def _parsenum(f: str, i: int, end: int) -> tuple[int | None, int]:
    num = 0
    isnum = False
    j = i
    while j < end and "0" <= f[j] <= "9":
        if num > _TOO_LARGE or num < -_TOO_LARGE:
            return None, end
        num = num * 10 + ord(f[j]) - 48
        isnum = True
        j += 1
    return (num if isnum else None), j


def _arg_number(f: str, i: int) -> tuple[int | None, int, bool]:
    """Go's parseArgNumber at ``f[i]`` (a ``[``): (0-based index or None, new i, ok)."""
    n = len(f)
    if n - i < 3:
        return None, i + 1, False
    for j in range(i + 1, n):
        if f[j] == "]":
            num, k = _parsenum(f, i + 1, j)
            if num is None or k != j:
                return None, j + 1, False
            return num - 1, j + 1, True
    return None, i + 1, False


def _count(f: str, i: int, n: int) -> tuple[int | None, bool, int | None, int]:
    """A width or a precision as Go's doPrintf reads it: an optional ``[n]`` argument index
    (-1 when malformed), then ``*`` or digits. (index, star, number, next position)"""
    idx = None
    if i < n and f[i] == "[":
        idx, i, ok = _arg_number(f, i)
        if not ok:
            idx = -1
    if i < n and f[i] == "*":
        return idx, True, None, i + 1
    num, i = _parsenum(f, i, n)
    return idx, False, num, i


def _compile(f: str) -> list[Any]:
    """A format string as literal text and ``_Verb`` items (``None`` for ``%!(NOVERB)``)."""
    items: list[Any] = []
    n = len(f)
    i = 0
    while i < n:
        j = f.find("%", i)
        if j < 0:
            items.append(f[i:])
            break
        if j > i:
            items.append(f[i:j])
        i = j + 1
        sp = Spec()
        while i < n:
            c = f[i]
            if c == "#":
                sp.sharp = True
            elif c == "0":
                sp.zero = not sp.minus
            elif c == "+":
                sp.plus = True
            elif c == "-":
                sp.minus = True
                sp.zero = False
            elif c == " ":
                sp.space = True
            else:
                break
            i += 1
        sp.index_before_wid, sp.star_wid, sp.wid, i = _count(f, i, n)
        if sp.index_before_wid is not None and sp.wid is not None:
            sp.bad_index = True
        if i + 1 < n and f[i] == ".":
            if sp.index_before_wid is not None and not sp.star_wid:
                sp.bad_index = True
            sp.index_before_prec, sp.star_prec, sp.prec, i = _count(f, i + 1, n)
            if not sp.star_prec and sp.prec is None:
                sp.prec = 0
        if i < n and f[i] == "[" and sp.index_before_prec is None and (
                sp.index_before_wid is None or sp.star_wid or sp.wid is not None
                or sp.prec is not None or sp.star_prec):
            idx, i, ok = _arg_number(f, i)
            sp.index_before_verb = idx if ok else -1
        if i >= n:
            items.append(None)
            break
        c = f[i]
        b = ord(c)
        size = 1
        if b >= 0x80:  # a multi-byte verb: one UTF-8 rune
            size = 2 if 0xC2 <= b <= 0xDF else 3 if 0xE0 <= b <= 0xEF else 4 \
                if 0xF0 <= b <= 0xF4 else 1
            c = f[i:i + size]
        i += size
        sp.verb = c
        if c == "%":
            items.append("%")
            continue
        if c == "v":
            sp.sharp_v = sp.sharp
            sp.sharp = False
            sp.plus_v = sp.plus
            sp.plus = False
        items.append(_Verb(sp))
    return items


def _int_arg(args: tuple[Any, ...], k: int) -> tuple[int | None, int]:
    """Go's intFromArg: an integer argument (an ``LInteger``) for ``*``."""
    if k < len(args):
        v = args[k]
        if type(v) is int and -_TOO_LARGE <= v <= _TOO_LARGE:
            return v, k + 1
        return None, k + 1
    return None, k


def _arg_at(index: int, k: int, nargs: int, good: bool) -> tuple[int, bool]:
    """Go's argNumber: an explicit ``[n]`` moves to argument n; out of range it is a bad
    index and the position stays."""
    if 0 <= index < nargs:
        return index, good
    return k, False


def sprintf(f: str, args: tuple[Any, ...]) -> str:
    """Go's fmt.Sprintf(f, args...) with Lua values."""
    entry = _CACHE.get(f)
    if entry is None:
        if len(_CACHE) >= 512:
            _CACHE.clear()
        items = _compile(f)
        entry = _CACHE[f] = (items, *_whole(items))
    items, whole, kinds = entry
    if whole is not None and len(args) == len(kinds):
        # the usual case: one Python % over arguments of the types each verb takes so
        conv: list[Any] = []
        for kd, v in zip(kinds, args):
            tv = type(v)
            if tv is int:
                if kd == "f":
                    break
            elif tv is float:
                if kd == "d":
                    v = go_int64(v)
                elif kd == "s" or kd == "a":
                    v = fmt_float(v)
                elif kd != "f" or v - v != 0.0:
                    break
            elif tv is str:
                if kd == "d" or kd == "f" or (kd == "a" and not v.isascii()):
                    break
            else:
                break
            conv.append(v)
        else:
            return whole % tuple(conv)
    out: list[str] = []
    append = out.append
    k = 0
    nargs = len(args)
    reordered = False
    for it in items:
        if type(it) is str:
            append(it)
            continue
        if it is None:
            append("%!(NOVERB)")
            break
        tm = it.tmpl
        if tm is not None and k < nargs:
            v = args[k]
            tv = type(v)
            verb = it.spec.verb
            if verb == "d":
                if tv is int:
                    append(tm % v)
                    k += 1
                    continue
                if tv is float:
                    append(tm % go_int64(v))  # LNumber.Format: int64(n)
                    k += 1
                    continue
            elif verb == "s":
                if (tv is str and v.isascii()) or tv is int:
                    append(tm % v)
                    k += 1
                    continue
                if tv is float:
                    append(tm % fmt_float(v))
                    k += 1
                    continue
            elif tv is float and v - v == 0.0:  # finite (Go spells infinities its own way)
                append(tm % v)
                k += 1
                continue
        fast = it.fast
        if fast and k < nargs:
            v = args[k]
            tv = type(v)
            if tv is str and fast != "d":
                append(v)
                k += 1
                continue
            if tv is int:
                append(str(v))
                k += 1
                continue
            if tv is float and fast == "s":
                append(fmt_float(v))
                k += 1
                continue
        sp: Spec = it.spec
        good = not sp.bad_index
        if sp.index_before_wid is not None:
            reordered = True
            k, good = _arg_at(sp.index_before_wid, k, nargs, good)
        extra = ""
        if sp.star_wid or sp.star_prec:
            sp = sp.copy()
        if sp.star_wid:
            w, k = _int_arg(args, k)
            if w is None:
                extra += "%!(BADWIDTH)"
                sp.wid = None
            else:
                if w < 0:
                    w = -w
                    sp.minus = True
                    sp.zero = False
                sp.wid = w
        if sp.index_before_prec is not None:
            reordered = True
            k, good = _arg_at(sp.index_before_prec, k, nargs, good)
        if sp.star_prec:
            p, k = _int_arg(args, k)
            if p is None or p < 0:
                if p is None:
                    extra += "%!(BADPREC)"
                sp.prec = None
            else:
                sp.prec = p
        if sp.index_before_verb is not None:
            reordered = True
            k, good = _arg_at(sp.index_before_verb, k, nargs, good)
        append(extra)
        if not good:
            append(f"%!{sp.verb}(BADINDEX)")
        elif k >= nargs:
            append(f"%!{sp.verb}(MISSING)")
        else:
            append(format_value(sp, args[k]))
            k += 1
    if not reordered and k < nargs:
        parts = []
        for v in args[k:]:
            sp = Spec()
            sp.verb = "v"
            parts.append(f"{_go_type(v)}={format_value(sp, v)}")
        append("%!(EXTRA " + ", ".join(parts) + ")")
    return "".join(out)


def npat(f: str) -> int:
    """How many arguments go-lua passes on: ``strings.Count(f, "%") -
    strings.Count(f, "%%")`` (non-overlapping counts)."""
    return f.count("%") - f.count("%%")


__all__ = ["sprintf", "npat", "format_value", "Spec", "format_float", "runes", "MININT"]
