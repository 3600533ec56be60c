module kkgen.dev/kkrpc/natsrpc

go 1.26.0

require (
	github.com/nats-io/nats.go v1.55.0
	kkgen.dev/examples/geometry/sdk/go v0.0.0
	kkgen.dev/examples/rules v0.0.0
	kkgen.dev/kkrpc v0.0.0
)

require (
	github.com/klauspost/compress v1.20.0 // indirect
	github.com/nats-io/nkeys v0.4.16 // indirect
	github.com/nats-io/nuid v1.0.1 // indirect
	golang.org/x/crypto v0.57.0 // indirect
	golang.org/x/sys v0.48.0 // indirect
)

replace kkgen.dev/kkrpc => ../

// The rules example (its checked-in generated package rulesv1, sdk/go, and
// logic): the native Go service the tests serve.
replace kkgen.dev/examples/rules => ../../examples/rules

// The geometry example's checked-in Go SDK (package geov1): the Go client of
// the tests.
replace kkgen.dev/examples/geometry/sdk/go => ../../examples/geometry/sdk/go
