package serve

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/medkb/medkb/internal/watch"
)

// buildJob is a rebuild running in its own goroutine.
type buildJob struct {
	changes []watch.Change
	cancel  context.CancelFunc
	done    chan struct{} // closed when the build has returned
	applied bool          // whether its result was published; valid after done
}

// rebuildLoop turns the watcher's batches into builds until ctx is done or
// the watcher closes. A batch arriving while a build runs cancels that
// build, waits for it, and starts one covering both batches.
func (s *Server) rebuildLoop(ctx context.Context, w *watch.Watcher) {
	var cur *buildJob
	defer func() {
		if cur != nil {
			cur.cancel()
			<-cur.done
		}
	}()
	watchErrs := w.Errors()
	for {
		var curDone <-chan struct{}
		if cur != nil {
			curDone = cur.done
		}
		select {
		case <-ctx.Done():
			return
		case err, ok := <-watchErrs:
			if !ok {
				watchErrs = nil
				continue
			}
			s.opts.Logf("watch: %v", err)
		case batch, ok := <-w.Batches():
			if !ok {
				return
			}
			if cur != nil {
				cur.cancel()
				<-cur.done
				if !cur.applied {
					batch = mergeChanges(cur.changes, batch)
				}
			}
			cur = s.startBuild(ctx, batch)
		case <-curDone:
			cur = nil
		}
	}
}

func (s *Server) startBuild(ctx context.Context, changes []watch.Change) *buildJob {
	ctx, cancel := context.WithCancel(ctx)
	job := &buildJob{changes: changes, cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(job.done)
		defer cancel()
		job.applied = s.rebuild(ctx, changes)
	}()
	return job
}

// rebuild runs one build (a full one when changes is nil) and publishes its
// outcome. It reports false, publishing nothing, when ctx was cancelled
// during the build: its result may be stale.
func (s *Server) rebuild(ctx context.Context, changes []watch.Change) bool {
	start := time.Now()
	site, err := s.builder.Build(ctx, changedPaths(changes))
	if ctx.Err() != nil {
		return false
	}
	if err == nil && site == nil {
		err = errors.New("builder returned no site")
	}
	if err != nil {
		s.fail(err)
		return true
	}
	s.succeed(site, changes, time.Since(start))
	return true
}

// fail keeps the last good site, records the messages and reports them to
// the terminal and to browsers.
func (s *Server) fail(err error) {
	msgs := errorMessages(err)
	prev := s.state.Load()
	s.state.Store(&buildState{site: prev.site, errors: msgs, warnings: prev.warnings})
	if prev.site == nil {
		// No build has succeeded yet: every page answers with the errors.
		s.opts.Logf("build failed; no site to serve until it is fixed (every page shows the errors):\n  %s", strings.Join(msgs, "\n  "))
	} else {
		s.opts.Logf("build failed; still serving the last good site:\n  %s", strings.Join(msgs, "\n  "))
	}
	s.hub.publish(errorEvent(msgs))
}

// succeed swaps in the new site and tells browsers how to catch up: "ok"
// first if the previous build had failed, then "css" when only stylesheets
// changed since a good build, else "reload".
func (s *Server) succeed(site fs.FS, changes []watch.Change, took time.Duration) {
	var warns []Warning
	wr, warner := s.builder.(Warner)
	base := strings.TrimSuffix(basePathOf(site), "/")
	if warner {
		warns = wr.Warnings()
		if base != "" {
			// The browser matches them against its own address, which
			// has the path the site is served under.
			warns = slices.Clone(warns)
			for i := range warns {
				if warns[i].URL != "" {
					warns[i].URL = base + warns[i].URL
				}
			}
		}
	}
	prev := s.state.Swap(&buildState{site: site, warnings: warns})
	s.opts.Logf("%s in %s%s", builtVerb(changes), formatMillis(took), countChanges(changes))
	if warner {
		// Before the reload: the reloaded page gets them on connecting.
		s.reportWarnings(warns, prev.warnings)
	}
	if prev.errors != nil {
		s.hub.publish(event{name: "ok", data: "{}"})
	}
	if urls, ok := stylesheetURLs(changes); ok && prev.errors == nil {
		for i := range urls {
			urls[i] = base + urls[i]
		}
		s.hub.publish(event{name: "css", data: mustJSON(urls)})
		return
	}
	s.hub.publish(event{name: "reload", data: "{}"})
}

// changedPaths lists the paths of changes; nil (a full build) only when
// changes is nil.
func changedPaths(changes []watch.Change) []string {
	if changes == nil {
		return nil
	}
	paths := make([]string, len(changes))
	for i, c := range changes {
		paths[i] = c.Path
	}
	return paths
}

// mergeChanges combines two batches, keeping each path once, sorted.
func mergeChanges(a, b []watch.Change) []watch.Change {
	ops := make(map[string]watch.Op, len(a)+len(b))
	for _, c := range slices.Concat(a, b) {
		ops[c.Path] |= c.Op
	}
	merged := make([]watch.Change, 0, len(ops))
	for _, p := range slices.Sorted(maps.Keys(ops)) {
		merged = append(merged, watch.Change{Path: p, Op: ops[p]})
	}
	return merged
}

// stylesheetURLs returns the URL paths of the changed stylesheets when the
// batch only creates or edits .css files that are copied to the output as
// they are (below static/ or themes/<name>/static/). Removals and renames
// need a full reload.
func stylesheetURLs(changes []watch.Change) ([]string, bool) {
	if len(changes) == 0 {
		return nil, false
	}
	urls := make([]string, 0, len(changes))
	for _, c := range changes {
		if c.Op.Has(watch.Remove|watch.Rename) || !strings.EqualFold(path.Ext(c.Path), ".css") {
			return nil, false
		}
		u, ok := staticURL(c.Path)
		if !ok {
			return nil, false
		}
		urls = append(urls, u)
	}
	return urls, true
}

// staticURL maps a source file that is copied verbatim to the URL path it is
// served at: static/css/a.css and themes/x/static/css/a.css → /css/a.css.
func staticURL(p string) (string, bool) {
	if rest, ok := strings.CutPrefix(p, "static/"); ok {
		return "/" + rest, true
	}
	if rest, ok := strings.CutPrefix(p, "themes/"); ok {
		_, inTheme, _ := strings.Cut(rest, "/")
		if rest, ok := strings.CutPrefix(inTheme, "static/"); ok {
			return "/" + rest, true
		}
	}
	return "", false
}

// errorMessages splits a build error into its non-blank lines, one problem
// each.
func errorMessages(err error) []string {
	var msgs []string
	for line := range strings.Lines(err.Error()) {
		if line = strings.TrimRight(line, "\r\n"); strings.TrimSpace(line) != "" {
			msgs = append(msgs, line)
		}
	}
	if msgs == nil {
		msgs = []string{"build failed"}
	}
	return msgs
}

func errorEvent(msgs []string) event {
	return event{name: "error", data: mustJSON(struct {
		Messages []string `json:"messages"`
	}{msgs})}
}

// mustJSON encodes values that always encode (strings and slices of them).
// encoding/json escapes <, > and &, and never emits a newline, so the result
// is safe as a single SSE data line.
func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("serve: encoding %T: %v", v, err))
	}
	return string(b)
}

func builtVerb(changes []watch.Change) string {
	if changes == nil {
		return "built"
	}
	return "rebuilt"
}

func countChanges(changes []watch.Change) string {
	switch len(changes) {
	case 0:
		return ""
	case 1:
		return " (1 change)"
	default:
		return fmt.Sprintf(" (%d changes)", len(changes))
	}
}

// formatMillis prints a duration in milliseconds, with one decimal below 10.
func formatMillis(d time.Duration) string {
	ms := float64(d) / float64(time.Millisecond)
	if ms < 10 {
		return fmt.Sprintf("%.1f ms", ms)
	}
	return fmt.Sprintf("%.0f ms", ms)
}
