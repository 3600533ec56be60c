module kkgen.dev/kkrpc/wasmhost

go 1.26.0

require (
	github.com/nats-io/nats.go v1.55.0
	github.com/tetratelabs/wazero v1.12.0
	kkgen.dev/examples/geometry/sdk/go v0.0.0
	kkgen.dev/examples/rules v0.0.0
	kkgen.dev/kkrpc v0.0.0
	kkgen.dev/kkrpc/natsrpc v0.0.0
)

require (
	github.com/klauspost/compress v1.20.0 // indirect
	github.com/nats-io/nkeys v0.4.16 // indirect
	github.com/nats-io/nuid v1.0.1 // indirect
	golang.org/x/crypto v0.57.0 // indirect
	golang.org/x/sys v0.48.0 // indirect
)

replace kkgen.dev/kkrpc => ../

// The rules example's checked-in generated package (sdk/go) and logic: the
// native peer and the generated Go client of the tests.
replace kkgen.dev/examples/rules => ../../examples/rules

// The NATS transport kkrun -nats serves through.
replace kkgen.dev/kkrpc/natsrpc => ../natsrpc

// The geometry example's checked-in Go SDK (package geov1): the Go client of
// the tests.
replace kkgen.dev/examples/geometry/sdk/go => ../../examples/geometry/sdk/go
