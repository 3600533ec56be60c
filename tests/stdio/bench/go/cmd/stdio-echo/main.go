// Command stdio-echo is the floor of `cargo xtask bench stdio`: it reads a
// frame (16-byte header, payload_len at offset 12, then the payload;
// docs/wire.md §2) from stdin and writes the same bytes back to stdout, until
// stdin ends. No decoding, no dispatch: what a pipe round trip costs.
// Natively or as a wasip1 command (GOOS=wasip1 GOARCH=wasm go build).
package main

import (
	"encoding/binary"
	"io"
	"os"
)

func main() {
	frame := make([]byte, 16)
	for {
		if _, err := io.ReadFull(os.Stdin, frame[:16]); err != nil {
			if err == io.EOF {
				return
			}
			fail(err)
		}
		total := 16 + int(binary.LittleEndian.Uint32(frame[12:16]))
		if len(frame) < total {
			grown := make([]byte, total)
			copy(grown, frame[:16])
			frame = grown
		}
		if _, err := io.ReadFull(os.Stdin, frame[16:total]); err != nil {
			fail(err)
		}
		if _, err := os.Stdout.Write(frame[:total]); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	os.Stderr.WriteString("stdio-echo: " + err.Error() + "\n")
	os.Exit(1)
}
