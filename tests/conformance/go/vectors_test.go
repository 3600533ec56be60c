// Runs the shared conformance vectors (../vectors.json, docs/wire.md §6)
// against the Go code kkgen generates for ../conformance.kkidl (in gen/,
// written by `cargo xtask test go-wire`) and runtime-go/wire.

package conformance

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"testing"

	"kkgen.dev/kkrpc/client"
	"kkgen.dev/kkrpc/wire"
)

// vectorFile is the JSON layout of ../vectors.json.
type vectorFile struct {
	Valid []struct {
		Name       string `json:"name"`
		Type       string `json:"type"`
		Value      any    `json:"value"`
		Hex        string `json:"hex"`
		DecodeOnly bool   `json:"decode_only"`
	} `json:"valid"`
	Malformed []struct {
		Name     string `json:"name"`
		Type     string `json:"type"`
		Hex      string `json:"hex"`
		Error    string `json:"error"`
		MaxDepth int    `json:"max_depth"`
	} `json:"malformed"`
	Frames []struct {
		Name  string `json:"name"`
		Hex   string `json:"hex"`
		Frame struct {
			Version    uint8  `json:"version"`
			Kind       string `json:"kind"`
			CallID     uint32 `json:"call_id"`
			OpID       uint32 `json:"op_id"`
			PayloadHex string `json:"payload_hex"`
		} `json:"frame"`
		DecodeOnly bool `json:"decode_only"`
		Error      *struct {
			Class   string `json:"class"`
			ErrorID uint32 `json:"error_id"`
			Type    string `json:"type"`
			Value   any    `json:"value"`
			Code    uint32 `json:"code"`
			Name    string `json:"name"`
			Message string `json:"message"`
		} `json:"error"`
	} `json:"frames"`
	BadFrames []struct {
		Name        string `json:"name"`
		Hex         string `json:"hex"`
		Error       string `json:"error"`
		MaxFrameLen uint32 `json:"max_frame_len"`
	} `json:"bad_frames"`
}

func loadVectors(tb testing.TB) *vectorFile {
	tb.Helper()
	raw, err := os.ReadFile("../vectors.json")
	if err != nil {
		tb.Fatal(err)
	}
	var v vectorFile
	if err := json.Unmarshal(raw, &v); err != nil {
		tb.Fatal(err)
	}
	return &v
}

func mustHex(tb testing.TB, s string) []byte {
	tb.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// aligned copies b to an 8-aligned address (as a payload in wasm memory or
// after a frame header), so typed buffers are read in place.
func aligned(b []byte) []byte {
	words := make([]uint64, len(b)/8+1)
	out := reflectBytes(words)[:len(b)]
	copy(out, b)
	return out
}

// valueFromJSON builds a pointer to the generated value of vector JSON j.
func valueFromJSON(tb testing.TB, c codec, j any) reflect.Value {
	tb.Helper()
	p := c.newValue()
	if err := fromJSON(p.Elem(), j); err != nil {
		tb.Fatalf("JSON value: %v", err)
	}
	return p
}

func encodeHex(c codec, p reflect.Value) string {
	var w wire.Writer
	c.encode(&w, p)
	return hex.EncodeToString(w.Bytes())
}

func TestValidVectors(t *testing.T) {
	v := loadVectors(t)
	if len(v.Valid) == 0 {
		t.Fatal("no valid vectors")
	}
	for _, vec := range v.Valid {
		t.Run(vec.Name, func(t *testing.T) {
			c, ok := codecs[vec.Type]
			if !ok {
				t.Fatalf("no codec for type %s", vec.Type)
			}
			want := valueFromJSON(t, c, vec.Value)
			if !vec.DecodeOnly {
				if got := encodeHex(c, want); got != vec.Hex {
					t.Fatalf("encode:\n got %s\nwant %s", got, vec.Hex)
				}
			}
			r := wire.NewReader(aligned(mustHex(t, vec.Hex)))
			got, err := c.decode(r)
			if err == nil {
				err = r.Finish()
			}
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			if d := equalValues(got, want, vec.Type); d != "" {
				t.Fatalf("decoded value differs: %s", d)
			}
			if !vec.DecodeOnly {
				if again := encodeHex(c, got); again != vec.Hex {
					t.Fatalf("re-encode of decoded value:\n got %s\nwant %s", again, vec.Hex)
				}
			}
		})
	}
}

func TestMalformedVectors(t *testing.T) {
	v := loadVectors(t)
	if len(v.Malformed) == 0 {
		t.Fatal("no malformed vectors")
	}
	for _, vec := range v.Malformed {
		t.Run(vec.Name, func(t *testing.T) {
			c, ok := codecs[vec.Type]
			if !ok {
				t.Fatalf("no codec for type %s", vec.Type)
			}
			limits := wire.DefaultLimits()
			if vec.MaxDepth > 0 {
				limits.MaxDepth = vec.MaxDepth
			}
			r := wire.NewReaderLimits(aligned(mustHex(t, vec.Hex)), limits)
			_, err := c.decode(r)
			if err == nil {
				err = r.Finish()
			}
			if got := wire.KindOf(err); string(got) != vec.Error {
				t.Fatalf("got error %v (kind %q), want %q", err, got, vec.Error)
			}
		})
	}
}

func TestFrameVectors(t *testing.T) {
	v := loadVectors(t)
	for _, vec := range v.Frames {
		t.Run(vec.Name, func(t *testing.T) {
			raw := aligned(mustHex(t, vec.Hex))
			h, payload, n, err := wire.ParseFrame(raw, wire.DefaultLimits())
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			f := vec.Frame
			if n != len(raw) || h.Version != f.Version || h.Kind.String() != f.Kind || h.CallID != f.CallID ||
				h.OpID != f.OpID || hex.EncodeToString(payload) != f.PayloadHex {
				t.Fatalf("parsed %+v (n=%d) payload %x, want %+v", h, n, payload, f)
			}
			var w wire.Writer
			w.ResetFrame(h.Kind, h.CallID, h.OpID)
			if vec.Error != nil {
				r := wire.NewReader(payload)
				head := r.ErrorHead()
				e := vec.Error
				switch e.Class {
				case "typed":
					c := codecs[e.Type]
					if head.Class != wire.ErrorClassTyped || head.ErrorID != e.ErrorID {
						t.Fatalf("error head %+v, want typed %d", head, e.ErrorID)
					}
					got, err := c.decode(r)
					if err == nil {
						err = r.Finish()
					}
					if err != nil {
						t.Fatalf("typed error fields: %v", err)
					}
					want := valueFromJSON(t, c, e.Value)
					if d := equalValues(got, want, e.Type); d != "" {
						t.Fatalf("typed error differs: %s", d)
					}
					if got.Interface().(error).Error() == "" {
						t.Fatal("typed error has no message")
					}
					viaClient, err := clientTypedError(raw, h.OpID, c)
					if err != nil {
						t.Fatalf("typed error through client.Conn: %v", err)
					}
					if d := equalValues(viaClient, want, e.Type); d != "" {
						t.Fatalf("typed error through client.Conn differs: %s", d)
					}
					if got := hex.EncodeToString(dispatcherTypedError(h.CallID, h.OpID, e.ErrorID, c, want)); got != vec.Hex {
						t.Fatalf("typed error frame as a dispatcher writes it:\n got %s\nwant %s", got, vec.Hex)
					}
					w.PutTypedErrorHead(e.ErrorID)
					c.encode(&w, want)
				case "system":
					if err := r.Finish(); err != nil {
						t.Fatalf("system error: %v", err)
					}
					if head.Class != wire.ErrorClassSystem || uint32(head.Code) != e.Code || head.Code.Name() != e.Name ||
						head.Message != e.Message {
						t.Fatalf("error head %+v, want %+v", head, e)
					}
					w.PutSystemError(head.Code, head.Message)
				default:
					t.Fatalf("unknown class %q", e.Class)
				}
			} else {
				w.Reset()
				w.ResetFrame(h.Kind, h.CallID, h.OpID)
				for _, b := range payload {
					w.PutU8(b)
				}
			}
			if got := hex.EncodeToString(w.FinishFrame()); !vec.DecodeOnly && got != vec.Hex {
				t.Fatalf("re-encoded frame:\n got %s\nwant %s", got, vec.Hex)
			}
		})
	}
}

// framePayloadTypes names the codec of the payload of frame vectors that
// carry a value: call payloads are the op's params struct, ok payloads its
// result. Not listed: call_echo and call_ping_empty_payload, whose payloads
// (a bare Everything, and nothing) are not params structs as docs/wire.md §2
// defines them; they only pin the frame layout.
var framePayloadTypes = map[string]string{
	"call_scale_params_struct": "ConformanceScaleParams",
	"ok_lookup_point":          "Point",
}

// TestFramePayloads decodes the payloads of call and ok frames with the
// generated params/result codecs and re-encodes them byte for byte.
func TestFramePayloads(t *testing.T) {
	v := loadVectors(t)
	seen := 0
	for _, vec := range v.Frames {
		name, ok := framePayloadTypes[vec.Name]
		if !ok {
			continue
		}
		seen++
		t.Run(vec.Name, func(t *testing.T) {
			c := codecs[name]
			payload := aligned(mustHex(t, vec.Frame.PayloadHex))
			r := wire.NewReader(payload)
			got, err := c.decode(r)
			if err == nil {
				err = r.Finish()
			}
			if err != nil {
				t.Fatalf("decode %s: %v", name, err)
			}
			if again := encodeHex(c, got); again != vec.Frame.PayloadHex {
				t.Fatalf("re-encode:\n got %s\nwant %s", again, vec.Frame.PayloadHex)
			}
		})
	}
	if seen != len(framePayloadTypes) {
		t.Fatalf("found %d of the %d frame vectors with typed payloads", seen, len(framePayloadTypes))
	}
	// ok_scale_top_level_buffer: a result that is a bare f32[] at payload offset 0.
	for _, vec := range v.Frames {
		if vec.Name == "ok_scale_top_level_buffer" {
			r := wire.NewReader(aligned(mustHex(t, vec.Frame.PayloadHex)))
			got := r.F32s()
			if err := r.Finish(); err != nil || len(got) != 2 || got[0] != 2 || got[1] != 4 {
				t.Fatalf("f32[] result %v: %v", got, err)
			}
		}
	}
}

func TestBadFrameVectors(t *testing.T) {
	v := loadVectors(t)
	for _, vec := range v.BadFrames {
		t.Run(vec.Name, func(t *testing.T) {
			limits := wire.DefaultLimits()
			if vec.MaxFrameLen > 0 {
				limits.MaxFrameLen = vec.MaxFrameLen
			}
			err := checkFrame(mustHex(t, vec.Hex), limits)
			if got := wire.KindOf(err); string(got) != vec.Error {
				t.Fatalf("got %v (kind %q), want %q", err, got, vec.Error)
			}
		})
	}
}

// replay is a client.Transport answering every call with one frame,
// renumbered to the call's id.
type replay struct{ answer []byte }

// RoundTrip implements client.Transport.
func (t *replay) RoundTrip(call []byte) ([]byte, error) {
	out := aligned(t.answer)
	copy(out[4:8], call[4:8])
	return out, nil
}

// clientTypedError reads the typed error frame raw as a generated client
// does: client.Conn sorts the answer into a *client.TypedError, whose fields
// are decoded from payload offset 5 with wire.NewReaderAt.
func clientTypedError(raw []byte, opID uint32, c codec) (reflect.Value, error) {
	_, err := client.NewConn(&replay{answer: raw}).Call(opID, nil)
	typed, ok := err.(*client.TypedError)
	if !ok {
		return reflect.Value{}, fmt.Errorf("want a *client.TypedError, got %v", err)
	}
	r := wire.NewReaderAt(typed.Payload, 5, wire.DefaultLimits())
	v, err := c.decode(r)
	if err == nil {
		err = r.Finish()
	}
	return v, err
}

// dispatcherTypedError writes a typed error frame as generated dispatchers
// do: the payload (class, id, fields) into a reset Writer, then the header.
func dispatcherTypedError(callID, opID, errorID uint32, c codec, v reflect.Value) []byte {
	var w wire.Writer
	w.Reset()
	w.PutTypedErrorHead(errorID)
	c.encode(&w, v)
	body := w.Payload()
	frame := wire.AppendHeader(nil, wire.Header{Version: wire.Version, Kind: wire.FrameError, CallID: callID, OpID: opID, PayloadLen: uint32(len(body))})
	return append(frame, body...)
}

// checkFrame parses a frame and, for an error frame, its error payload
// (class, code/id, message); it returns the first decode error.
func checkFrame(b []byte, limits wire.Limits) error {
	h, payload, _, err := wire.ParseFrame(b, limits)
	if err != nil {
		return err
	}
	if h.Kind == wire.FrameError {
		r := wire.NewReaderLimits(payload, limits)
		head := r.ErrorHead()
		if head.Class == wire.ErrorClassSystem {
			return r.Finish()
		}
		return r.Err()
	}
	return nil
}
