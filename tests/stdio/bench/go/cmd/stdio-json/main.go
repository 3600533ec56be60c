// Command stdio-json is the peer of `cargo xtask bench stdio`: add and scale
// carried as newline-delimited JSON the way kkrpc 0.2.2's stdio adapter does
// (RPCChannel with serialization { version: "json" }): a request line
// {"id","method","args":[...],"type":"request","version":"json"}, an answer
// line {"id","method":"","args":{"result":...},"type":"response","version":"json"}
// (or "args":{"error":"..."}), parsed and written with encoding/json.
// Natively or as a wasip1 command (GOOS=wasip1 GOARCH=wasm go build).
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
)

// request is a kkrpc request line.
type request struct {
	ID     string            `json:"id"`
	Method string            `json:"method"`
	Args   []json.RawMessage `json:"args"`
}

// response is a kkrpc response line.
type response struct {
	ID      string `json:"id"`
	Method  string `json:"method"`
	Args    answer `json:"args"`
	Type    string `json:"type"`
	Version string `json:"version"`
}

// answer is the args of a response: the result or the error.
type answer struct {
	Result any    `json:"result,omitempty"`
	Error  string `json:"error,omitempty"`
}

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<16)
	out := bufio.NewWriterSize(os.Stdout, 1<<16)
	enc := json.NewEncoder(out) // Encode ends each value with "\n"
	for {
		line, err := in.ReadBytes('\n')
		if len(line) > 1 {
			var req request
			if json.Unmarshal(line, &req) == nil { // kkrpc passes lines it cannot parse through as logs
				result, failure := run(req)
				resp := response{ID: req.ID, Args: answer{Result: result}, Type: "response", Version: "json"}
				if failure != nil {
					resp.Args = answer{Error: failure.Error()}
				}
				if err := enc.Encode(&resp); err != nil {
					fail(err)
				}
				if err := out.Flush(); err != nil {
					fail(err)
				}
			}
		}
		if err != nil {
			return // end of input
		}
	}
}

// run performs the request's method.
func run(req request) (any, error) {
	switch req.Method {
	case "add":
		var a, b int32
		if len(req.Args) != 2 || json.Unmarshal(req.Args[0], &a) != nil || json.Unmarshal(req.Args[1], &b) != nil {
			return nil, errors.New("add takes two int32")
		}
		return a + b, nil
	case "scale":
		var samples []float32
		var factor float32
		if len(req.Args) != 2 || json.Unmarshal(req.Args[0], &samples) != nil || json.Unmarshal(req.Args[1], &factor) != nil {
			return nil, errors.New("scale takes a float32 list and a float32")
		}
		for i := range samples {
			samples[i] *= factor
		}
		return samples, nil
	}
	return nil, errors.New("Method " + req.Method + " is not a function")
}

func fail(err error) {
	os.Stderr.WriteString("stdio-json: " + err.Error() + "\n")
	os.Exit(1)
}
