// Fuzz targets (go test -fuzz): generated decoders and the frame parser
// never panic, and whatever decodes re-encodes canonically. The conformance
// vectors are the seed corpus, so plain `go test` runs them as tests too.

package conformance

import (
	"bytes"
	"testing"

	"kkgen.dev/kkrpc/wire"
)

// FuzzDecode decodes arbitrary bytes as one of the generated types (picked
// by index). A value that decodes must re-encode to bytes that decode to an
// equal value and re-encode identically (encoding is canonical).
func FuzzDecode(f *testing.F) {
	v := loadVectors(f)
	index := map[string]uint8{}
	for i, name := range codecNames {
		index[name] = uint8(i)
	}
	for _, vec := range v.Valid {
		f.Add(index[vec.Type], mustHex(f, vec.Hex))
	}
	for _, vec := range v.Malformed {
		f.Add(index[vec.Type], mustHex(f, vec.Hex))
	}
	f.Fuzz(func(t *testing.T, which uint8, data []byte) {
		name := codecNames[int(which)%len(codecNames)]
		c := codecs[name]
		r := wire.NewReader(aligned(data))
		got, err := c.decode(r)
		if err == nil {
			err = r.Finish()
		}
		if err != nil {
			if wire.KindOf(err) == "" {
				t.Fatalf("%s: error %v is not a *wire.DecodeError", name, err)
			}
			return
		}
		var w wire.Writer
		c.encode(&w, got)
		first := append([]byte(nil), w.Bytes()...)
		r2 := wire.NewReader(aligned(first))
		again, err := c.decode(r2)
		if err == nil {
			err = r2.Finish()
		}
		if err != nil {
			t.Fatalf("%s: re-encoded bytes %x do not decode: %v", name, first, err)
		}
		if d := equalValues(again, got, name); d != "" {
			t.Fatalf("%s: round trip differs: %s", name, d)
		}
		w.Reset()
		c.encode(&w, again)
		if !bytes.Equal(w.Bytes(), first) {
			t.Fatalf("%s: encoding not canonical:\n%x\n%x", name, first, w.Bytes())
		}
	})
}

// FuzzFrame parses arbitrary bytes as a frame (and an error payload):
// typed errors only, never a panic, never a length beyond the input.
func FuzzFrame(f *testing.F) {
	v := loadVectors(f)
	for _, vec := range v.Frames {
		f.Add(mustHex(f, vec.Hex))
	}
	for _, vec := range v.BadFrames {
		f.Add(mustHex(f, vec.Hex))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		limits := wire.Limits{MaxFrameLen: 1 << 16, MaxDepth: wire.DefaultMaxDepth}
		_, payload, n, err := wire.ParseFrame(data, limits)
		if err == nil && (n > len(data) || len(payload) != n-wire.HeaderLen) {
			t.Fatalf("frame length %d, payload %d, input %d", n, len(payload), len(data))
		}
		if err := checkFrame(data, limits); err != nil && wire.KindOf(err) == "" {
			t.Fatalf("error %v is not a *wire.DecodeError", err)
		}
	})
}
