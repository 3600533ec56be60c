// Command echomodule is a reactor serving servicetest.Echo through the module
// ABI, with the same //go:wasmexport entry points kkgen generates; the
// runtime's own wasm check (`cargo xtask test go` builds it with
// -buildmode=c-shared and runs echo.test.mjs against it).
package main

import (
	"kkgen.dev/kkrpc/abi"
	"kkgen.dev/kkrpc/service"
	fake "kkgen.dev/kkrpc/service/servicetest"
)

func init() { abi.Register(func() service.Dispatcher { return &fake.Echo{} }) }

func main() {}
