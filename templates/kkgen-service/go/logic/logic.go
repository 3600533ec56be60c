// Package logic is stats.v1.Stats in Go: named series of float32 samples held
// behind handles, the same behaviour as the Rust service (rust/src/lib.rs).
package logic

import (
	"math"

	"{{project-name}}/statsv1"

	"kkgen.dev/kkrpc/wire"
)

// Limits of the service.
const (
	MaxSeries  = 1024
	MaxSamples = 1 << 20
)

type entry struct {
	name    string
	samples []float32
}

// Service implements statsv1.Stats.
type Service struct {
	series     map[uint32]*entry
	lastHandle uint32
}

// New returns an empty service (the factory given to RegisterStats).
func New() statsv1.Stats { return &Service{series: map[uint32]*entry{}} }

func (s *Service) entry(series statsv1.Series) (*entry, error) {
	e, ok := s.series[uint32(series)]
	if !ok {
		return nil, &statsv1.UnknownSeries{Series: series}
	}
	return e, nil
}

// Create makes an empty series.
func (s *Service) Create(name string) (statsv1.Series, error) {
	if len(s.series) >= MaxSeries {
		return 0, &statsv1.LimitReached{What: "series", Limit: MaxSeries}
	}
	s.lastHandle++
	s.series[s.lastHandle] = &entry{name: name}
	return statsv1.Series(s.lastHandle), nil
}

// Append adds finite samples; samples aliases the call frame, so it is copied.
func (s *Service) Append(series statsv1.Series, samples []float32) (uint32, error) {
	e, err := s.entry(series)
	if err != nil {
		return 0, err
	}
	for i, v := range samples {
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return 0, &statsv1.NotFinite{Index: uint32(i)}
		}
	}
	if len(e.samples)+len(samples) > MaxSamples {
		return 0, &statsv1.LimitReached{What: "samples", Limit: MaxSamples}
	}
	e.samples = append(e.samples, samples...)
	return uint32(len(e.samples)), nil
}

// Summary describes a series.
func (s *Service) Summary(series statsv1.Series) (statsv1.Summary, error) {
	e, err := s.entry(series)
	if err != nil {
		return statsv1.Summary{}, err
	}
	sum := statsv1.Summary{Name: e.name, Count: uint32(len(e.samples))}
	if len(e.samples) == 0 {
		return sum, nil
	}
	var total float64
	sum.Minimum, sum.Maximum = e.samples[0], e.samples[0]
	for _, v := range e.samples {
		total += float64(v)
		sum.Minimum = min(sum.Minimum, v)
		sum.Maximum = max(sum.Maximum, v)
	}
	sum.Mean = total / float64(len(e.samples))
	return sum, nil
}

// Scaled returns every sample times factor, in a new slice made by
// wire.ResultBuffer: it is answered in place, without a copy.
func (s *Service) Scaled(series statsv1.Series, factor float32) ([]float32, error) {
	e, err := s.entry(series)
	if err != nil {
		return nil, err
	}
	out := wire.ResultBuffer[float32](len(e.samples))
	for i, v := range e.samples {
		out[i] = v * factor
	}
	return out, nil
}

// Release forgets a series.
func (s *Service) Release(series statsv1.Series) error {
	if _, err := s.entry(series); err != nil {
		return err
	}
	delete(s.series, uint32(series))
	return nil
}
