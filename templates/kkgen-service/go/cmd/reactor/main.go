// Command reactor is stats.v1.Stats as a WASI reactor, the module the TS host loads:
// GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared (scripts/build.mjs). The host calls
// _initialize, then kk_alloc/kk_call/kk_free; the service is built on the first kk_call.
package main

import (
	"{{project-name}}/logic"
	"{{project-name}}/statsv1"
)

func init() { statsv1.RegisterStats(logic.New) }

// main is not run in a reactor (c-shared); the toolchain requires it.
func main() {}
