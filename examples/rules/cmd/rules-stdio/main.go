// Command rules-stdio serves rules.v1.Rules over stdin/stdout (docs/abi.md
// §4). Build for bare metal: GOOS=wasip1 GOARCH=wasm go build (or natively).
// It exits 0 at the end of stdin and after answering a frame header it
// rejects (as the Rust stdio servers do), 1 on any other failure.
package main

import (
	"errors"
	"os"

	"kkgen.dev/examples/rules/logic"
	rulesv1 "kkgen.dev/examples/rules/sdk/go"
	"kkgen.dev/kkrpc/stdio"
)

func main() {
	err := rulesv1.ServeRulesStdio(logic.New(), os.Stdin, os.Stdout)
	if err == nil || errors.Is(err, stdio.ErrRejected) {
		return
	}
	os.Stderr.WriteString("rules-stdio: " + err.Error() + "\n")
	os.Exit(1)
}
