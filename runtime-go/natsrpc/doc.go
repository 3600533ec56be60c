// Package natsrpc carries kkrpc frames over NATS (docs/nats.md): [Serve]
// makes a service — a native [service.Dispatcher] or any frame handler, such
// as a wasm module hosted by wasmhost — one NATS micro service with one
// endpoint per op, and [NewTransport] is the [client.Transport] the
// generated Go clients call it through. Subjects come from [Subject], error
// statuses from [Status]; frames are read and written by package wire.
//
// kkgen takes a connected *nats.Conn: connection options (credentials, TLS,
// reconnects) belong to nats.go and pass through unchanged.
package natsrpc
