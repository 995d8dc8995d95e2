package publish

import (
	"fmt"
	"slices"
	"sync"
)

// Claims records which output wrote each path, so that two outputs of a
// build can never write one file: the second claim is an error naming
// both. Safe for concurrent use.
type Claims struct {
	mu    sync.Mutex
	paths map[string]string
}

// NewClaims returns an empty record.
func NewClaims() *Claims { return &Claims{paths: map[string]string{}} }

// Claim records that by writes path; an error when something else did.
func (c *Claims) Claim(path, by string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.paths[path]; ok {
		return fmt.Errorf("%s and %s both write %s", prev, by, path)
	}
	c.paths[path] = by
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
