// Command rules-reactor is rules.v1.Rules as a WASI reactor for the browser
// and Cloudflare Workers: GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared.
// The host calls _initialize, then kk_alloc/kk_call/kk_free (docs/abi.md);
// the service is built on the first kk_call.
package main

import (
	"kkgen.dev/examples/rules/logic"
	rulesv1 "kkgen.dev/examples/rules/sdk/go"
)

func init() { rulesv1.RegisterRules(logic.New) }

// main is not run in a reactor (c-shared); it is required by the toolchain.
func main() {}
