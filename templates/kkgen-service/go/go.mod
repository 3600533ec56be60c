module {{project-name}}

go 1.24

require kkgen.dev/kkrpc v0.0.0

// The Go runtime comes from the kkgen checkout (no module proxy serves kkgen.dev/kkrpc).
replace kkgen.dev/kkrpc => {{kkgen_path}}/runtime-go
