// Package schema declares the shape of every file a medkb writer types —
// article, section, home and trust-page front matter, medkb.yaml and each
// data/*.yaml file — once, and derives from that one declaration both the
// validation medkb runs and the JSON Schema files editors use.
//
// Contract:
//   - A Doc's tree is derived by reflection from the Go struct the file
//     decodes into (its yaml tags name the keys) plus a table of
//     annotations (description, required, enum, format, pattern). A struct
//     field without an annotation is an error from Derive and a failing
//     package test, so a key added to page.Meta or config.Config is
//     validated at once and cannot reach a release without a description
//     in the published schema.
//   - Validate walks a parsed yaml.Node and reports, as positioned
//     diagnostics (file:line:col): unknown keys with a did-you-mean (edit
//     distance, ignoring case, "_" and "-") or, for another tool's name
//     (Hugo's publishDate, Jekyll's published…), what medkb uses instead;
//     values of the wrong type naming the key and the expected type; empty
//     required values; values outside an enum. It never stops at the first
//     problem.
//   - JSON renders a Doc as a JSON Schema (draft-07) document; the
//     same tree, so what an editor flags is what medkb flags.
//
// The package reads no files and keeps no mutable state; Docs are
// immutable after Derive and safe for concurrent use.
package schema

import (
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Type is the type of a value in a document.
type Type int

// Value types.
const (
	Any Type = iota
	String
	Bool
	Int
	Number
	Date
	List
	Map    // a mapping whose keys are free (authors.yaml ids, headers)
	Object // a mapping with declared keys
)

// Name is how messages name a type: "a string", "a list of strings".
func (n *Node) Name() string {
	switch n.Type {
	case String:
		if len(n.Enum) > 0 {
			return "one of " + strings.Join(n.Enum, ", ")
		}
		return "a string"
	case Bool:
		return "true or false"
	case Int:
		return "a whole number"
	case Number:
		return "a number"
	case Date:
		return "a date (YYYY-MM-DD)"
	case List:
		if n.ScalarOK {
			return "a list of " + plural(n.Items) + " or a single one"
		}
		return "a list of " + plural(n.Items)
	case Map, Object:
		return "a mapping (key: value lines)"
	}
	if len(n.OneOf) > 0 {
		names := make([]string, len(n.OneOf))
		for i, o := range n.OneOf {
			names[i] = o.Name()
		}
		return strings.Join(names, " or ")
	}
	return "any value"
}

func plural(n *Node) string {
	switch n.Type {
	case String:
		return "strings"
	case Int:
		return "whole numbers"
	case List:
		return "lists"
	case Map, Object:
		return "mappings"
	}
	return "values"
}

// Node is one value's schema.
type Node struct {
	Type        Type
	Description string
	Fields      []*Field // Object: declared keys in struct order
	Items       *Node    // List: each item; Map: each value
	Enum        []string
	Format      string // JSON Schema format: "uri", "email", "date"
	Pattern     string // JSON Schema pattern for strings
	// ScalarOK lets a List be written as a single value ("tags: asthma").
	ScalarOK bool
	// Free lets an Object hold keys that are not declared (params).
	Free bool
	// OneOf lists alternatives, chosen by the YAML node's kind.
	OneOf []*Node
	// MinLength 1 makes an empty string an error.
	MinLength int
}

// Field is one declared key of an Object.
type Field struct {
	Key      string
	Required bool
	Node     *Node
}

// Field returns the declared key, or nil.
func (n *Node) Field(key string) *Field {
	for _, f := range n.Fields {
		if f.Key == key {
			return f
		}
	}
	return nil
}

// Doc is the schema of one kind of file.
type Doc struct {
	// Name is the schema's file name stem: "article" → article.schema.json.
	Name string
	// Title and Description describe the file in the JSON Schema.
	Title, Description string
	// What names the file in messages: "front matter", "medkb.yaml".
	What string
	Root *Node
	// Foreign maps other tools' keys of the document's top level to what
	// medkb uses instead; they match ignoring case, "_" and "-".
	Foreign map[string]Foreign
}

// Foreign explains another tool's key.
type Foreign struct {
	Tool string // "Hugo", "Jekyll"
	Use  string // the medkb key, or "" when there is none
	Note string // how to write it in medkb
}

// Ann annotates one field of a struct, by its dotted key path
// ("withdrawn.reason", "references.year", "languages.code").
type Ann struct {
	Desc     string
	Required bool // the key must be present and not empty
	NonEmpty bool // when present, the value must not be empty
	Enum     []string
	Format   string
	Pattern  string
	// Type overrides the derived type, for values with their own YAML
	// decoding (an interval "3y" is a String).
	Type Type
	// Node replaces the derived node entirely.
	Node *Node
}

// Options steer Derive.
type Options struct {
	// ScalarLists lets every []string be written as a single string.
	ScalarLists bool
}

// isDate recognises time.Time and page.Date, or anything shaped like it (a
// struct embedding time.Time).
func isDate(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	if t.PkgPath() == "time" && t.Name() == "Time" {
		return true
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if f.Anonymous && f.Type.PkgPath() == "time" && f.Type.Name() == "Time" {
			return true
		}
	}
	return false
}

var unmarshaler = reflect.TypeOf((*yaml.Unmarshaler)(nil)).Elem()

// Derive builds the node of t, annotated by anns. Every yaml-tagged field
// must have an annotation with a description.
func Derive(t reflect.Type, anns map[string]Ann, opts Options) (*Node, error) {
	var missing []string
	n := derive(t, "", anns, opts, &missing)
	if len(missing) > 0 {
		return nil, fmt.Errorf("schema: %s: no annotation (description) for %s", t, strings.Join(missing, ", "))
	}
	return n, nil
}

// Declare is Derive for package-level declarations: a field without an
// annotation still gets its derived node, with no description, so medkb
// keeps running; the package tests (every key has a description) fail
// until the annotation is written.
func Declare(t reflect.Type, anns map[string]Ann, opts Options) *Node {
	var missing []string
	return derive(t, "", anns, opts, &missing)
}

func derive(t reflect.Type, path string, anns map[string]Ann, opts Options, missing *[]string) *Node {
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case isDate(t):
		return &Node{Type: Date, Format: "date"}
	case reflect.PointerTo(t).Implements(unmarshaler) && t.Kind() == reflect.Struct:
		// Custom decoding: the annotation must say the type.
		return &Node{Type: Any}
	}
	switch t.Kind() {
	case reflect.String:
		return &Node{Type: String}
	case reflect.Bool:
		return &Node{Type: Bool}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return &Node{Type: Int}
	case reflect.Float32, reflect.Float64:
		return &Node{Type: Number}
	case reflect.Slice, reflect.Array:
		items := derive(t.Elem(), path, anns, opts, missing)
		return &Node{Type: List, Items: items, ScalarOK: opts.ScalarLists && items.Type == String}
	case reflect.Map:
		if t.Elem().Kind() == reflect.Interface {
			return &Node{Type: Object, Free: true}
		}
		return &Node{Type: Map, Items: derive(t.Elem(), path, anns, opts, missing)}
	case reflect.Struct:
		obj := &Node{Type: Object}
		for i := 0; i < t.NumField(); i++ {
			sf := t.Field(i)
			tag := sf.Tag.Get("yaml")
			key, _, _ := strings.Cut(tag, ",")
			if key == "-" || !sf.IsExported() || key == "" {
				continue
			}
			p := key
			if path != "" {
				p = path + "." + key
			}
			a, ok := anns[p]
			if !ok || a.Desc == "" {
				*missing = append(*missing, p)
			}
			var fn *Node
			if a.Node != nil {
				fn = a.Node
			} else {
				fn = derive(sf.Type, p, anns, opts, missing)
			}
			if a.Type != Any {
				fn.Type = a.Type
			}
			fn.Description = a.Desc
			fn.Enum = a.Enum
			if a.Format != "" {
				fn.Format = a.Format
			}
			fn.Pattern = a.Pattern
			if a.Required || a.NonEmpty {
				fn.MinLength = 1
			}
			obj.Fields = append(obj.Fields, &Field{Key: key, Required: a.Required, Node: fn})
		}
		return obj
	}
	return &Node{Type: Any}
}

// Keys lists the declared keys of an Object, in order.
func (n *Node) Keys() []string {
	keys := make([]string, len(n.Fields))
	for i, f := range n.Fields {
		keys[i] = f.Key
	}
	return keys
}
