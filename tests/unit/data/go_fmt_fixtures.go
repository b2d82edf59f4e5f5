// Regenerate tests/unit/data/go_fmt_fixtures.json (needs Go >= 1.19, e.g. Debian golang-go):
//
//	cd tests/unit/data && go run go_fmt_fixtures.go > go_fmt_fixtures.json
//
// Fixture generator: what Go itself prints for the parts of Wippy's VM (go-lua) that are Go's
// standard library: fmt.Sprintf over Lua values (string.format), strconv.FormatFloat
// (number to text), strconv.ParseInt/ParseFloat (string to number). The Lua value types below
// behave as go-lua's do (value.go), written from that behaviour: an integer has a String
// method only; a float and a string have a Format method that re-formats a plain Go value.
package main

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"runtime"
	"strconv"
	"strings"
	"unicode/utf8"
)

type LInteger int64

func (i LInteger) String() string { return strconv.FormatInt(int64(i), 10) }

type LNumber float64

func isIntegral(f float64) bool { i := int64(f); return float64(i) == f }

func (n LNumber) String() string {
	if isIntegral(float64(n)) {
		return strconv.FormatInt(int64(n), 10)
	}
	return strconv.FormatFloat(float64(n), 'g', -1, 64)
}

// again formats v with the verb and flags f carries (as go-lua's defaultFormat does)
func again(v any, f fmt.State, c rune) {
	spec := "%"
	for _, fl := range "-+# 0" {
		if f.Flag(int(fl)) {
			spec += string(fl)
		}
	}
	if w, ok := f.Width(); ok {
		spec += strconv.Itoa(w)
	}
	if p, ok := f.Precision(); ok {
		spec += "." + strconv.Itoa(p)
	}
	fmt.Fprintf(f, spec+string(c), v)
}

func (n LNumber) Format(f fmt.State, c rune) {
	switch c {
	case 'q', 's':
		again(n.String(), f, c)
	case 'b', 'c', 'd', 'o', 'x', 'X', 'U':
		again(int64(n), f, c)
	case 'e', 'E', 'f', 'F', 'g', 'G':
		again(float64(n), f, c)
	case 'i':
		again(int64(n), f, 'd')
	default:
		if isIntegral(float64(n)) {
			again(int64(n), f, c)
		} else {
			again(float64(n), f, c)
		}
	}
}

type LString string

func parseNumber(s string) (float64, bool) {
	s = strings.Trim(s, " \t\n")
	if v, err := strconv.ParseInt(s, 0, 64); err == nil {
		return float64(v), true
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

func (s LString) Format(f fmt.State, c rune) {
	switch c {
	case 'd', 'i':
		if n, ok := parseNumber(string(s)); ok {
			again(LNumber(n), f, 'd')
		} else {
			again(string(s), f, 's')
		}
	default:
		again(string(s), f, c)
	}
}

type LBool bool

func (b LBool) String() string {
	if b {
		return "true"
	}
	return "false"
}

type LNilType struct{}

func (n *LNilType) String() string { return "nil" }

var LNil = &LNilType{}

// a value as the Python test gives it
type arg struct {
	T string `json:"t"`
	V any    `json:"v,omitempty"`
}

func (a arg) lua() any {
	switch a.T {
	case "int":
		return LInteger(int64(a.V.(float64)))
	case "intstr": // integers beyond 2^53 travel as text
		i, _ := strconv.ParseInt(a.V.(string), 10, 64)
		return LInteger(i)
	case "float":
		u, _ := strconv.ParseUint(a.V.(string), 16, 64)
		return LNumber(math.Float64frombits(u))
	case "str":
		t := a.V.(string)
		if strings.HasPrefix(t, "hex:") {
			b, _ := hex.DecodeString(t[4:])
			t = string(b)
		}
		return LString(t)
	case "bool":
		return LBool(a.V.(bool))
	}
	return LNil
}

func ii(i int64) arg   { return arg{"intstr", strconv.FormatInt(i, 10)} }
func ff(f float64) arg { return arg{"float", strconv.FormatUint(math.Float64bits(f), 16)} }
func ss(s string) arg  { return arg{"str", text(s)} }

type sprintfCase struct {
	Format string `json:"format"`
	Args   []arg  `json:"args"`
	Out    string `json:"out"`
}

type floatCase struct {
	Bits string `json:"bits"`
	Text string `json:"text"` // LNumber.String()
	G    string `json:"g"`    // FormatFloat(f, 'g', -1, 64)
}

type parseCase struct {
	S     string    `json:"s"`
	Int   *string   `json:"int"`   // ParseInt(s, 0, 64), as decimal text; null on error
	Float *string   `json:"float"` // ParseFloat(s, 64) as the bits in hex; null on error
	Base  []*string `json:"base"`  // ParseInt(s, b, 64) for b = 2, 8, 10, 16, 36
}

// text keeps a byte string through JSON: valid UTF-8 as it is, else "hex:" and its bytes
func text(s string) string {
	if utf8.ValidString(s) && !strings.HasPrefix(s, "hex:") {
		return s
	}
	return "hex:" + hex.EncodeToString([]byte(s))
}

func main() {
	values := []arg{
		ii(0), ii(1), ii(-1), ii(42), ii(-42), ii(255), ii(65), ii(233), ii(0x1F600),
		ii(math.MaxInt64), ii(math.MinInt64),
		ff(0), ff(math.Copysign(0, -1)), ff(3), ff(-3.5), ff(0.5), ff(2.5), ff(0.1 + 0.2),
		ff(1.0 / 3), ff(1e20), ff(1e21), ff(1e-5), ff(123456.7), ff(1234567.5), ff(100000),
		ff(math.Inf(1)), ff(math.Inf(-1)), ff(math.NaN()), ff(1e300), ff(65),
		ss(""), ss("abc"), ss("10"), ss("3.14"), ss(" 42 "), ss("0x10"), ss("\xed\x95\x9c\xea\xb8\x80"),
		ss("a\x00b\n\"q\""), ss("\xe9t\xe9"), ss("aaaaaaaaaaaaaaaaaaaa"),
		{T: "bool", V: true}, {T: "bool", V: false}, {T: "nil"},
	}
	flags := []string{"", "-", "+", " ", "#", "0", "-0", "+0", "#0", "- "}
	widths := []string{"", "1", "5", "12"}
	precs := []string{"", ".", ".0", ".1", ".3", ".10"}
	verbs := "dibouxXOeEfFgGcsqvtUTyi%"
	var sp []sprintfCase
	n := 0
	for _, v := range values {
		for _, c := range verbs {
			// every verb plain, and a spread of flag/width/precision combinations
			for k := 0; k < 4; k++ {
				spec := "%"
				if k > 0 {
					spec += flags[(n*7+k)%len(flags)] + widths[(n*3+k)%len(widths)] +
						precs[(n*5+k*2)%len(precs)]
				}
				n++
				f := spec + string(c)
				sp = append(sp, sprintfCase{f, []arg{v}, text(fmt.Sprintf(f, v.lua()))})
			}
		}
	}
	// several verbs: missing and extra arguments (go-lua passes as many as the format has
	// '%' not in "%%"), star width and precision, argument indexes, no verb at the end
	multi := []struct {
		f    string
		args []arg
	}{
		{"%d %d", []arg{ii(1)}},
		{"%s-%s", []arg{ss("a"), ss("b"), ss("c")}},
		{"%%%d", []arg{ii(5), ii(6)}},
		{"100%", []arg{ii(1)}},
		{"%5%", []arg{ii(1)}},
		{"%*d|%-*d|", []arg{ii(5), ii(42), ii(4), ii(7)}},
		{"%.*f", []arg{ii(2), ff(3.14159)}},
		{"%*d", []arg{ff(5), ii(1)}},
		{"%[2]d %[1]d", []arg{ii(1), ii(2)}},
		{"%[3]d", []arg{ii(1)}},
		{"%d %", []arg{ii(1)}},
		{"%!", []arg{ii(1)}},
		{"%ld", []arg{ii(1)}},
		{"%-", nil},
		{"", []arg{ii(1)}},
	}
	for _, m := range multi {
		var a []any
		for _, x := range m.args {
			a = append(a, x.lua())
		}
		np := strings.Count(m.f, "%") - strings.Count(m.f, "%%")
		if np < len(a) {
			if np < 0 {
				np = 0
			}
			a = a[:np]
		}
		sp = append(sp, sprintfCase{m.f, m.args, text(fmt.Sprintf(m.f, a...))})
	}

	var fl []floatCase
	x := uint64(0x9E3779B97F4A7C15)
	floats := []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 0.5, 1.5, 1e15, 1e16, 1e21, 1e22,
		1e100, 1e-4, 1e-5, 123456.7, 1234567.5, 12345678.9, 100000.5, 999999.5, 1e6 + 0.25,
		math.Pow(2, 53), math.Pow(2, 63), -math.Pow(2, 63), math.Pow(2, 64), math.MaxFloat64,
		math.SmallestNonzeroFloat64, math.Pi, 1.0 / 3, 2.0 / 3, 0.1 + 0.2,
		math.Inf(1), math.Inf(-1), math.NaN()}
	for i := 0; i < 150; i++ { // and pseudo-random doubles of every magnitude
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		f := math.Float64frombits(x)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			continue
		}
		floats = append(floats, f, math.Round(f*1000)/1000, float64(int64(x%2000000))/8)
	}
	for _, f := range floats {
		fl = append(fl, floatCase{strconv.FormatUint(math.Float64bits(f), 16), LNumber(f).String(),
			strconv.FormatFloat(f, 'g', -1, 64)})
	}

	var pc []parseCase
	for _, s := range []string{"10", "-10", "+10", "0x10", "0X1f", "-0x10", "010", "0010", "08",
		"0b101", "0o17", "0B1", "1_000", "1__0", "_1", "1_", "0x_10", "0x", "0", "00", "-0",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808",
		"-9223372036854775809", "0xffffffffffffffff", "1e5", "1E5", "1.5", ".5", "5.", ".",
		"1e", "1e+", "1.5e3", "-1.5e-3", "0x1p4", "0x1.8p1", "0x1.8", "0x.8p1", "inf", "-Inf",
		"+infinity", "Infinity", "infinit", "nan", "NaN", "-nan", "+nan", "1e400", "-1e400",
		"1e-400", "ff", "-ff", "z", "Z", "zz", "123abc", " 10", "10 ", "", "-", "+", "1_000.5",
		"1.5_0", "0x1_0", "٣", "1e1_0", "0x1e", "1__", "0_7", "07_", "0b", "0o", "0xg"} {
		c := parseCase{S: text(s)}
		if v, err := strconv.ParseInt(s, 0, 64); err == nil {
			t := strconv.FormatInt(v, 10)
			c.Int = &t
		}
		if v, err := strconv.ParseFloat(s, 64); err == nil {
			t := strconv.FormatUint(math.Float64bits(v), 16)
			c.Float = &t
		}
		for _, b := range []int{2, 8, 10, 16, 36} {
			if v, err := strconv.ParseInt(s, b, 64); err == nil {
				t := strconv.FormatInt(v, 10)
				c.Base = append(c.Base, &t)
			} else {
				c.Base = append(c.Base, nil)
			}
		}
		pc = append(pc, c)
	}

	// one case per line, so that a regenerated file reads as a diff
	fmt.Println(`{"go": "` + runtime.Version() + `",`)
	section("sprintf", sp, false)
	section("floats", fl, false)
	section("parse", pc, true)
	fmt.Println("}")
}

func section[T any](name string, items []T, last bool) {
	fmt.Printf("%q: [\n", name)
	for i, it := range items {
		var b strings.Builder
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		_ = enc.Encode(it)
		sep := ","
		if i == len(items)-1 {
			sep = ""
		}
		fmt.Print(strings.TrimSuffix(b.String(), "\n") + sep + "\n")
	}
	if last {
		fmt.Println("]")
	} else {
		fmt.Println("],")
	}
}
