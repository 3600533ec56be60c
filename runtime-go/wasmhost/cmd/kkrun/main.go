// Command kkrun serves a kkgen service module (docs/abi.md: a Rust or Go
// wasm32-wasip1 reactor) over stdio frames (docs/wire.md §2, docs/abi.md §4)
// or over NATS (docs/nats.md), hosted in process by wazero, so any client can
// run any module without a wasm runtime of its own:
//
//	kkrun [-cache DIR] [-no-cache] [-max-frame BYTES] [-max-memory-pages N] module.wasm
//	kkrun -nats URL -ir FILE [-service NAME] [-prefix P] [-queue Q | -no-queue] [-creds FILE] [...] module.wasm
//
// With -nats the module's ops are one NATS micro service (natsrpc.Serve):
// its descriptor (package, service, op names and ids) comes from the
// schema's IR, `kkgen ir --json schema.kkidl > FILE`, as the module itself
// carries no names. kkrun serves until SIGINT or SIGTERM (exit 0) or until
// the connection closes for good (exit 1).
//
// Call frames are read back to back from stdin and answered back to back on
// stdout, by the stdio server of runtime-go (cancel and event frames are
// read and ignored: a call runs to completion). What the module writes to
// its fd 1 and 2 goes to kkrun's stderr, so stdout carries frames only. It
// exits 0 at the end of stdin and after answering a frame header it refuses
// (as the other stdio servers do), 1 on any other failure, 2 on bad usage.
// The full reference is docs/go-host.md.
package main

import (
	"bufio"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"

	"kkgen.dev/kkrpc/stdio"
	"kkgen.dev/kkrpc/wasmhost"
	"kkgen.dev/kkrpc/wire"
)

func main() { os.Exit(run(os.Args[1:])) }

// run is kkrun with its arguments; it returns the exit code.
func run(args []string) int {
	flags := flag.NewFlagSet("kkrun", flag.ContinueOnError)
	cache := flags.String("cache", defaultCacheDir(), "wazero compilation cache folder (a second start skips compiling)")
	noCache := flags.Bool("no-cache", false, "compile without the cache")
	maxFrame := flags.Uint("max-frame", uint(wire.DefaultMaxFrameLen), "largest frame accepted or answered, header included, in bytes")
	maxPages := flags.Uint("max-memory-pages", 0, "cap on the module's memory in 64 KiB pages (0: wazero's 4 GiB)")
	var nf natsFlags
	nf.register(flags)
	flags.Usage = func() {
		os.Stderr.WriteString("usage: kkrun [-cache DIR] [-no-cache] [-max-frame BYTES] [-max-memory-pages N] module.wasm\n" +
			"       kkrun -nats URL -ir FILE [-service NAME] [-prefix P] [-queue Q | -no-queue] [-creds FILE] [...] module.wasm\n")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); err != nil {
		return 2
	}
	if flags.NArg() != 1 || *maxFrame < wire.HeaderLen || *maxFrame > 1<<32-1 || *maxPages > 65536 || !nf.valid() {
		flags.Usage()
		return 2
	}
	opts := wasmhost.Options{MaxFrameLen: uint32(*maxFrame), MemoryLimitPages: uint32(*maxPages), Stdout: os.Stderr, Stderr: os.Stderr}
	if !*noCache {
		opts.CacheDir = *cache
	}
	host, err := wasmhost.NewFile(flags.Arg(0), opts)
	if err != nil {
		os.Stderr.WriteString("kkrun: " + err.Error() + "\n")
		return 1
	}
	defer host.Close()
	if nf.url != "" {
		return serveNats(host, flags.Arg(0), nf)
	}
	server := stdio.NewFrameServer(bufio.NewReaderSize(os.Stdin, 64<<10), os.Stdout, host)
	server.MaxFrameLen = uint32(*maxFrame)
	err = server.Serve()
	if err == nil || errors.Is(err, stdio.ErrRejected) {
		return 0
	}
	os.Stderr.WriteString("kkrun: " + err.Error() + " (after " + strconv.FormatUint(host.Stats().Calls, 10) + " calls)\n")
	return 1
}

// defaultCacheDir is <user cache dir>/kkgen/kkrun, or none when the user has
// no cache folder.
func defaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "kkgen", "kkrun")
}
