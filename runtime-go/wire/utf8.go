// UTF-8 repair for messages written by the runtime itself.

package wire

import (
	"strings"
	"unicode/utf8"
)

// validUTF8 returns s, or s with invalid UTF-8 replaced by U+FFFD.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	return strings.ToValidUTF8(s, "\uFFFD")
}
