// Subjects (docs/nats.md §1): [<prefix>.]<package>.<Service>.<op>, the one
// place a subject is derived.

package natsrpc

import (
	"errors"

	"kkgen.dev/kkrpc/service"
)

// Subject returns the subject of op in the service d under prefix ("" for
// none): "[<prefix>.]<package>.<Service>.<op>". Check the prefix once with
// [CheckPrefix].
func Subject(prefix string, d *service.Descriptor, op string) string {
	s := d.QualifiedName() + "." + op
	if prefix != "" {
		s = prefix + "." + s
	}
	return s
}

// CheckPrefix fails unless prefix is empty or dot-separated tokens of
// [A-Za-z0-9_-] (no wildcards, no empty tokens).
func CheckPrefix(prefix string) error {
	if prefix == "" {
		return nil
	}
	token := 0
	for i := 0; i < len(prefix); i++ {
		c := prefix[i]
		switch {
		case c == '.':
			if token == 0 {
				return errBadPrefix(prefix)
			}
			token = 0
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '-':
			token++
		default:
			return errBadPrefix(prefix)
		}
	}
	if token == 0 {
		return errBadPrefix(prefix)
	}
	return nil
}

// errBadPrefix reports a prefix CheckPrefix refused.
func errBadPrefix(prefix string) error {
	return errors.New("natsrpc: subject prefix " + quote(prefix) + " is not dot-separated tokens of [A-Za-z0-9_-] (docs/nats.md §1)")
}

// quote wraps s in double quotes for messages.
func quote(s string) string { return "\"" + s + "\"" }
