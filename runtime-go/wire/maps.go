// Map helpers (docs/wire.md §3.5): writers sort keys, readers reject keys
// that are not strictly ascending.

package wire

import (
	"cmp"
	"slices"
)

// SortedKeys returns the keys of m in ascending order (strings by their
// bytes, integers numerically), the order maps are written in.
func SortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	keys := make([]K, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// KeyAfter checks the i-th key k of a map against the previous key prev and
// records map_order at pos when it is not strictly greater.
func KeyAfter[K cmp.Ordered](r *Reader, i int, prev, k K, pos int) {
	if i > 0 && k <= prev {
		r.FailAt(MapOrder, pos)
	}
}
