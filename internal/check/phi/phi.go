// Package phi finds text that looks like a patient identifier, following the
// kinds listed in the HIPAA Safe Harbor de-identification rule: e-mail
// addresses, phone and fax numbers, US social security numbers, medical
// record numbers, full dates of birth, street addresses, IP addresses, NHS
// numbers, and names in a clinical context (names.go).
//
// Contract:
//   - Scan reads one source file (front matter and body) and returns every
//     finding with its 1-based line and column. Columns count characters
//     (runes), not bytes, so editors land on the right spot.
//   - Findings never carry the matched text in the clear: Masked hides all
//     but a few characters so that reports do not spread the data they
//     warn about (CI logs are often public).
//   - A line containing AllowMarker anywhere is skipped entirely; that is
//     the only suppression mechanism.
//   - Front matter (YAML between "---" lines or TOML between "+++" lines at
//     the top of the file) is scanned too, except the values of reference
//     and code fields (doi, pmid, url, isbn, snomed, icd10, …) and dates
//     (any key containing "date", plus lastmod, last_reviewed, …). Keys
//     that name a birth date are always scanned.
//   - URLs, DOIs, PMIDs and ISBNs are blanked before scanning so their
//     digits are not taken for phone numbers; doses ("500 mg"), ranges
//     ("120/80"), years, ICD codes and short service numbers (999, 911,
//     112) never match.
//   - Scan reads source lines, not Markdown: code spans and code blocks
//     are scanned like prose, since a phone number pasted into a code
//     block is published all the same. What technical pages hold instead
//     is kept out by the detectors: an IP address is reported only if a
//     device on the public internet could have it (not loopback, private,
//     link-local, documentation or other reserved addresses; publicAddr
//     says why); an e-mail address is one only at a top-level domain
//     that exists, so "name@2x.png" (a file name), "admin@db.local" and
//     "someone@domain.test" are not (noSuchTopLevelDomain), nor are the
//     SSH git remote "git@github.com:medic/cht-core.git" (gitRemote), the
//     user and password of a URL such as "postgres://user:pw@db.nhs.uk",
//     of a command-line option such as "--instance=user:pw@cht.org",
//     "-u user:pw@cht.org" or "-uuser:pw@cht.org", or of an environment
//     variable named in capitals such as "COUCH_URL=user:pw@cht.org"
//     (userinfo), an address at a domain reserved for examples such
//     as user@example.com (placeholderAddress), or an address automated
//     mail or commits come from, which no one reads: a no-reply one at
//     any domain (noreply@, no-reply@, donotreply@, do-not-reply@),
//     GitHub Actions' action@github.com and an account's
//     …@users.noreply.github.com or …@users.noreply.gitlab.com
//     (automationAddress); a
//     run of numbers such as "swipe 300 300 500 1000" is not a phone
//     number, a title-case heading such as "Analysis Using Python
//     (1)" is not a name with an age (nonNameWords), and R's console
//     output is not a street address: the end of a time or a date is no
//     house number ("00:00:00 Compact St", "2050-01-01 Compact St";
//     inLongerNumber), and an abbreviation a tibble cut short with '~',
//     or with '…' on a line of knitr's or reprex's output ("## ", "#> "),
//     is no street type ("Compact St~", which may be Compact Stadium;
//     cutAbbreviation). A full street type cut right after is one
//     ("12 Market Street~"), and so is an address struck through
//     ("~~12 High St~~") or before a sentence's ellipsis ("12 High St…").
//   - Scan is a pure function: no I/O, no global mutable state, safe for
//     concurrent use. It favours recall over precision for the formats it
//     knows; public helplines are reported like any other phone number and
//     are meant to be allowed with the marker.
package phi

import (
	"sort"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/medkb/medkb/internal/fmspan"
)

// AllowMarker suppresses every finding on the line that contains it, for
// example in an HTML comment: <!-- medkb:allow-identifier -->.
const AllowMarker = "medkb:allow-identifier"

// Kind names the type of identifier found.
type Kind string

// The identifier kinds Scan reports.
const (
	Email     Kind = "email address"
	Phone     Kind = "phone number"
	SSN       Kind = "US social security number"
	MRN       Kind = "medical record number"
	DOB       Kind = "date of birth"
	Address   Kind = "street address"
	IPAddress Kind = "IP address"
	NHSNumber Kind = "NHS number"
	// Name is declared in names.go.
)

// Finding is one possible identifier in a source file.
type Finding struct {
	Line, Col int // 1-based; Col counts runes
	Kind      Kind
	Masked    string // the match with most characters replaced by '*'
	Match     string // the match as written, for allow lists; never print it
}

// Allowed reports whether the finding's match is one of an organisation's
// public details in allow: the same digits (for numbers, whatever the
// spacing, dashes or brackets) or the same text without regard to case.
func (f Finding) Allowed(allow []string) bool {
	for _, a := range allow {
		if strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(f.Match)) {
			return true
		}
		if d := digitsOf(a); len(d) >= 6 && d == digitsOf(f.Match) {
			return true
		}
	}
	return false
}

// span is a match inside one line, in byte offsets.
type span struct {
	start, end int
	kind       Kind
	masked     string
}

// Scan returns the possible identifiers in src, ordered by position.
func Scan(src []byte) []Finding {
	var out []Finding
	// The file's bytes are read in place, a line at a time, not copied
	// and split into a slice of lines (two allocations a file; Scan
	// allocated 90 MiB in all in a 10,000-article build). Nothing of text
	// is kept: a finding's Match and Masked are copies, so the caller may
	// reuse src.
	text := unsafe.String(unsafe.SliceData(src), len(src))
	open, fm := frontMatter(src)
	facts := new(lineFacts) // reused: its lowered copy of each line
	// Few files hold the marker: one search of the file, not of each line.
	marker := strings.Contains(text, AllowMarker)
	i := -1
	for line := range strings.SplitSeq(text, "\n") {
		i++
		line = strings.TrimSuffix(line, "\r")
		if marker && strings.Contains(line, AllowMarker) {
			continue
		}
		if i >= open && i < fm && (i == open || i == fm-1 || skipFrontMatterLine(line)) {
			continue
		}
		// Spans come in order: count the runes between them, not from the
		// start of the line for each (quadratic on a long line).
		col, at := 1, 0
		for _, s := range scanWith(line, true, facts) {
			col += utf8.RuneCountInString(line[at:s.start])
			at = s.start
			out = append(out, Finding{
				Line:   i + 1,
				Col:    col,
				Kind:   s.kind,
				Masked: strings.Clone(s.masked), // a concatenation with "" or a Join of one is a view of text
				Match:  strings.Clone(line[s.start:s.end]),
			})
		}
	}
	return out
}

// scanWith runs the detectors over line, gathering the line's facts into
// facts, whose storage Scan reuses from line to line. gated false runs
// every detector on every line, for the test that holds the gates to
// never hiding a finding (TestGatesNeverHideFindings).
func scanWith(line string, gated bool, facts *lineFacts) []span {
	facts.gather(line)
	// Names in a clinical context need no digit ("our patient John
	// Smith"); their own filter keeps the regexps off most lines.
	names := namesWith(line, facts, gated)
	// Every other identifier kind contains a digit or an @; most prose
	// lines have neither and cost one pass here.
	if !facts.hasDigit && strings.IndexByte(line, '@') < 0 {
		return names
	}
	text := line
	if mayHaveReference(line, facts) {
		text = blankReferences(line)
	}
	if text != line {
		facts.gather(text)
	}
	if !gated {
		facts = &lineFacts{hasDigit: true, numberRun: len(text), dotted: len(text), ungated: true}
	}
	all := names
	for _, d := range detectors {
		if !gated || d.may(facts) {
			all = append(all, d.find(text, facts)...)
		}
	}
	sort.SliceStable(all, func(i, j int) bool {
		if all[i].start != all[j].start {
			return all[i].start < all[j].start
		}
		return all[i].end-all[i].start > all[j].end-all[j].start
	})
	var kept []span
	for _, s := range all {
		if len(kept) > 0 && s.start < kept[len(kept)-1].end {
			continue
		}
		kept = append(kept, s)
	}
	return kept
}

// detector is one scanner with a cheap test, may, that is false only for
// lines on which find cannot match (TestGatesNeverHideFindings holds the
// gates to that). Most medical prose lines carry a dose or a year but
// nothing like a phone number; the gates keep them off the regexps.
type detector struct {
	may  func(*lineFacts) bool
	find func(string, *lineFacts) []span
}

// detectors lists the scanners in priority order: when two match the same
// text at the same position, the longer wins, then the earlier listed.
var detectors = []detector{
	{func(f *lineFacts) bool { return f.hasDigit }, findLabelled}, // MRN, DOB, SSN, NHS and phone numbers after a label
	{always, ignoreFacts(findEmails)},
	{func(f *lineFacts) bool { return f.numberRun >= 10 }, ignoreFacts(findNHSNumbers)},
	{func(f *lineFacts) bool { return f.numberRun >= 9 }, ignoreFacts(findSSNs)},
	{func(f *lineFacts) bool { return f.numberRun >= 8 }, ignoreFacts(findPhones)},
	{func(f *lineFacts) bool { return f.hasDigit }, findAddresses},
	{func(f *lineFacts) bool { return f.numberRun >= 4 && f.dotted >= 3 }, ignoreFacts(findIPv4)},
	{always, ignoreFacts(findIPv6)},
}

func always(*lineFacts) bool { return true }

func ignoreFacts(find func(string) []span) func(string, *lineFacts) []span {
	return func(text string, _ *lineFacts) []span { return find(text) }
}

// frontMatter returns the index of the line opening the front matter and
// the index just past its closing delimiter line; end is 0 when the file
// has no (closed) front matter. Where it is comes from package fmspan, as
// package frontmatter reads it: blank lines and a byte order mark may come
// before the opening delimiter.
func frontMatter(src []byte) (open, end int) {
	sp := fmspan.Find(src)
	if sp.Status != fmspan.Closed {
		return 0, 0
	}
	return sp.OpenLine - 1, sp.CloseLine
}

// skipFrontMatterLine reports whether a front matter line holds a value that
// must not be scanned (a reference identifier, a code or a date).
func skipFrontMatterLine(line string) bool {
	key, ok := frontMatterKey(line)
	return ok && skippedKey(key)
}

// frontMatterKey extracts the key of a "key: value" (YAML) or
// "key = value" (TOML) line, including list items ("- doi: …").
func frontMatterKey(line string) (string, bool) {
	s := strings.TrimSpace(line)
	s = strings.TrimSpace(strings.TrimPrefix(s, "- "))
	i := strings.IndexAny(s, ":=")
	if i <= 0 {
		return "", false
	}
	key := strings.Trim(strings.TrimSpace(s[:i]), `"'`)
	for _, r := range key {
		if !(r == '_' || r == '-' || r == '.' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "", false
		}
	}
	return strings.ToLower(key), key != ""
}

func skippedKey(key string) bool {
	if strings.Contains(key, "birth") || key == "dob" {
		return false
	}
	switch key {
	case "doi", "pmid", "pmcid", "url", "uri", "link", "href", "isbn", "issn",
		"icd", "icd10", "icd-10", "icd11", "icd-11", "snomed", "loinc", "rxnorm",
		"atc", "mesh", "pages", "volume", "issue", "year",
		"lastmod", "last_reviewed", "next_review", "reviewed", "published",
		"updated", "created", "modified", "expires", "expirydate":
		return true
	}
	return strings.Contains(key, "date") || strings.HasSuffix(key, "_at")
}
