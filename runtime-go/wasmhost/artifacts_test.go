package wasmhost_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// kkrunCache is the compilation cache folder the kkrun children of one test
// run share (so a module is compiled once per run), removed at the end.
var kkrunCache string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "kkrun-test-cache")
	if err != nil {
		panic(err)
	}
	kkrunCache = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// root is the repository root, from runtime-go/wasmhost.
const root = "../.."

// artifact is the path recorded under key in target/kk-artifacts.json, the
// one file through which cargo xtask tells tests where it built things; the
// test fails when it is missing (cargo xtask test kkrun builds them all).
func artifact(t testing.TB, key string) string {
	t.Helper()
	file := filepath.Join(root, "target", "kk-artifacts.json")
	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("%s: %v (cargo xtask test kkrun builds the artifacts)", file, err)
	}
	var artifacts map[string]string
	if err := json.Unmarshal(text, &artifacts); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	path, ok := artifacts[key]
	if !ok {
		t.Fatalf("%s has no %s (cargo xtask test kkrun builds it)", file, key)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("artifact %s: %v", key, err)
	}
	return path
}

// geometryReactor is the Rust geometry service as a wasip1 reactor.
func geometryReactor(t testing.TB) string {
	return filepath.Join(artifact(t, "geometry_dist"), "wasip1", "geometry_service.wasm")
}

// rulesReactor is the Go rules service as a wasip1 reactor.
func rulesReactor(t testing.TB) string { return artifact(t, "rules_reactor_wasm") }
