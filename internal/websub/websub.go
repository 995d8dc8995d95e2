// Package websub tells a WebSub hub (W3C WebSub, section 7, the publish
// notification most hubs accept) that feeds have changed, so that
// subscribers get new items within seconds instead of at their next poll.
//
// Changed compares the bytes of each built feed with the hashes a previous
// successful ping recorded, and Notify POSTs
// "hub.mode=publish&hub.url=<feed URL>" for each changed feed, retrying a
// network error or a 5xx or 429 answer with exponential backoff. A feed
// whose notification finally fails keeps its old hash, so the next ping
// sends it again; an unchanged feed is never sent twice.
//
// The package reads the feeds it is given and its state file, talks only to
// the hub URL it is given, and imports no other medkb package. It has no
// package-level mutable state; a Notifier is safe for concurrent use when
// its Client is.
package websub

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// State is what the last successful pings recorded: the hub and the hash
// of each feed's bytes, by feed URL.
type State struct {
	Hub    string            `json:"hub"`
	Hashes map[string]string `json:"hashes"`
}

// LoadState reads a state file; a missing file is an empty state.
func LoadState(path string) (State, error) {
	st := State{Hashes: map[string]string{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return st, fmt.Errorf("websub: %w", err)
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return State{Hashes: map[string]string{}}, fmt.Errorf("websub: %s is damaged (%v); delete it to notify the hub of every feed again", path, err)
	}
	if st.Hashes == nil {
		st.Hashes = map[string]string{}
	}
	return st, nil
}

// Save writes the state file atomically (through a temporary file).
func (st State) Save(path string) error {
	b, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("websub: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("websub: %w", err)
	}
	return os.Rename(tmp, path)
}

// Hash is the content hash recorded for a feed.
func Hash(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

// Changed returns the URLs of feeds (URL → current bytes) whose hash
// differs from st's, sorted; all of them when st names another hub.
func Changed(st State, hub string, feeds map[string][]byte) []string {
	var out []string
	for u, data := range feeds {
		if st.Hub != hub || st.Hashes[u] != Hash(data) {
			out = append(out, u)
		}
	}
	slices.Sort(out)
	return out
}

// Notifier sends publish notifications to one hub.
type Notifier struct {
	Hub     string       // absolute http(s) URL of the hub
	Client  *http.Client // nil means a client with a 30 s timeout
	Retries int          // further attempts after a failed one (default 3)
	Backoff time.Duration
	// Backoff is the wait before the first retry, doubled each time
	// (default 1 s).
}

// Error is a notification the hub did not accept after every attempt.
type Error struct {
	Hub, Topic string
	Attempts   int
	Status     string // the hub's last HTTP status, "" after a network error
	Body       string // the start of the hub's last answer
	Err        error  // the last network error, if any
}

func (e *Error) Error() string {
	what := e.Status
	if e.Err != nil {
		what = e.Err.Error()
	}
	if e.Body != "" {
		what += ": " + e.Body
	}
	return fmt.Sprintf("websub: hub %s did not accept the update of %s after %d attempts (%s); check feeds.websub_hub in medkb.yaml and run medkb ping again",
		e.Hub, e.Topic, e.Attempts, what)
}

func (e *Error) Unwrap() error { return e.Err }

// Notify sends one publish notification per topic, in order, and returns
// the topics the hub accepted (any 2xx answer) and an error joining an
// *Error for each topic it did not.
func (n *Notifier) Notify(ctx context.Context, topics []string) ([]string, error) {
	if u, err := url.Parse(n.Hub); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("websub: hub %q is not an http(s) URL; set feeds.websub_hub in medkb.yaml", n.Hub)
	}
	var ok []string
	var errs []error
	for _, t := range topics {
		if err := n.notify(ctx, t); err != nil {
			if ctx.Err() != nil {
				return ok, errors.Join(append(errs, ctx.Err())...)
			}
			errs = append(errs, err)
			continue
		}
		ok = append(ok, t)
	}
	return ok, errors.Join(errs...)
}

func (n *Notifier) notify(ctx context.Context, topic string) error {
	client := n.Client
	if client == nil {
		client = &http.Client{Timeout: 30 * time.Second}
	}
	retries, wait := n.Retries, n.Backoff
	if retries == 0 {
		retries = 3
	}
	if wait == 0 {
		wait = time.Second
	}
	form := url.Values{"hub.mode": {"publish"}, "hub.url": {topic}}.Encode()
	last := &Error{Hub: n.Hub, Topic: topic}
	for attempt := 1; attempt <= retries+1; attempt++ {
		last.Attempts = attempt
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, n.Hub, strings.NewReader(form))
		if err != nil {
			return err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := client.Do(req)
		if err == nil {
			body, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
			resp.Body.Close()
			if resp.StatusCode/100 == 2 {
				return nil
			}
			last.Status, last.Body, last.Err = resp.Status, strings.TrimSpace(string(body)), nil
			if resp.StatusCode/100 == 4 && resp.StatusCode != http.StatusTooManyRequests {
				return last // the hub refuses the request itself: retrying cannot help
			}
		} else {
			last.Status, last.Body, last.Err = "", "", err
		}
		if attempt <= retries {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(wait):
			}
			wait *= 2
		}
	}
	return last
}

// Ping notifies the hub of every feed (URL → bytes) that changed since the
// pings recorded in the state file at statePath, and records the feeds the
// hub accepted. It returns the URLs it found changed; the error joins the
// notifications the hub did not accept, which the next Ping sends again.
func (n *Notifier) Ping(ctx context.Context, statePath string, feeds map[string][]byte) ([]string, error) {
	st, err := LoadState(statePath)
	if err != nil {
		return nil, err
	}
	changed := Changed(st, n.Hub, feeds)
	if len(changed) == 0 {
		return nil, nil
	}
	ok, notifyErr := n.Notify(ctx, changed)
	if st.Hub != n.Hub {
		st = State{Hub: n.Hub, Hashes: map[string]string{}}
	}
	for _, u := range ok {
		st.Hashes[u] = Hash(feeds[u])
	}
	if err := st.Save(statePath); err != nil {
		return changed, errors.Join(notifyErr, err)
	}
	return changed, notifyErr
}
