// Command reactor serves the peers benchmark's ops as a WASI reactor
// (GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared; `kkgen build go`),
// the Go rows of `cargo xtask bench peers`.
package main

import (
	"kkgen.dev/examples/peers/go/service"
	peersv1 "kkgen.dev/examples/peers/sdk/go"
)

func init() { peersv1.RegisterPeers(service.New) }

// main is not run in a reactor (c-shared); it is required by the toolchain.
func main() {}
