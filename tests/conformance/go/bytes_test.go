// Byte views of word slices, to place test inputs at aligned addresses.

package conformance

import "unsafe"

// reflectBytes views words as bytes (8-aligned).
func reflectBytes(words []uint64) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(&words[0])), len(words)*8)
}
