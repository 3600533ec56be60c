package logic

import (
	"errors"
	"math"
	"testing"

	"{{project-name}}/statsv1"
)

func TestSeriesLifecycle(t *testing.T) {
	s := New()
	series, err := s.Create("temperatures")
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.Append(series, []float32{1, 2, 6}); err != nil || n != 3 {
		t.Fatalf("append: %d, %v", n, err)
	}
	sum, err := s.Summary(series)
	if err != nil {
		t.Fatal(err)
	}
	want := statsv1.Summary{Name: "temperatures", Count: 3, Mean: 3, Minimum: 1, Maximum: 6}
	if sum != want {
		t.Fatalf("summary: %+v, want %+v", sum, want)
	}
	if err := s.Release(series); err != nil {
		t.Fatal(err)
	}
	var unknown *statsv1.UnknownSeries
	if _, err := s.Summary(series); !errors.As(err, &unknown) || unknown.Series != series {
		t.Fatalf("after release: %v", err)
	}
}

func TestAppendRejectsNonFinite(t *testing.T) {
	s := New()
	series, _ := s.Create("x")
	_, err := s.Append(series, []float32{1, float32(math.Inf(1))})
	var notFinite *statsv1.NotFinite
	if !errors.As(err, &notFinite) || notFinite.Index != 1 {
		t.Fatalf("append: %v", err)
	}
}
