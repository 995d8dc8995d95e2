package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// sample is what one timed command costs and what it leaves behind.
type sample struct {
	Wall       time.Duration
	CPU        time.Duration // user + system, the process and its waited-for children
	SysCPU     time.Duration // of CPU, the system (kernel) time: creating and reading files, page faults
	SysKnown   bool          // SysCPU was measured (runs saved before it was have none)
	MaxRSSKB   int64         // peak resident set of the largest process, in KiB
	Files      int           // files under the output folder
	Bytes      int64         // bytes under the output folder
	IndexBytes int64         // bytes of the search index
	IndexGzip  int64         // the same, each file gzip-compressed (level 6) as a server would send it
	IndexBuild time.Duration // time spent building the search index (medkb: its phase; Pagefind: its run)
	output     string        // what the command printed
}

// run executes name with args in dir and measures it. The error carries the
// tail of the command's output.
func run(ctx context.Context, dir, name string, args ...string) (sample, error) {
	return runCapped(ctx, 0, dir, name, args...)
}

// runCapped is run, killing the command if its resident set grows past
// capKB (0: no cap); the error is then a *memCapError.
func runCapped(ctx context.Context, capKB int64, dir, name string, args ...string) (sample, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Start()
	if err == nil {
		w := watchRSS(cmd.Process, capKB)
		err = cmd.Wait()
		if capErr := w.stop(); capErr != nil {
			err = capErr
		}
	}
	s := sample{Wall: time.Since(start), output: out.String()}
	if ps := cmd.ProcessState; ps != nil {
		s.CPU = ps.UserTime() + ps.SystemTime()
		s.SysCPU, s.SysKnown = ps.SystemTime(), true
		s.MaxRSSKB = maxRSSKB(ps)
	}
	var capErr *memCapError
	if errors.As(err, &capErr) {
		capErr.PeakKB = max(capErr.PeakKB, s.MaxRSSKB)
		return s, capErr
	}
	if err != nil {
		return s, &commandError{Command: filepath.Base(name) + " " + strings.Join(args, " "), Err: err, Output: out.String()}
	}
	return s, nil
}

// commandError is a measured command that failed, with what it printed.
type commandError struct {
	Command string
	Err     error
	Output  string
}

func (e *commandError) Error() string {
	return fmt.Sprintf("%s: %v: %s", e.Command, e.Err, tail(e.Output, 600))
}

func (e *commandError) Unwrap() error { return e.Err }

// failure is the one-line reason a table shows for err: for a command that
// failed, its name, its exit status and the last lines it printed (where a
// build says why it stopped; a medkb --trace prints its phases first), not
// the first line of its output.
func failure(err error) string {
	var cmdErr *commandError
	if !errors.As(err, &cmdErr) {
		return tail(firstLine(err.Error(), nil), 200)
	}
	lines := strings.Split(strings.TrimSpace(cmdErr.Output), "\n")
	lines = lines[max(0, len(lines)-3):]
	for i := range lines {
		lines[i] = strings.TrimSpace(lines[i])
	}
	name, _, _ := strings.Cut(cmdErr.Command, " ")
	return fmt.Sprintf("%s: %v: %s", name, cmdErr.Err, tail(strings.Join(lines, " / "), 300))
}

// tail returns the last n bytes of s, trimmed.
func tail(s string, n int) string {
	s = strings.TrimSpace(s)
	if len(s) > n {
		s = "…" + s[len(s)-n:]
	}
	return s
}

// dirStats counts the files and bytes under dir whose slash path (relative
// to dir) keep accepts; a nil keep accepts all. A missing dir counts zero.
func dirStats(dir string, keep func(rel string) bool) (files int, size int64, err error) {
	err = filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			if name == dir && errors.Is(err, fs.ErrNotExist) {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, name)
		if keep != nil && !keep(filepath.ToSlash(rel)) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		files++
		size += info.Size()
		return nil
	})
	return files, size, err
}

// medkbIndexFile reports whether a file under public/search/ belongs to the
// search index rather than to the browser code or the search page.
func medkbIndexFile(rel string) bool {
	ext := filepath.Ext(rel)
	return !slices.Contains([]string{".js", ".mjs", ".html", ".css"}, ext)
}

// median returns the median of xs (the mean of the middle two for an even
// count); xs is not modified. It panics on an empty slice.
func median[T int | int64 | float64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 1 {
		return s[m]
	}
	return (s[m-1] + s[m]) / 2
}

// medianSample takes the median of every field separately.
func medianSample(ss []sample) sample {
	pick := func(f func(sample) int64) int64 {
		xs := make([]int64, len(ss))
		for i, s := range ss {
			xs[i] = f(s)
		}
		return median(xs)
	}
	return sample{
		Wall:       time.Duration(pick(func(s sample) int64 { return int64(s.Wall) })),
		CPU:        time.Duration(pick(func(s sample) int64 { return int64(s.CPU) })),
		SysCPU:     time.Duration(pick(func(s sample) int64 { return int64(s.SysCPU) })),
		SysKnown:   len(ss) > 0 && !slices.ContainsFunc(ss, func(s sample) bool { return !s.SysKnown }),
		MaxRSSKB:   pick(func(s sample) int64 { return s.MaxRSSKB }),
		Files:      int(pick(func(s sample) int64 { return int64(s.Files) })),
		Bytes:      pick(func(s sample) int64 { return s.Bytes }),
		IndexBytes: pick(func(s sample) int64 { return s.IndexBytes }),
		IndexGzip:  pick(func(s sample) int64 { return s.IndexGzip }),
		IndexBuild: time.Duration(pick(func(s sample) int64 { return int64(s.IndexBuild) })),
	}
}

// plus is the cost of running a and then b: times add, memory is the larger.
func (a sample) plus(b sample) sample {
	return sample{Wall: a.Wall + b.Wall, CPU: a.CPU + b.CPU, SysCPU: a.SysCPU + b.SysCPU, SysKnown: a.SysKnown && b.SysKnown, MaxRSSKB: max(a.MaxRSSKB, b.MaxRSSKB),
		Files: b.Files, Bytes: b.Bytes, IndexBytes: b.IndexBytes, IndexGzip: b.IndexGzip, IndexBuild: b.IndexBuild}
}
