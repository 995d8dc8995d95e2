package importer

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestLazyRegexpsCompile compiles every expression the package declares
// with lazyRE: compiled at first use, a bad one would otherwise panic only
// when an import reaches it, not when the package is initialized. It reads
// the package's source (every lazyRE call, its argument evaluated from
// string literals, constants and other lazy expressions' String()).
func TestLazyRegexpsCompile(t *testing.T) {
	t.Parallel()
	fset := token.NewFileSet()
	names, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var files []*ast.File
	for _, e := range names {
		n := e.Name()
		if !strings.HasSuffix(n, ".go") || strings.HasSuffix(n, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, n, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	// Package-level constants and variables by name, for the evaluator.
	decls := map[string]ast.Expr{}
	for _, f := range files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || (g.Tok != token.CONST && g.Tok != token.VAR) {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						decls[n.Name] = vs.Values[i]
					}
				}
			}
		}
	}
	var eval func(e ast.Expr) (string, bool)
	eval = func(e ast.Expr) (string, bool) {
		switch e := e.(type) {
		case *ast.BasicLit:
			if e.Kind != token.STRING {
				return "", false
			}
			s, err := strconv.Unquote(e.Value)
			return s, err == nil
		case *ast.BinaryExpr:
			x, ok1 := eval(e.X)
			y, ok2 := eval(e.Y)
			return x + y, ok1 && ok2 && e.Op == token.ADD
		case *ast.ParenExpr:
			return eval(e.X)
		case *ast.Ident:
			if v, ok := decls[e.Name]; ok {
				return eval(v)
			}
		case *ast.CallExpr:
			if id, ok := e.Fun.(*ast.Ident); ok && id.Name == "lazyRE" && len(e.Args) == 1 {
				return eval(e.Args[0]) // a variable's value, asked for its String()
			}
			if sel, ok := e.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "String" && len(e.Args) == 0 {
				return eval(sel.X)
			}
		}
		return "", false
	}
	n := 0
	for _, f := range files {
		ast.Inspect(f, func(node ast.Node) bool {
			c, ok := node.(*ast.CallExpr)
			if !ok {
				return true
			}
			if id, ok := c.Fun.(*ast.Ident); !ok || id.Name != "lazyRE" || len(c.Args) != 1 {
				return true
			}
			expr, ok := eval(c.Args[0])
			if !ok {
				t.Errorf("%s: cannot evaluate lazyRE's argument here (literals, constants and String() only): declare it so, or compile it in the test", fset.Position(c.Pos()))
				return true
			}
			if _, err := regexp.Compile(expr); err != nil {
				t.Errorf("%s: %v", fset.Position(c.Pos()), err)
			}
			n++
			return true
		})
	}
	if n < 70 {
		t.Errorf("found %d lazyRE expressions, want the importer's 70 and more: is the test reading the package?", n)
	}
	t.Logf("%d lazy expressions compile", n)
}
