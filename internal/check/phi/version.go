package phi

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"runtime"
	"slices"
	"sync"
)

// scanner is this package's code: what Scan's findings are made by.
//
//go:embed detect.go facts.go mask.go names.go phi.go
var scanner embed.FS

// Version names the scanner: a hash of this package's code (not its
// tests), so that it changes whenever the code does. A build caches each
// file's findings with its parsed front matter (package buildcache) and
// keys that cache with Version: findings made by an older scanner are
// never trusted, and nobody has to remember to bump a number. Scan also
// depends on the standard library (regexp, the unicode tables): the Go
// release that compiled medkb is hashed too.
var Version = sync.OnceValue(func() string {
	h := sha256.New()
	h.Write([]byte(runtime.Version()))
	h.Write([]byte{0})
	names, err := fs.Glob(scanner, "*.go")
	if err != nil {
		panic(err) // the embedded names are fixed at compile time
	}
	slices.Sort(names)
	for _, name := range names {
		b, err := scanner.ReadFile(name)
		if err != nil {
			panic(err)
		}
		h.Write([]byte(name))
		h.Write([]byte{0})
		h.Write(b)
	}
	return "phi-" + hex.EncodeToString(h.Sum(nil))[:16]
})
