package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
)

// machine describes the computer the benchmark ran on.
type machine struct {
	CPUs     int
	OS, Arch string
	CPUModel string
	MemoryKB int64
	Load     string // /proc/loadavg at start: other work skews the numbers
}

func thisMachine() machine {
	m := machine{CPUs: runtime.NumCPU(), OS: runtime.GOOS, Arch: runtime.GOARCH, CPUModel: "unknown", Load: "unknown"}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		m.CPUModel = cpuModel(f)
		f.Close()
	}
	if f, err := os.Open("/proc/meminfo"); err == nil {
		m.MemoryKB = memTotalKB(f)
		f.Close()
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(b)); len(f) >= 3 {
			m.Load = strings.Join(f[:3], " ")
		}
	}
	return m
}

// cpuModel returns the first "model name" of a /proc/cpuinfo.
func cpuModel(r io.Reader) string {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if ok && strings.TrimSpace(key) == "model name" {
			return strings.TrimSpace(value)
		}
	}
	return "unknown"
}

// memTotalKB returns MemTotal from a /proc/meminfo, or 0.
func memTotalKB(r io.Reader) int64 {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) >= 2 && f[0] == "MemTotal:" {
			n, _ := strconv.ParseInt(f[1], 10, 64)
			return n
		}
	}
	return 0
}

func (m machine) String() string {
	mem := "unknown"
	if m.MemoryKB > 0 {
		mem = fmt.Sprintf("%.1f GiB", float64(m.MemoryKB)/(1<<20))
	}
	return fmt.Sprintf("%d CPUs, %s/%s, %s, %s memory, load average %s", m.CPUs, m.OS, m.Arch, m.CPUModel, mem, m.Load)
}
