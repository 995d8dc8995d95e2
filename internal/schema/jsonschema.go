package schema

import (
	"encoding/json"
	"sort"
)

// BaseID is the $id prefix of the published schemas: a URN, so no tool
// takes it for an address to fetch.
const BaseID = "urn:medkb:schema:"

// FileName is the JSON Schema file of d: "article.schema.json".
func (d *Doc) FileName() string { return d.Name + ".schema.json" }

// JSON renders d as a JSON Schema document, indented. It declares draft-07,
// the draft YAML editors support best, and uses no keyword whose meaning
// changed after it.
func (d *Doc) JSON() ([]byte, error) {
	m := jsonNode(d.Root, true)
	m["$schema"] = "http://json-schema.org/draft-07/schema#"
	m["$id"] = BaseID + d.FileName()
	m["title"] = d.Title
	if d.Description != "" {
		m["description"] = d.Description
	}
	if props, ok := m["properties"].(map[string]any); ok {
		for _, name := range sortedForeign(d.Foreign) {
			f := d.Foreign[name]
			desc := f.Tool + "'s key, not medkb's. " + f.Note
			if f.Use != "" {
				desc = f.Tool + "'s key: medkb uses " + f.Use + ". " + f.Note
			}
			props[name] = map[string]any{"not": map[string]any{}, "description": desc}
		}
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

func sortedForeign(m map[string]Foreign) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// nullable lets an optional scalar be written with no value, as Validate
// allows.
func nullable(t string, optional bool) any {
	if optional {
		return []string{t, "null"}
	}
	return t
}

func jsonNode(n *Node, optional bool) map[string]any {
	m := map[string]any{}
	if n.Description != "" {
		m["description"] = n.Description
	}
	if len(n.OneOf) > 0 {
		var alts []any
		for _, o := range n.OneOf {
			alts = append(alts, jsonNode(o, false))
		}
		m["anyOf"] = alts
		return m
	}
	switch n.Type {
	case String:
		m["type"] = nullable("string", optional && n.MinLength == 0)
		if n.MinLength > 0 {
			m["minLength"] = n.MinLength
			m["pattern"] = `\S`
		}
		if len(n.Enum) > 0 {
			m["enum"] = n.Enum
		}
		if n.Pattern != "" {
			m["pattern"] = n.Pattern
		}
		if n.Format != "" {
			m["format"] = n.Format
		}
	case Bool:
		m["type"] = nullable("boolean", optional)
	case Int:
		m["type"] = nullable("integer", optional)
	case Number:
		m["type"] = nullable("number", optional)
	case Date:
		m["type"] = nullable("string", optional && n.MinLength == 0)
		m["pattern"] = DatePattern
	case List:
		arr := map[string]any{"type": "array", "items": jsonNode(n.Items, false)}
		if n.MinLength > 0 {
			arr["minItems"] = 1
		}
		alts := []any{arr}
		if n.ScalarOK {
			alts = append(alts, jsonNode(n.Items, false))
		}
		if optional && n.MinLength == 0 {
			alts = append(alts, map[string]any{"type": "null"})
		}
		if len(alts) == 1 {
			for k, v := range arr {
				m[k] = v
			}
		} else {
			m["anyOf"] = alts
		}
	case Map:
		m["type"] = nullable("object", optional)
		m["additionalProperties"] = jsonNode(n.Items, false)
	case Object:
		m["type"] = nullable("object", optional)
		props := map[string]any{}
		var required []string
		for _, f := range n.Fields {
			props[f.Key] = jsonNode(f.Node, !f.Required)
			if f.Required {
				required = append(required, f.Key)
			}
		}
		if len(props) > 0 {
			m["properties"] = props
		}
		if len(required) > 0 {
			m["required"] = required
		}
		m["additionalProperties"] = n.Free
	}
	return m
}
