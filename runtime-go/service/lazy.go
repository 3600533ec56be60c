package service

// Lazy builds a Dispatcher on first use from a registered factory, so a wasm
// module does no work at instantiation (docs/abi.md §1.3).
type Lazy struct {
	factory func() Dispatcher
	handler *Handler
}

// Register sets the factory; the service is built on the next [Lazy.Handler]
// call. Registering again replaces a service not yet built.
func (l *Lazy) Register(factory func() Dispatcher) {
	l.factory = factory
}

// Handler returns the handler, building the service on the first call, or
// nil when no factory was registered.
func (l *Lazy) Handler() *Handler {
	if l.handler == nil && l.factory != nil {
		l.handler = NewHandler(l.factory())
	}
	return l.handler
}
