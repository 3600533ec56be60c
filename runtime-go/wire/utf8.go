// UTF-8 repair for messages written by the runtime itself.

package wire

import (
	"strings"
	"unicode/utf8"
)

// toValidUTF8 replaces invalid UTF-8 in s with U+FFFD when needed.
func toValidUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
