package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// copyDemo copies the demo site's sources into a temporary folder, with
// today: set in its medkb.yaml.
func copyDemo(t *testing.T, today string) string {
	t.Helper()
	root := filepath.Join("..", "..")
	site := t.TempDir()
	for _, dir := range []string{"content", "data", "static"} {
		if err := os.CopyFS(filepath.Join(site, dir), os.DirFS(filepath.Join(root, dir))); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := os.ReadFile(filepath.Join(root, "medkb.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = append(cfg, "\ntoday: \""+today+"\"\n"...)
	if err := os.WriteFile(filepath.Join(site, "medkb.yaml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	return site
}

// dueFromFrontMatter computes, from the demo's front matter alone (the
// review_interval of medkb.yaml, each article's next_review or
// last_reviewed), the articles whose review falls due in [today, today+90].
func dueFromFrontMatter(t *testing.T, site string, today time.Time) []string {
	t.Helper()
	var cfg struct {
		ReviewInterval string `yaml:"review_interval"`
	}
	raw, _ := os.ReadFile(filepath.Join(site, "medkb.yaml"))
	if err := yaml.Unmarshal(raw, &cfg); err != nil || !strings.HasSuffix(cfg.ReviewInterval, "y") {
		t.Fatalf("demo review_interval %q is not in years (%v); this test reads only years", cfg.ReviewInterval, err)
	}
	years := int(cfg.ReviewInterval[0] - '0')
	var due []string
	err := filepath.WalkDir(filepath.Join(site, "content"), func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") || strings.HasPrefix(d.Name(), "_index") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		front, _, _ := strings.Cut(strings.TrimPrefix(string(src), "---\n"), "\n---")
		var m struct {
			Draft        bool           `yaml:"draft"`
			Withdrawn    map[string]any `yaml:"withdrawn"`
			LastReviewed string         `yaml:"last_reviewed"`
			NextReview   string         `yaml:"next_review"`
		}
		if err := yaml.Unmarshal([]byte(front), &m); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if m.Draft || m.Withdrawn != nil {
			return nil
		}
		var next time.Time
		switch {
		case m.NextReview != "":
			next, err = time.Parse(time.DateOnly, m.NextReview)
		case m.LastReviewed != "":
			next, err = time.Parse(time.DateOnly, m.LastReviewed)
			next = next.AddDate(years, 0, 0)
		default:
			return nil
		}
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if !next.Before(today) && !next.After(today.AddDate(0, 0, 90)) {
			rel, _ := filepath.Rel(site, p)
			due = append(due, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(due)
	return due
}

func TestCheckReportListsEveryReviewDueWithin90Days(t *testing.T) {
	const today = "2029-07-01"
	site := copyDemo(t, today)
	want := dueFromFrontMatter(t, site, time.Date(2029, 7, 1, 0, 0, 0, 0, time.UTC))
	if len(want) < 5 {
		t.Fatalf("only %d demo pages due by front matter: %v; pick a date that exercises the report", len(want), want)
	}
	code, out, errOut := run(t, site, "check", "--report", "--format", "json")
	if code != ExitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r struct {
		Today    string `json:"today"`
		Sections []struct {
			ID    string `json:"id"`
			Items []struct {
				File       string   `json:"file"`
				NextReview string   `json:"next_review"`
				Days       int      `json:"days"`
				Authors    []string `json:"authors"`
				Reviewers  []string `json:"reviewers"`
			} `json:"items"`
		} `json:"sections"`
		People []struct {
			ID, Role string
			Sections []struct {
				ID    string
				Items []struct{ File string }
			}
		} `json:"people"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if r.Today != today {
		t.Errorf("today = %q; want %q", r.Today, today)
	}
	var got []string
	reviewers := map[string][]string{} // reviewer → files due within 90 days
	for _, s := range r.Sections {
		if s.ID != "due_90" {
			continue
		}
		for _, it := range s.Items {
			got = append(got, it.File)
			due, _ := time.Parse(time.DateOnly, it.NextReview)
			if want := int(due.Sub(time.Date(2029, 7, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24); it.Days != want {
				t.Errorf("%s: days = %d; want %d (due %s)", it.File, it.Days, want, it.NextReview)
			}
			for _, rv := range it.Reviewers {
				reviewers[rv] = append(reviewers[rv], it.File)
			}
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("due_90 lists\n%v\nwant (from front matter)\n%v", got, want)
	}
	// The same pages again, grouped per reviewer.
	for _, p := range r.People {
		if p.Role != "reviewer" {
			continue
		}
		for _, s := range p.Sections {
			if s.ID != "due_90" {
				continue
			}
			var files []string
			for _, it := range s.Items {
				files = append(files, it.File)
			}
			if !slices.Equal(files, reviewers[p.ID]) {
				t.Errorf("reviewer %s: due_90 = %v; want %v", p.ID, files, reviewers[p.ID])
			}
			delete(reviewers, p.ID)
		}
	}
	if len(reviewers) > 0 {
		t.Errorf("reviewers missing from the per-person lists: %v", reviewers)
	}

	code, text, _ := run(t, site, "check", "--report")
	if code != ExitOK || !strings.Contains(text, "Reviews due within 90 days") || !strings.Contains(text, want[0]) {
		t.Errorf("text report (exit %d) lacks the 90-day list or %s:\n%s", code, want[0], text)
	}
}
