// Regenerate tests/unit/data/go_sort_fixtures.json (needs Go >= 1.19, e.g. Debian golang-go):
//   cd tests/unit/data && go run go_sort_fixtures.go > go_sort_fixtures.json
// Fixture generator: Go's sort.Sort (pdqsort, as Wippy's go-lua table.sort uses it) on
// arrays with ties and with inconsistent comparators; prints JSON cases.
package main

import (
	"encoding/json"
	"fmt"
	"math/rand"
	"sort"
)

type item struct{ ID, Key int }

type sorter struct {
	v    []item
	cmp  int // 0: key <, 1: key >, 2: inconsistent
	log  [][2]int
	keep bool
	n    int
}

func (s *sorter) Len() int      { return len(s.v) }
func (s *sorter) Swap(i, j int) { s.v[i], s.v[j] = s.v[j], s.v[i] }
func (s *sorter) Less(i, j int) bool {
	a, b := s.v[i], s.v[j]
	s.n++
	if s.keep {
		s.log = append(s.log, [2]int{a.ID, b.ID})
	}
	switch s.cmp {
	case 0:
		return a.Key < b.Key
	case 1:
		return a.Key > b.Key
	default:
		return (a.Key*7+b.Key*13+a.ID*3)%5 < 2
	}
}

type fixture struct {
	Keys  []int    `json:"keys"`
	Cmp   int      `json:"cmp"`
	Order []int    `json:"order"`
	Calls int      `json:"calls"`
	Log   [][2]int `json:"log,omitempty"`
}

func main() {
	r := rand.New(rand.NewSource(20261127))
	var out []fixture
	sizes := []int{0, 1, 2, 3, 5, 8, 12, 13, 20, 49, 50, 51, 100, 200}
	for _, n := range sizes {
		for _, kr := range []int{1, 3, 1000} {
			for cmp := 0; cmp < 3; cmp++ {
				for pattern := 0; pattern < 3; pattern++ {
					keys := make([]int, n)
					for i := range keys {
						switch pattern {
						case 0:
							keys[i] = r.Intn(kr)
						case 1:
							keys[i] = i % kr // ascending runs
						default:
							keys[i] = (n - i) % kr // descending runs
						}
					}
					v := make([]item, n)
					for i, k := range keys {
						v[i] = item{i + 1, k}
					}
					s := &sorter{v: v, cmp: cmp, keep: n <= 20}
					sort.Sort(s)
					f := fixture{Keys: keys, Cmp: cmp, Calls: s.n, Log: s.log}
					for _, it := range s.v {
						f.Order = append(f.Order, it.ID)
					}
					out = append(out, f)
				}
			}
		}
	}
	b, _ := json.Marshal(out)
	fmt.Println(string(b))
}
