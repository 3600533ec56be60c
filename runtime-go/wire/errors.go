// Decode errors: the shared error kinds of docs/wire.md §5.2 and the error value
// every decoder returns.

package wire

import "strconv"

// DecodeErrorKind names what was wrong with the input; its values are exactly
// the kind strings of docs/wire.md §5.2.
type DecodeErrorKind string

// The decode error kinds (docs/wire.md §5.2).
const (
	Truncated          DecodeErrorKind = "truncated"
	InvalidBool        DecodeErrorKind = "invalid_bool"
	InvalidOptional    DecodeErrorKind = "invalid_optional"
	InvalidUTF8        DecodeErrorKind = "invalid_utf8"
	InvalidEnum        DecodeErrorKind = "invalid_enum"
	UnknownVariant     DecodeErrorKind = "unknown_variant"
	UnknownError       DecodeErrorKind = "unknown_error"
	MapOrder           DecodeErrorKind = "map_order"
	DepthExceeded      DecodeErrorKind = "depth_exceeded"
	TooLarge           DecodeErrorKind = "too_large"
	TrailingBytes      DecodeErrorKind = "trailing_bytes"
	BadFrame           DecodeErrorKind = "bad_frame"
	UnsupportedVersion DecodeErrorKind = "unsupported_version"
)

// DecodeError is the error of every decoder in this package and of generated
// codecs: what went wrong (Kind) and where (Pos, a byte offset from the start
// of the payload or frame being read).
type DecodeError struct {
	// Kind is one of the kinds of docs/wire.md §5.2.
	Kind DecodeErrorKind
	// Pos is the offset of the offending value.
	Pos int
}

// Error returns e.g. "truncated at byte 12": the kind comes first, so system
// errors of code decode name it (docs/wire.md §2.1).
func (e *DecodeError) Error() string {
	return string(e.Kind) + " at byte " + strconv.Itoa(e.Pos)
}

// KindOf returns the decode error kind of err, or "" when err is not a
// *DecodeError.
func KindOf(err error) DecodeErrorKind {
	if e, ok := err.(*DecodeError); ok && e != nil {
		return e.Kind
	}
	return ""
}
