module kkgen.dev/kkrpc

go 1.24
