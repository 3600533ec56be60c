module kkgen.dev/tests/stdio/bench

go 1.24
