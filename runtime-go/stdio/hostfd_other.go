//go:build !wasip1

// Outside wasip1 the descriptors are what the operating system says they are
// and Go's os package already agrees with it: nothing to match.

package stdio

// matchHostBlocking does nothing outside wasip1 (see hostfd_wasip1.go).
func matchHostBlocking(any) {}
