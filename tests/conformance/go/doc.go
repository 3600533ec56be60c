// Package conformance checks the Go code kkgen generates for
// tests/conformance/conformance.kkidl (in gen/, written by
// `cargo xtask test go-wire`) against the shared wire vectors, and fuzzes its
// decoders. It has no non-test code.
package conformance
