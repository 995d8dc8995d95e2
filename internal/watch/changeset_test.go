package watch

import (
	"slices"
	"testing"
)

func TestChangeSetMergesAndSorts(t *testing.T) {
	a := changeSet{}
	a.add("content/b.md", Create)
	a.add("content/b.md", Write)
	a.add("content/a.md", Write)
	b := changeSet{}
	b.add("content/b.md", Remove)
	b.add("content/0.md", Rename)
	a.merge(b)

	want := []Change{
		{"content/0.md", Rename},
		{"content/a.md", Write},
		{"content/b.md", Create | Write | Remove},
	}
	if got := a.sorted(); !slices.Equal(got, want) {
		t.Errorf("sorted() = %v, want %v", got, want)
	}
}

func TestOpString(t *testing.T) {
	tests := []struct {
		op   Op
		want string
	}{
		{0, "NONE"},
		{Create, "CREATE"},
		{Create | Remove, "CREATE|REMOVE"},
		{Create | Write | Remove | Rename, "CREATE|WRITE|REMOVE|RENAME"},
	}
	for _, tt := range tests {
		if got := tt.op.String(); got != tt.want {
			t.Errorf("Op(%d).String() = %q, want %q", tt.op, got, tt.want)
		}
	}
}
