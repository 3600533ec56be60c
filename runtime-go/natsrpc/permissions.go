// Permission violations (docs/nats.md §5): nats-server reports a refused
// publish or subscription asynchronously, as an -ERR the connection hands
// to its error handler. One watcher per connection, chained into that
// handler once, fails the pending calls the refusal concerns, so that a
// denied call ends with forbidden at once instead of at its timeout.

package natsrpc

import (
	"context"
	"errors"
	"strings"
	"sync"

	"github.com/nats-io/nats.go"
)

// watchers holds the watcher of each connection a Transport was made on;
// closed connections are swept out when the next watcher is made.
var watchers = struct {
	sync.Mutex
	m map[*nats.Conn]*watcher
}{m: map[*nats.Conn]*watcher{}}

// watcher tracks the pending calls of one connection.
type watcher struct {
	nc      *nats.Conn
	mu      sync.Mutex
	pending map[*pendingCall]struct{}
	// inboxDenied is the refusal of the reply inbox subscription, which
	// nats-server reports once: later calls fail with it at once until the
	// connection has reconnected (and resubscribed) since deniedAt reconnects.
	inboxDenied string
	deniedAt    uint64
}

// pendingCall is one call waiting for its reply.
type pendingCall struct {
	subject string
	cancel  context.CancelCauseFunc
}

// forbiddenError is the cause a pending call is cancelled with when
// nats-server refuses its publish or its reply subscription.
type forbiddenError struct{ message string }

// Error implements error.
func (e *forbiddenError) Error() string { return e.message }

// watch returns nc's watcher, chaining a new one into nc's error handler
// (the handler set before stays called) on first use.
func watch(nc *nats.Conn) *watcher {
	watchers.Lock()
	defer watchers.Unlock()
	if w, ok := watchers.m[nc]; ok {
		return w
	}
	for c := range watchers.m {
		if c.IsClosed() {
			delete(watchers.m, c)
		}
	}
	w := &watcher{nc: nc, pending: map[*pendingCall]struct{}{}}
	previous := nc.ErrorHandler()
	nc.SetErrorHandler(func(c *nats.Conn, sub *nats.Subscription, err error) {
		w.asyncError(err)
		if previous != nil {
			previous(c, sub, err)
		}
	})
	watchers.m[nc] = w
	return w
}

// add registers a call about to be published; it returns the refusal of the
// reply inbox instead while that stands.
func (w *watcher) add(p *pendingCall) (denied string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.inboxDenied != "" && w.nc.Stats().Reconnects != w.deniedAt {
		w.inboxDenied = ""
	}
	if w.inboxDenied != "" {
		return w.inboxDenied + " for a call on " + p.subject
	}
	w.pending[p] = struct{}{}
	return ""
}

// done unregisters a call.
func (w *watcher) done(p *pendingCall) {
	w.mu.Lock()
	delete(w.pending, p)
	w.mu.Unlock()
}

// asyncError fails the pending calls a permission violation concerns: a
// refused publish those on its subject, a refused reply inbox subscription
// all of them.
func (w *watcher) asyncError(err error) {
	if !errors.Is(err, nats.ErrPermissionViolation) {
		return
	}
	text := err.Error()
	publish := quotedAfter(text, "Publish to ")
	subscribe := quotedAfter(text, "Subscription to ")
	inbox := w.nc.Opts.InboxPrefix
	if inbox == "" {
		inbox = nats.InboxPrefix
	}
	if !strings.HasPrefix(subscribe, strings.TrimSuffix(inbox, ".")+".") {
		subscribe = ""
	}
	if publish == "" && subscribe == "" {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if subscribe != "" {
		w.inboxDenied = "nats-server refused the reply subscription " + subscribe + " (permissions violation)"
		w.deniedAt = w.nc.Stats().Reconnects
	}
	for p := range w.pending {
		switch {
		case subscribe != "":
			p.cancel(&forbiddenError{w.inboxDenied + " for a call on " + p.subject})
		case p.subject == publish:
			p.cancel(&forbiddenError{"nats-server refused publishing to " + publish + " (permissions violation)"})
		}
	}
}

// quotedAfter returns the double-quoted text following marker in s, or "".
func quotedAfter(s, marker string) string {
	i := strings.Index(s, marker+"\"")
	if i < 0 {
		return ""
	}
	rest := s[i+len(marker)+1:]
	j := strings.IndexByte(rest, '"')
	if j < 0 {
		return ""
	}
	return rest[:j]
}
