// Command rules-stdio serves rules.v1.Rules over stdin/stdout (docs/abi.md
// §4). Build for bare metal: GOOS=wasip1 GOARCH=wasm go build (or natively).
package main

import (
	"fmt"
	"os"

	"kkgen.dev/examples/rules/logic"
	"kkgen.dev/examples/rules/rulesv1"
)

func main() {
	if err := rulesv1.ServeRulesStdio(logic.New()); err != nil {
		fmt.Fprintln(os.Stderr, "rules-stdio:", err)
		os.Exit(1)
	}
}
