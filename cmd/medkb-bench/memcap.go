package main

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// memCapError says that a command was stopped for holding more memory than
// the bench's cap (-mem-cap): the size it was building does not fit.
type memCapError struct {
	CapKB, PeakKB int64
	After         time.Duration
}

func (e *memCapError) Error() string {
	return fmt.Sprintf("did not complete under %s: stopped at %s resident after %s",
		bytesStr(e.CapKB*1024), bytesStr(e.PeakKB*1024), durStr(e.After.Round(time.Second)))
}

// rssWatch polls the resident set of a running process and its children
// (Linux /proc; elsewhere it sees nothing and never stops the process) and
// kills them when their sum exceeds the cap. A kill is a clean failure of that command only: the
// bench goes on with its next step.
type rssWatch struct {
	capKB int64
	start time.Time
	done  chan struct{}
	wg    sync.WaitGroup
	mu    sync.Mutex
	peak  int64
	hit   bool
}

// rssPoll is how often the watch reads the resident set: a Go program
// grows by at most a few hundred MiB in that time.
const rssPoll = 100 * time.Millisecond

// watchRSS starts watching p; capKB 0 watches nothing.
func watchRSS(p *os.Process, capKB int64) *rssWatch {
	w := &rssWatch{capKB: capKB, start: time.Now(), done: make(chan struct{})}
	if capKB <= 0 {
		return w
	}
	w.wg.Go(func() {
		t := time.NewTicker(rssPoll)
		defer t.Stop()
		for {
			select {
			case <-w.done:
				return
			case <-t.C:
			}
			pids := processTree(p.Pid)
			var kb int64
			for _, pid := range pids {
				if data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid)); err == nil {
					kb += vmRSSKB(data)
				} // else: not Linux, or the process is exiting
			}
			w.mu.Lock()
			w.peak = max(w.peak, kb)
			over := kb > w.capKB && !w.hit
			w.hit = w.hit || over
			w.mu.Unlock()
			if over {
				for _, pid := range pids[1:] {
					if c, err := os.FindProcess(pid); err == nil {
						c.Kill()
					}
				}
				p.Kill()
			}
		}
	})
	return w
}

// processTree returns pid and its descendants (Linux /proc), pid first: a
// wrapper script's program counts with it, as Pagefind's npm launcher
// runs the real binary as its child.
func processTree(pid int) []int {
	out := []int{pid}
	for i := 0; i < len(out); i++ {
		tasks, _ := os.ReadDir(fmt.Sprintf("/proc/%d/task", out[i]))
		for _, t := range tasks {
			data, err := os.ReadFile(fmt.Sprintf("/proc/%d/task/%s/children", out[i], t.Name()))
			if err != nil {
				continue
			}
			for _, f := range strings.Fields(string(data)) {
				if c, err := strconv.Atoi(f); err == nil && !slices.Contains(out, c) {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

// stop ends the watch and returns the error to report when the watch
// killed the process, else nil.
func (w *rssWatch) stop() error {
	close(w.done)
	w.wg.Wait()
	w.mu.Lock()
	defer w.mu.Unlock()
	if !w.hit {
		return nil
	}
	return &memCapError{CapKB: w.capKB, PeakKB: w.peak, After: time.Since(w.start)}
}

// vmRSSKB reads the VmRSS line of a /proc/PID/status file, in KiB; 0 when
// it has none.
func vmRSSKB(status []byte) int64 {
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		rest, ok := bytes.CutPrefix(sc.Bytes(), []byte("VmRSS:"))
		if !ok {
			continue
		}
		f := bytes.Fields(rest)
		if len(f) == 0 {
			return 0
		}
		n, _ := strconv.ParseInt(string(f[0]), 10, 64)
		return n
	}
	return 0
}
