package hugepages

import (
	"os"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// vma is one mapping of /proc/self/smaps.
type vma struct {
	start, end uintptr
	advised    bool  // VmFlags has hg (MADV_HUGEPAGE)
	hugeKB     int64 // AnonHugePages
}

func mappings(t *testing.T) []vma {
	t.Helper()
	b, err := os.ReadFile("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	var out []vma
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) >= 5 && strings.Contains(f[0], "-") && !strings.HasSuffix(f[0], ":"):
			a, z, _ := strings.Cut(f[0], "-")
			s, _ := strconv.ParseUint(a, 16, 64)
			e, _ := strconv.ParseUint(z, 16, 64)
			out = append(out, vma{start: uintptr(s), end: uintptr(e)})
		case len(out) > 0 && len(f) >= 2 && f[0] == "AnonHugePages:":
			out[len(out)-1].hugeKB, _ = strconv.ParseInt(f[1], 10, 64)
		case len(out) > 0 && len(f) > 0 && f[0] == "VmFlags:":
			out[len(out)-1].advised = strings.Contains(" "+strings.Join(f[1:], " ")+" ", " hg ")
		}
	}
	return out
}

// advisedBytes is the size of the mappings advised for huge pages.
func advisedBytes(t *testing.T) int64 {
	n := int64(0)
	for _, m := range mappings(t) {
		if m.advised {
			n += int64(m.end - m.start)
		}
	}
	return n
}

func resident(t *testing.T) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Fields(string(b))
	pages, _ := strconv.ParseInt(f[1], 10, 64)
	return pages * int64(os.Getpagesize())
}

func faults() int64 {
	var r syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &r)
	return int64(r.Minflt)
}

// TestReserve checks, where the kernel leaves huge pages to each program,
// that Reserve advises as much heap as asked without making it resident,
// and that memory the program then allocates lies in it and is backed by
// huge pages (a few faults for 32 MiB, not 8,192); elsewhere, that it
// does nothing.
func TestReserve(t *testing.T) {
	reset()
	t.Cleanup(reset)
	if !advisable() {
		b, _ := os.ReadFile(enabledFile)
		before := advisedBytes(t)
		if Reserve(64 << 20) {
			t.Fatalf("Reserve advised memory with %s = %q", enabledFile, b)
		}
		if after := advisedBytes(t); after != before {
			t.Fatalf("advised mappings grew from %d to %d bytes with %s = %q", before, after, enabledFile, b)
		}
		return
	}
	rss := resident(t)
	if !Reserve(256 << 20) {
		t.Fatal("Reserve(256 MiB) advised nothing")
	}
	// In all, not grown by: a second run of the test (-count) finds the
	// first run's advised memory free, and Reserve's chunks land there.
	if got := advisedBytes(t); got < 256<<20 {
		t.Fatalf("advised mappings hold %d bytes; want 256 MiB at least", got)
	}
	if grew := resident(t) - rss; grew > 32<<20 {
		t.Fatalf("the resident size grew by %d MiB: the reserved memory was written", grew>>20)
	}
	if Reserve(128 << 20) {
		t.Error("Reserve(128 MiB) after Reserve(256 MiB) advised more")
	}

	f := faults()
	b := make([]byte, 32<<20)
	for i := 0; i < len(b); i += 4096 {
		b[i] = 1
	}
	n := faults() - f
	at := uintptr(unsafe.Pointer(&b[0]))
	var in *vma
	for _, m := range mappings(t) {
		if m.start <= at && at < m.end {
			in = &m
		}
	}
	if in == nil || !in.advised {
		t.Fatalf("a 32 MiB slice allocated after Reserve lies in %+v, not in advised memory", in)
	}
	if in.hugeKB == 0 || (n > 2048 && !race) {
		t.Errorf("touching 32 MiB took %d page faults, its mapping holding %d KiB of huge pages; want huge pages (16 faults, not 8,192)", n, in.hugeKB)
	}
}

// TestReserveOff checks that MEDKB_HUGEPAGES=off turns Reserve off.
func TestReserveOff(t *testing.T) {
	reset()
	t.Cleanup(reset)
	t.Setenv(Env, "off")
	before := advisedBytes(t)
	if Reserve(64 << 20) {
		t.Fatal("Reserve advised memory with MEDKB_HUGEPAGES=off")
	}
	if after := advisedBytes(t); after != before {
		t.Fatalf("advised mappings grew from %d to %d bytes with MEDKB_HUGEPAGES=off", before, after)
	}
}
