package markdown

import "testing"

func TestURLScheme(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"https://x.org", "https"},
		{"JavaScript:alert(1)", "javascript"},
		{"  \x01javascript:alert(1)", "javascript"},
		{"java\tscript:alert(1)", "javascript"},
		{"java\nscript:x", "javascript"},
		{"/path:with:colons", ""},
		{"./a:b", ""},
		{"page.html", ""},
		{"#frag", ""},
		{"1http:x", ""},
		{"mailto:a@b.org", "mailto"},
		{"data:image/png;base64,AA", "data"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := urlScheme(tt.in); got != tt.want {
			t.Errorf("urlScheme(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestBlockedURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		dest      string
		allowData bool
		blocked   bool
	}{
		{"https://example.org", false, false},
		{"/conditions/asthma/", false, false},
		{"mailto:team@example.org", false, false},
		{"javascript:alert(1)", true, true},
		{"JAVASCRIPT:alert(1)", false, true},
		{" javascript:alert(1)", false, true},
		{"vbscript:msgbox", false, true},
		{"data:image/png;base64,AA", false, true},
		{"data:image/png;base64,AA", true, false},
		{"DATA:image/gif;base64,AA", true, false},
		{"data:text/html,<script>", true, true},
		{"javascript%3Aalert(1)", false, false}, // a relative path, harmless
	}
	for _, tt := range tests {
		if got := blockedURL(tt.dest, tt.allowData) != ""; got != tt.blocked {
			t.Errorf("blockedURL(%q, %v) blocked = %v, want %v", tt.dest, tt.allowData, got, tt.blocked)
		}
	}
}

func TestIsExternal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want bool
	}{
		{"https://x.org", true},
		{"HTTP://x.org", true},
		{"//cdn.x.org/a", true},
		{"/a", false},
		{"a/b", false},
		{"mailto:x@y.org", false},
	}
	for _, tt := range tests {
		if got := isExternal(tt.in); got != tt.want {
			t.Errorf("isExternal(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
