package citation

type labels struct {
	title, source, back string
}

func resolveLabels(m map[string]string) labels {
	pick := func(key, fallback string) string {
		if v := m[key]; v != "" {
			return v
		}
		return fallback
	}
	return labels{
		title:  pick("references", "Sources"),
		source: pick("cite.source", "Source"),
		back:   pick("cite.back", "Back to citation"),
	}
}
