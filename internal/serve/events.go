package serve

import (
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"
)

const (
	// keepAliveInterval spaces the comments that keep idle event streams
	// open through proxies and let the server notice gone clients.
	keepAliveInterval = 15 * time.Second
	// retryMillis is how long browsers wait before reconnecting.
	retryMillis = 500
	// subscriberBuffer is how many events a slow client may lag behind;
	// further events are dropped for it.
	subscriberBuffer = 16
)

// event is one Server-Sent Event. data must be a single line.
type event struct {
	name string
	data string
}

// hub fans events out to the connected browsers. It remembers the error
// event of a failing build and replays it to browsers that connect before
// the next good build, so a freshly loaded page shows the error too; and
// the last warnings event, replayed to every browser that connects.
type hub struct {
	mu      sync.Mutex
	subs    map[chan event]struct{}
	failure *event // the last "error" event, until an "ok" clears it
	warned  *event // the last "warnings" event
}

func newHub() *hub { return &hub{subs: make(map[chan event]struct{})} }

// subscribe registers a browser. The returned function unregisters it.
func (h *hub) subscribe() (<-chan event, func()) {
	ch := make(chan event, subscriberBuffer)
	h.mu.Lock()
	defer h.mu.Unlock()
	h.subs[ch] = struct{}{}
	if h.warned != nil {
		ch <- *h.warned
	}
	if h.failure != nil {
		ch <- *h.failure
	}
	return ch, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		delete(h.subs, ch)
	}
}

// publish sends ev to every subscriber without blocking on slow ones.
func (h *hub) publish(ev event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch ev.name {
	case "error":
		h.failure = &ev
	case "ok":
		h.failure = nil
	case "warnings":
		h.warned = &ev
	}
	for ch := range h.subs {
		select {
		case ch <- ev:
		default: // the client is not keeping up; it has reloads pending anyway
		}
	}
}

// serveEvents streams build events to one browser until it disconnects or
// the server shuts down.
func (s *Server) serveEvents(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		methodNotAllowed(w, http.MethodGet)
		return
	}
	events, unsubscribe := s.hub.subscribe()
	defer unsubscribe()

	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	stream := eventStream{w: w, rc: http.NewResponseController(w)}
	if !stream.send("retry: %d\n\n", retryMillis) {
		return
	}

	keepAlive := time.NewTicker(keepAliveInterval)
	defer keepAlive.Stop()
	for {
		ok := true
		select {
		case <-r.Context().Done():
			return
		case <-s.stopping:
			return
		case <-keepAlive.C:
			ok = stream.send(": keep-alive\n\n")
		case ev := <-events:
			ok = stream.send("event: %s\ndata: %s\n\n", ev.name, ev.data)
		}
		if !ok {
			return
		}
	}
}

// eventStream writes Server-Sent Events, flushing each one.
type eventStream struct {
	w  io.Writer
	rc *http.ResponseController
}

// send writes and flushes one chunk of the stream and reports whether the
// client is still there.
func (e eventStream) send(format string, args ...any) bool {
	if _, err := fmt.Fprintf(e.w, format, args...); err != nil {
		return false
	}
	return e.rc.Flush() == nil
}
