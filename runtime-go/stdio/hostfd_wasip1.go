//go:build wasip1

// The WASI side of [matchHostBlocking]: Go's wasip1 runtime asks the host
// for non-blocking stdio at startup (syscall's init sets FDFLAG_NONBLOCK on
// fds 0-2), then treats each descriptor as fd_fdstat_get reports it. A host
// that applies the flag but reports it cleared (node:wasi) leaves os.Stdin
// treated as a blocking file on a non-blocking descriptor, so a read of an
// empty pipe fails with EAGAIN instead of waiting. Setting the flags back to
// what the host reports makes the descriptor agree with Go's view. On a host
// that reports the flag (wasmtime), File.Fd has already made the descriptor
// blocking (as it does for any non-blocking *os.File), so the set repeats
// what the host reports. Either way the server then blocks in the host while
// it waits for a frame, as the Rust one does: it serves one call at a time.

package stdio

import "unsafe"

// fdstat is WASI preview1's fdstat record (24 bytes, 8-aligned).
type fdstat struct {
	filetype         uint8
	_                uint8
	flags            uint16
	_                uint32
	rightsBase       uint64
	rightsInheriting uint64
}

//go:wasmimport wasi_snapshot_preview1 fd_fdstat_get
//go:noescape
func fdFdstatGet(fd int32, stat unsafe.Pointer) uint32

//go:wasmimport wasi_snapshot_preview1 fd_fdstat_set_flags
//go:noescape
func fdFdstatSetFlags(fd int32, flags uint32) uint32

// matchHostBlocking makes the host descriptor behind stream (an *os.File:
// anything with an Fd method) blocking or not as fd_fdstat_get reports it.
// Errors are ignored: a host that cannot change the flags never changed them.
func matchHostBlocking(stream any) {
	f, ok := stream.(interface{ Fd() uintptr })
	if !ok {
		return
	}
	fd := int32(f.Fd())
	var st fdstat
	if fdFdstatGet(fd, unsafe.Pointer(&st)) != 0 {
		return
	}
	fdFdstatSetFlags(fd, uint32(st.flags))
}
