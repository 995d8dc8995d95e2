package buildcache

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLoadLeavesTheMappedCacheNotResident: decoding a loaded log touches
// every page of its file, and Load then gives those pages back
// (dropResident), so a build holds resident only the bodies it reads
// again; those still read as written. Linux's /proc/self/smaps gives the
// mapping's resident size.
func TestLoadLeavesTheMappedCacheNotResident(t *testing.T) {
	dir := t.TempDir()
	c := newTestLog(dir)
	c.Load()
	const n = 4000 // small records, about 2 KiB each: decoding touches every page
	body := strings.Repeat("x", 2000)
	for i := range n {
		c.Put(tkey(fmt.Sprint(i)), &Markdown{HTML: body + fmt.Sprint(i), Plain: fmt.Sprint(i)})
	}
	c.Save()
	file := filepath.Join(dir, "markdown.bin")
	st, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	// Given back as the decoding goes (dropEvery), and at the end.
	defer func(n int) { dropEvery = n }(dropEvery)
	dropEvery = 256 << 10
	next := newTestLog(dir)
	next.Load()
	resident, found := mappedRSS(t, file)
	if !found {
		t.Fatalf("%s is not mapped after Load", file)
	}
	if resident > st.Size()/10 {
		t.Errorf("%d KiB of the %d KiB cache resident after Load; want under a tenth", resident>>10, st.Size()>>10)
	}
	for _, k := range []int{0, n / 2, n - 1} {
		got, ok := next.Get(tkey(fmt.Sprint(k)))
		if !ok || got.HTML != body+fmt.Sprint(k) || got.Plain != fmt.Sprint(k) {
			t.Fatalf("record %d after Load: %v, %q", k, ok, got.Plain)
		}
	}
	if again, _ := mappedRSS(t, file); again <= resident {
		t.Errorf("reading three bodies left %d bytes resident (%d before): the test cannot see pages come back", again, resident)
	}
	for k := range n {
		if got, ok := next.Get(tkey(fmt.Sprint(k))); !ok || got.HTML != body+fmt.Sprint(k) {
			t.Fatalf("record %d reads back wrong after its pages were given back", k)
		}
	}
}

// mappedRSS sums the resident bytes of the process's mappings of file.
func mappedRSS(t *testing.T, file string) (int64, bool) {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var sum int64
	var in, found bool
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			in = len(fields) >= 6 && fields[len(fields)-1] == file
			found = found || in
		case in && len(fields) == 3 && fields[0] == "Rss:":
			kb, err := strconv.ParseInt(fields[1], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			sum += kb << 10
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return sum, found
}
