package publish

import (
	"fmt"
	"path"
	"slices"
	"sync"
)

// Claims records which output wrote each path, so that two outputs of a
// build can never write one file, nor one write a file where another
// needs a folder (a/4.x and a/4.x/index.html): the second claim is an
// error naming both, before anything is written (the folder clash was
// the system's bare "mkdir …: file exists"). Safe for concurrent use.
type Claims struct {
	mu    sync.Mutex
	paths map[string]string
	// folders holds each folder the claimed paths are in, with the first
	// path claimed inside it.
	folders map[string]string
}

// NewClaims returns an empty record.
func NewClaims() *Claims { return &Claims{paths: map[string]string{}, folders: map[string]string{}} }

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
	if prev, ok := c.paths[rel]; ok {
		return fmt.Errorf("%s and %s both write %s", prev, by, rel)
	}
	for dir := path.Dir(rel); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if prev, ok := c.paths[dir]; ok {
			return &FolderClash{File: dir, FileBy: prev, Inside: rel, InsideBy: by}
		}
	}
	if inside, ok := c.folders[rel]; ok {
		return &FolderClash{File: rel, FileBy: by, Inside: inside, InsideBy: c.paths[inside]}
	}
	c.paths[rel] = by
	for dir := path.Dir(rel); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if _, ok := c.folders[dir]; ok {
			break // and so are the folders above it
		}
		c.folders[dir] = rel
	}
	return nil
}

// Owner returns what claimed path, if anything did.
func (c *Claims) Owner(path string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	by, ok := c.paths[path]
	return by, ok
}

// Paths returns every claimed path, sorted.
func (c *Claims) Paths() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, 0, len(c.paths))
	for p := range c.paths {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}
