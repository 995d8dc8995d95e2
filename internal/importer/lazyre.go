package importer

import (
	"regexp"
	"sync"
)

// lazyRegexp is a regular expression compiled on its first use, not when
// the package is initialized: only `medkb import` uses the importer's
// expressions, and compiling them all at init cost every medkb process
// (a build, `medkb version`) about 3 ms and 0.95 MB of heap
// (GODEBUG=inittrace=1). Its methods are *regexp.Regexp's that the
// importer calls; TestLazyRegexpsCompile compiles every one.
type lazyRegexp struct {
	expr string
	re   func() *regexp.Regexp
}

// lazyRE is regexp.MustCompile(expr), deferred to the first use.
func lazyRE(expr string) *lazyRegexp {
	return &lazyRegexp{expr: expr, re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
}

func (r *lazyRegexp) String() string                 { return r.expr }
func (r *lazyRegexp) MatchString(s string) bool      { return r.re().MatchString(s) }
func (r *lazyRegexp) FindString(s string) string     { return r.re().FindString(s) }
func (r *lazyRegexp) FindStringIndex(s string) []int { return r.re().FindStringIndex(s) }
func (r *lazyRegexp) FindIndex(b []byte) []int       { return r.re().FindIndex(b) }
func (r *lazyRegexp) FindSubmatch(b []byte) [][]byte { return r.re().FindSubmatch(b) }
func (r *lazyRegexp) FindStringSubmatch(s string) []string {
	return r.re().FindStringSubmatch(s)
}
func (r *lazyRegexp) FindStringSubmatchIndex(s string) []int {
	return r.re().FindStringSubmatchIndex(s)
}
func (r *lazyRegexp) FindAllString(s string, n int) []string {
	return r.re().FindAllString(s, n)
}
func (r *lazyRegexp) FindAllStringIndex(s string, n int) [][]int {
	return r.re().FindAllStringIndex(s, n)
}
func (r *lazyRegexp) FindAllStringSubmatch(s string, n int) [][]string {
	return r.re().FindAllStringSubmatch(s, n)
}
func (r *lazyRegexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.re().FindAllStringSubmatchIndex(s, n)
}
func (r *lazyRegexp) ReplaceAllString(src, repl string) string {
	return r.re().ReplaceAllString(src, repl)
}
func (r *lazyRegexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return r.re().ReplaceAllStringFunc(src, repl)
}
func (r *lazyRegexp) SubexpIndex(name string) int { return r.re().SubexpIndex(name) }
