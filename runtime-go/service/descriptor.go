package service

// Descriptor is a service as the schema declares it: its package, name and
// ops (wire id and name as written), for transports that address ops by name
// such as NATS subjects (docs/nats.md §1). Generated code has one
// <Service>Descriptor per service.
type Descriptor struct {
	// Package is the kkidl package as written, e.g. "kk.geo.v1".
	Package string
	// Name is the service name as written, e.g. "Geometry".
	Name string
	// Doc is the first line of the service's doc comment, or "".
	Doc string
	// Ops are the ops in declaration order.
	Ops []OpDescriptor
}

// OpDescriptor is one op of a service.
type OpDescriptor struct {
	// ID is the op's wire id (docs/wire.md §4.1).
	ID uint32
	// Name is the op name as written (snake_case), e.g. "tessellate".
	Name string
}

// Op returns the op with wire id id.
func (d *Descriptor) Op(id uint32) (OpDescriptor, bool) {
	for _, op := range d.Ops {
		if op.ID == id {
			return op, true
		}
	}
	return OpDescriptor{}, false
}

// QualifiedName is "package.Name", e.g. "kk.geo.v1.Geometry".
func (d *Descriptor) QualifiedName() string { return d.Package + "." + d.Name }
