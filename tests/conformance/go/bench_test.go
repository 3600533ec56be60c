// Benchmarks (`cargo xtask bench go-wire`): generated codecs against
// encoding/json for a struct of every scalar, and typed f32[] buffers read
// in place against a copying read, a plain copy and JSON.

package conformance

import (
	"encoding/json"
	"testing"

	gen "kkgen.dev/kkrpc/conformance/gen"
	"kkgen.dev/kkrpc/wire"
)

func sampleScalars() gen.Scalars {
	return gen.Scalars{Flag: true, Tiny: -3, Small: 1234, Medium: -123456, Large: 1 << 40, Utiny: 200,
		Usmall: 60000, Umedium: 4000000000, Ularge: 1 << 60, Single: 1.5, Double: 2.25,
		Text: "hello, wire", Blob: []byte{1, 2, 3, 4}}
}

func BenchmarkScalarsEncodeWire(b *testing.B) {
	v := sampleScalars()
	var w wire.Writer
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		w.Reset()
		v.EncodeTo(&w)
	}
	b.SetBytes(int64(len(w.Bytes())))
}

func BenchmarkScalarsEncodeJSON(b *testing.B) {
	v := sampleScalars()
	b.ReportAllocs()
	var out []byte
	for i := 0; i < b.N; i++ {
		out, _ = json.Marshal(&v)
	}
	b.SetBytes(int64(len(out)))
}

func BenchmarkScalarsDecodeWire(b *testing.B) {
	v := sampleScalars()
	var w wire.Writer
	v.EncodeTo(&w)
	in := w.Bytes()
	var r wire.Reader
	var out gen.Scalars
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for i := 0; i < b.N; i++ {
		r.Reset(in)
		if err := out.DecodeFrom(&r); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkScalarsDecodeJSON(b *testing.B) {
	v := sampleScalars()
	in, _ := json.Marshal(&v)
	var out gen.Scalars
	b.ReportAllocs()
	b.SetBytes(int64(len(in)))
	for i := 0; i < b.N; i++ {
		if err := json.Unmarshal(in, &out); err != nil {
			b.Fatal(err)
		}
	}
}

const million = 1 << 20

func samples() []float32 {
	s := make([]float32, million)
	for i := range s {
		s[i] = float32(i) * 0.5
	}
	return s
}

func BenchmarkF32sEncodeWire(b *testing.B) {
	s := samples()
	var w wire.Writer
	b.ReportAllocs()
	b.SetBytes(4 * million)
	for i := 0; i < b.N; i++ {
		w.Reset()
		w.PutF32s(s)
	}
}

// BenchmarkF32sMemcpy is the floor: copying the same bytes once.
func BenchmarkF32sMemcpy(b *testing.B) {
	src := reflectBytes(make([]uint64, million/2))
	dst := make([]byte, len(src))
	b.SetBytes(4 * million)
	for i := 0; i < b.N; i++ {
		copy(dst, src)
	}
}

func BenchmarkF32sDecodeInPlace(b *testing.B) {
	var w wire.Writer
	w.PutF32s(samples())
	in := aligned(w.Bytes())
	var r wire.Reader
	b.ReportAllocs()
	b.SetBytes(4 * million)
	for i := 0; i < b.N; i++ {
		r.Reset(in)
		if len(r.F32s()) != million {
			b.Fatal("short")
		}
	}
}

func BenchmarkF32sDecodeMisalignedCopy(b *testing.B) {
	var w wire.Writer
	w.PutF32s(samples())
	in := aligned(append([]byte{0}, w.Bytes()...))[1:]
	var r wire.Reader
	b.ReportAllocs()
	b.SetBytes(4 * million)
	for i := 0; i < b.N; i++ {
		r.Reset(in)
		if len(r.F32s()) != million {
			b.Fatal("short")
		}
	}
}

func BenchmarkF32sDecodeJSON(b *testing.B) {
	in, _ := json.Marshal(samples())
	var out []float32
	b.ReportAllocs()
	b.SetBytes(4 * million)
	for i := 0; i < b.N; i++ {
		out = out[:0]
		if err := json.Unmarshal(in, &out); err != nil {
			b.Fatal(err)
		}
	}
}
