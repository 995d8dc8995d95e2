package publish

import (
	"fmt"
	"slices"
	"sync"

	"github.com/medkb/medkb/internal/pathclaim"
)

// Claims records which output wrote each path, so that two outputs of a
// build can never write one file, nor one write a file where another
// needs a folder (a/4.x and a/4.x/index.html): the second claim is an
// error naming both, before anything is written (the folder clash was
// the system's bare "mkdir …: file exists"). Safe for concurrent use.
type Claims struct {
	mu  sync.Mutex
	set *pathclaim.Set[string] // path → what wrote it; the rule is pathclaim's
}

// NewClaims returns an empty record.
func NewClaims() *Claims { return &Claims{set: pathclaim.New[string](0)} }

// FolderClash is the error of a claim that makes one path both a file
// and a folder: File, written by FileBy, is the name of the folder that
// Inside, written by InsideBy, is in.
type FolderClash struct {
	File, FileBy     string
	Inside, InsideBy string
}

func (e *FolderClash) Error() string {
	return fmt.Sprintf("%s writes %s as a file, but %s writes %s inside a folder of that name: one path cannot be both a file and a folder",
		e.FileBy, e.File, e.InsideBy, e.Inside)
}

// Claim records that by writes rel; an error when something else did,
// or when rel is inside a folder whose name something else writes as a
// file, or is a file named as a folder something else writes in (a
// *FolderClash).
func (c *Claims) Claim(rel, by string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch other, kind, ok := c.set.Blocker(rel); {
	case !ok:
		c.set.Add(rel, by)
		return nil
	case kind == pathclaim.Same:
		prev, _ := c.set.Owner(rel)
		return fmt.Errorf("%s and %s both write %s", prev, by, rel)
	case kind == pathclaim.Folder:
		prev, _ := c.set.Owner(other)
		return &FolderClash{File: other, FileBy: prev, Inside: rel, InsideBy: by}
	default:
		prev, _ := c.set.Owner(other)
		return &FolderClash{File: rel, FileBy: by, Inside: other, InsideBy: prev}
	}
}

// Owner returns what claimed path, if anything did.
func (c *Claims) Owner(path string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.set.Owner(path)
}

// Paths returns every claimed path, sorted.
func (c *Claims) Paths() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, 0, c.set.Len())
	for p := range c.set.All() {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
