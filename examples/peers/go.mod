module kkgen.dev/examples/peers

go 1.24

require kkgen.dev/kkrpc v0.0.0

replace kkgen.dev/kkrpc => ../../runtime-go
