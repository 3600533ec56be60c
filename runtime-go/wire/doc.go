// Package wire implements the kkrpc wire format, version 1 (docs/wire.md):
// frames, scalar and compound values, typed bulk buffers and the decode
// error kinds shared by every kkgen runtime.
//
// It is written for TinyGo as well as Go: no reflection, no encoding/json, no
// fmt. Generated code (kkgen's Go backend) calls a [Writer] to encode and a
// [Reader] to decode. Readers never panic on bad input: the first problem is
// kept as a [*DecodeError] (sticky), later reads return zero values, and
// [Reader.Err] or [Reader.Finish] report it.
//
// Typed buffers ([]float32 and friends) are read in place: when the data is
// aligned in memory the returned slice aliases the input bytes (zero copy),
// so it is valid only while the input is. The package assumes a
// little-endian host for in-place reads and bulk writes, and byte-swaps on
// big-endian hosts.
package wire
