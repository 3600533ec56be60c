// The geometry SDK's Go package as its own module (not generated, so
// `kkgen gen --check` leaves it alone): what a Go client imports.
module kkgen.dev/examples/geometry/sdk/go

go 1.24

require kkgen.dev/kkrpc v0.0.0

replace kkgen.dev/kkrpc => ../../../../runtime-go
