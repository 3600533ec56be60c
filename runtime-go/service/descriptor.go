package service

// Descriptor names a service and its ops as the schema writes them (package,
// service name, first doc line, ops with wire id and name); kkgen generates
// one per service. Transports that route by name (NATS subjects) use it.
type Descriptor struct {
	// Package is the kkidl package as written ("geo.v1").
	Package string
	// Name is the service name as written ("Geometry").
	Name string
	// Doc is the first line of the service's doc comment, or "".
	Doc string
	// Ops are the service's ops in schema order.
	Ops []OpDescriptor
}

// OpDescriptor is one op of a [Descriptor].
type OpDescriptor struct {
	// ID is the op's wire id.
	ID uint32
	// Name is the op name as written (snake_case).
	Name string
}
