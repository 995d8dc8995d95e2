// Package pathclaim holds the one rule of which output paths a build can
// write side by side: no two outputs at one path, and no path both a
// file and a folder (a/4.x written as a file while a/4.x/index.html needs
// a folder of that name), which no disk or host holds and which a build
// found only as it wrote, with the system's bare "mkdir …: file exists".
//
// A Set records each claimed path with what claimed it; Blocker says
// which claimed path keeps a new one out, and how. Its users word the
// error their own way: publish.Claims (every file a build writes),
// assemble (pages, aliases and generated pages, at their front matter
// lines) and staticset (the static files, against the pages' outputs,
// before anything is written). It does no I/O and never reports; it
// imports nothing of medkb's. A Set is not safe for concurrent use
// (publish.Claims locks around it).
package pathclaim

import (
	"iter"
	"maps"
	"path"
	"strings"
)

// Kind is how a claimed path blocks another.
type Kind int

const (
	// Same: the path itself is claimed.
	Same Kind = iota + 1
	// Folder: a folder above the path is claimed as a file (a/4.x
	// blocks a/4.x/index.html).
	Folder
	// Inside: a claimed path is inside a folder of the path's name
	// (a/4.x/index.html blocks a/4.x).
	Inside
)

// Set is a record of claimed output paths (slash-separated, relative),
// each with its owner. The zero Set is not usable: call New.
type Set[T any] struct {
	owners map[string]T
	// folders holds each folder the claimed paths are in, with the first
	// path claimed inside it (after a Remove, the first by name).
	folders map[string]string
}

// New returns an empty Set with room for n paths.
func New[T any](n int) *Set[T] {
	return &Set[T]{owners: make(map[string]T, n), folders: map[string]string{}}
}

// Blocker returns the claimed path that keeps rel from being claimed
// beside the others, and how: rel itself (Same), the first path claimed
// inside a folder named rel (Inside), or a folder above rel claimed as a
// file, the nearest (Folder). ok is false when rel can be claimed. In a
// Set whose every path was claimed only when Blocker allowed it, at most
// one of Inside and Folder holds; in one given paths that clash among
// themselves (staticset's, with drafts'), Inside is said first.
func (s *Set[T]) Blocker(rel string) (by string, kind Kind, ok bool) {
	if _, ok := s.owners[rel]; ok {
		return rel, Same, true
	}
	if inside, ok := s.folders[rel]; ok {
		return inside, Inside, true
	}
	for dir := path.Dir(rel); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if _, ok := s.owners[dir]; ok {
			return dir, Folder, true
		}
	}
	return "", 0, false
}

// Add records that owner claims rel. The caller asks Blocker first;
// Add of a path already claimed replaces its owner.
func (s *Set[T]) Add(rel string, owner T) {
	s.owners[rel] = owner
	for dir := path.Dir(rel); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if _, ok := s.folders[dir]; ok {
			break // and so are the folders above it
		}
		s.folders[dir] = rel
	}
}

// Remove takes back the claim of rel. A folder rel was the first path
// in names another claimed path in it, the first by name, or none.
func (s *Set[T]) Remove(rel string) {
	if _, ok := s.owners[rel]; !ok {
		return
	}
	delete(s.owners, rel)
	for dir := path.Dir(rel); dir != "." && dir != "/"; dir = path.Dir(dir) {
		if s.folders[dir] != rel {
			continue
		}
		next := ""
		for o := range s.owners {
			if strings.HasPrefix(o, dir+"/") && (next == "" || o < next) {
				next = o
			}
		}
		if next == "" {
			delete(s.folders, dir)
		} else {
			s.folders[dir] = next
		}
	}
}

// Owner returns what claimed rel, if anything did.
func (s *Set[T]) Owner(rel string) (T, bool) {
	o, ok := s.owners[rel]
	return o, ok
}

// All yields every claimed path and its owner, in no order.
func (s *Set[T]) All() iter.Seq2[string, T] { return maps.All(s.owners) }

// Len is the number of claimed paths.
func (s *Set[T]) Len() int { return len(s.owners) }
