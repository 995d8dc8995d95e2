package phi

import (
	"bytes"
	"encoding/binary"
	"math/bits"
	"net/netip"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"golang.org/x/net/publicsuffix"
)

// The patterns below are compiled once and only ever read; regexp.Regexp is
// safe for concurrent use.
var (
	// References whose digits must not be mistaken for identifiers.
	referenceRE = regexp.MustCompile(`(?i)\b(?:https?|ftp)://\S+|\bwww\.\S+|\bdoi:\s*\S+|\b10\.\d{4,9}/\S+|\bPMC?ID:?\s*\d+|\bPMC\d+|\bIS[BS]N(?:-1[03])?:?\s*[\dX][\dX \-]{6,16}[\dX]`)

	emailRE = regexp.MustCompile(`[A-Za-z0-9_%+\-](?:[A-Za-z0-9._%+\-]*[A-Za-z0-9_%+\-])?@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,24}`)

	nhsRE    = regexp.MustCompile(`\d{3}[ \-]\d{3}[ \-]\d{4}`)
	ssnRE    = regexp.MustCompile(`\d{3}-\d{2}-\d{4}`)
	usPhone  = regexp.MustCompile(`(?:\+?1[ .\-]?)?(?:\(\d{3}\) ?|\d{3}[ .\-])\d{3}[ .\-]\d{4}`)
	ukPhone  = regexp.MustCompile(`(?:\+44 ?(?:\(0\) ?)?\d{2,4}|\(0\d{2,4}\) ?|0\d{2,4})[ \-]?\d{3,4}[ \-]?\d{3,4}`)
	intPhone = regexp.MustCompile(`\+\d{1,3}(?:[ .\-]?\(?\d{1,4}\)?){2,6}`)

	ipv4RE = regexp.MustCompile(`\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}`)
	ipv6RE = regexp.MustCompile(`(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{0,4})`)

	addressRE = regexp.MustCompile(`\b\d{1,5}[A-Za-z]?(?:-\d{1,5}[A-Za-z]?)?,? ((?:(?:[A-Z][a-z'’]+|[A-Z]{2,}|\d{1,3}(?:st|nd|rd|th)) ){1,3})(Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Place|Pl|Way|Close|Crescent|Terrace|Square|Sq|Parkway|Pkwy|Highway|Hwy|Circle|Grove|Gardens|Mews)\b\.?`)
	poBoxRE   = regexp.MustCompile(`(?i)\bP\.? ?O\.? Box \d{1,6}\b`)
)

// labelled patterns: the identifier is recognised by the words before it.
// Group 1 is the value.
var (
	mrnRE        = regexp.MustCompile(`(?i)\b(?:MRN|medical record (?:number|no\.?|#)|hospital (?:number|no\.?)|patient (?:id|identifier|number|no\.?)|chart (?:number|no\.?))\s*(?:is\s+|was\s+)?[:#]?\s*([a-z]{0,3}\d[a-z0-9\-/]{3,})`)
	dobRE        = regexp.MustCompile(`(?i)\b(?:DOB|D\.O\.B\.?|date of birth|birth[ _\-]?date|born(?: on)?)\s*(?:is\s+|was\s+)?[:\-=]?\s*["']?(` + datePattern + `)`)
	ssnLabelRE   = regexp.MustCompile(`(?i)\b(?:SSN|social security(?: number| no\.?| #)?)\s*(?:is\s+)?[:#]?\s*(\d{3}[ \-]?\d{2}[ \-]?\d{4})`)
	nhsLabelRE   = regexp.MustCompile(`(?i)\bNHS (?:number|no\.?|#)\s*(?:is\s+)?[:#]?\s*(\d{3}[ \-]?\d{3}[ \-]?\d{4})`)
	phoneLabelRE = regexp.MustCompile(`(?i)\b(?:tel|telephone|phone|ph|fax|mobile|mob|cell|call|text|sms|whatsapp)\.?(?:\s*(?:no\.?|number|#))?\s*[:.]?\s*(\+?\(?\d[\d ().\-]{4,}\d)`)
)

const (
	monthPattern = `(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
	datePattern  = `\d{4}-\d{1,2}-\d{1,2}` +
		`|\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})` +
		`|\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?` + monthPattern + `,?\s+\d{4}` +
		`|` + monthPattern + `\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}`
)

// blankReferences replaces URLs, DOIs, PMIDs and ISBNs with spaces of the
// same byte length so offsets stay valid. The regexp is the scanner's most
// expensive step: scanWith calls it only where mayHaveReference.
func blankReferences(line string) string {
	return referenceRE.ReplaceAllStringFunc(line, func(m string) string {
		return strings.Repeat(" ", len(m))
	})
}

// mayHaveReference is a cheap filter for referenceRE: every alternative
// of that pattern contains one of these substrings, "10." with four digits
// after it, or "://".
func mayHaveReference(line string, facts *lineFacts) bool {
	if strings.Contains(line, "://") {
		return true
	}
	for i := strings.Index(line, "10."); i >= 0; {
		if i+7 <= len(line) && isDigit(line[i+3]) && isDigit(line[i+4]) && isDigit(line[i+5]) && isDigit(line[i+6]) {
			return true
		}
		j := strings.Index(line[i+3:], "10.")
		if j < 0 {
			break
		}
		i += 3 + j
	}
	if facts.ascii {
		for _, s := range []string{"www.", "doi:", "pmc", "pmid", "isbn", "issn"} {
			if bytes.Contains(facts.lower, []byte(s)) {
				return true
			}
		}
		return false
	}
	l := strings.ReplaceAll(strings.ToLower(line), "ſ", "s") // (?i) folds ſ with s
	for _, s := range []string{"www.", "doi:", "pmc", "pmid", "isbn", "issn"} {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

// The words one of which a line must hold for an SSN or NHS number
// behind its label (findLabelled); never changed. Written in place, the
// lists were made on the heap at every call.
var (
	ssnLabels = []string{"ssn", "social security"}
	nhsLabels = []string{"nhs"}
)

func findLabelled(text string, facts *lineFacts) []span {
	var out []span
	// MRN and DOB spans start at the label: the label is what makes the
	// value an identifier, and masking keeps it readable. A date of birth
	// holds a year or a d/m/yy date, so at least four digits in a row.
	for _, l := range []struct {
		re   *regexp.Regexp
		kind Kind
		may  bool
	}{
		{mrnRE, MRN, facts.hasAny("mrn", "medical record ", "hospital n", "patient id", "patient n", "chart n")},
		{dobRE, DOB, facts.numberRun >= 4 && facts.hasAny("dob", "d.o.b", "birth", "born")},
	} {
		if !l.may {
			continue
		}
		for _, m := range l.re.FindAllStringSubmatchIndex(text, -1) {
			if !endsCleanly(text, m[3]) || (l.kind == MRN && countDigits(text[m[2]:m[3]]) < 4) {
				continue
			}
			out = append(out, span{m[0], m[3], l.kind, text[m[0]:m[2]] + maskTail(text[m[2]:m[3]], 2)})
		}
	}
	// Numbers behind a label are reported at the value. The labels are
	// looked for only on a line with digits enough (most have a year at
	// most).
	for _, l := range []struct {
		re        *regexp.Regexp
		kind      Kind
		minDigits int
		maxDigits int
		labels    []string // one of which the line must hold; nil for none
	}{
		{ssnLabelRE, SSN, 9, 9, ssnLabels},
		{nhsLabelRE, NHSNumber, 10, 10, nhsLabels},
		{phoneLabelRE, Phone, 7, 15, nil},
	} {
		if facts.numberRun < l.minDigits || l.labels != nil && !facts.hasAny(l.labels...) {
			continue
		}
		for _, m := range l.re.FindAllStringSubmatchIndex(text, -1) {
			v := text[m[2]:m[3]]
			if n := countDigits(v); n < l.minDigits || n > l.maxDigits || !endsCleanly(text, m[3]) {
				continue
			}
			out = append(out, span{m[2], m[3], l.kind, maskTail(v, 2)})
		}
	}
	return out
}

func findEmails(text string) []span {
	if !mayHaveEmail(text) {
		return nil
	}
	var out []span
	for _, m := range emailRE.FindAllStringIndex(text, -1) {
		if m[1] < len(text) && isWordByte(text[m[1]]) {
			continue
		}
		if addr := strings.ToLower(text[m[0]:m[1]]); noSuchTopLevelDomain(addr) || placeholderAddress(addr) ||
			automationAddress(addr) || gitRemote(text, m[0], m[1]) || userinfo(text, m[0]) {
			continue
		}
		out = append(out, span{m[0], m[1], Email, maskEmail(text[m[0]:m[1]])})
	}
	return out
}

// noSuchTopLevelDomain reports an address (lowercased) whose last label
// is not a top-level domain that exists, so it can be no one's mailbox:
// a host on a local network or an internal name ("pi@raspberrypi.lan",
// "admin@db.local", "user@host.internal", "borg@backup.server" in an
// ssh or borg command), a name reserved never to be delegated (.test,
// .example, .invalid, .localhost: RFC 2606 section 2, RFC 6761 section 6)
// or a file name with an @ in it, such as the high-resolution image
// "icon-warning@2x.png". What exists is what the ICANN section of the
// public suffix list shipped in golang.org/x/net/publicsuffix holds,
// which lists every delegated top-level domain (.com, .uk, .scot,
// .health; .md, .zip and .mov too). A top-level domain delegated after
// that copy of the list was made is taken for none until the module is
// updated. The look-up runs only on what emailRE matched.
func noSuchTopLevelDomain(addr string) bool {
	domain := addr[strings.LastIndexByte(addr, '@')+1:]
	dot := strings.LastIndexByte(domain, '.') // emailRE's domain has one
	if _, icann := publicsuffix.PublicSuffix(domain[dot+1:]); icann {
		return false
	}
	// A few top-level domains are listed only by a wildcard under them
	// ("*.ck", "*.er", "*.pg"): the name itself is not a rule, the name
	// with a label before it is.
	if prev := strings.LastIndexByte(domain[:dot], '.'); prev >= 0 {
		domain = domain[prev+1:]
	}
	_, icann := publicsuffix.PublicSuffix(domain)
	return !icann
}

// placeholderAddress reports an address (lowercased) that cannot be
// anyone's mailbox, so not a patient's: one at a domain reserved for
// examples, or the placeholder test@test.com. Documentation and forms use
// them where an address must be typed ("user@example.com").
// The reserved domains are example.com, example.net and example.org and
// every name under them (RFC 2606 section 3: IANA holds them and gives
// out no mailbox); the top-level domains reserved for examples (.example,
// .test, .invalid, .localhost) are no top-level domain that exists
// (noSuchTopLevelDomain).
// Nothing else is: a name that only looks like one (example.co.uk,
// example.com.au, myexample.com, testing.com) is someone's domain, and so
// is test.com, a company's; only the one address test@test.com, the
// placeholder forms and guides use, is left out there.
func placeholderAddress(addr string) bool {
	if addr == "test@test.com" {
		return true
	}
	domain := addr[strings.LastIndexByte(addr, '@')+1:]
	for _, d := range []string{"example.com", "example.net", "example.org"} {
		if domain == d || strings.HasSuffix(domain, "."+d) {
			return true
		}
	}
	return false
}

// automationAddress reports an address (lowercased) that automated mail or
// commits are sent from, which no one reads: a role, not a person, so not a
// patient.
//   - A no-reply address at any domain: the local part is "noreply",
//     "no-reply", "no_reply", "donotreply", "do-not-reply" or
//     "do_not_reply" (noreply@github.com, no-reply@hospital.nhs.uk), and
//     nothing else: "jsmith.noreply@gmail.com" or "noreply.jsmith@nhs.net"
//     is someone's mailbox.
//   - GitHub Actions' commit address when a workflow is given none,
//     action@github.com, which CI set-up pages show in "git config
//     user.email" lines; every other address at github.com is reported.
//   - Any address at users.noreply.github.com, such as
//     "12345+jsmith@users.noreply.github.com": GitHub makes one for each
//     account so that commits need not carry the account's real address,
//     and mail to it is not delivered. It names a GitHub account, as the
//     profile URL github.com/jsmith does, and URLs are not reported
//     (referenceRE blanks them); it turns up in contributing guides and
//     "Co-authored-by:" lines, not in a patient's record. The address
//     GitHub's own bots commit as,
//     "41898282+github-actions[bot]@users.noreply.github.com", never
//     matches emailRE (a local part cannot end in ']').
//   - Any address at users.noreply.gitlab.com, such as
//     "12345-jsmith@users.noreply.gitlab.com", for the same reasons:
//     GitLab.com makes one for each account to commit as in place of
//     its real address, mail to it is not delivered, and it names an
//     account as public as gitlab.com/jsmith. A GitLab installed
//     elsewhere makes its own (users.noreply.<its host>); only
//     GitLab.com's is known to be one, and the others are reported.
func automationAddress(addr string) bool {
	at := strings.LastIndexByte(addr, '@')
	switch addr[:at] {
	case "noreply", "no-reply", "no_reply", "donotreply", "do-not-reply", "do_not_reply":
		return true
	}
	switch addr[at+1:] {
	case "users.noreply.github.com", "users.noreply.gitlab.com":
		return true
	}
	return addr == "action@github.com"
}

// userinfo reports a match starting at text[start] that is the user
// information and host of a URL, of a command-line option's argument or
// of an environment variable's value, not an e-mail address.
//
// In a URL it comes after a scheme and "://", and after the user name and
// a ':' when the match is the password ("postgres://user:pass@db.nhs.uk/cht"
// matches "pass@…"), whatever the scheme (postgres, mongodb, ssh, smb,
// git+ssh, …). Nothing but userinfo characters (RFC 3986 section 3.2.1: no
// space, '/', '?', '#' or '@') may come between the "://" and the match, so
// an address later in a URL's query ("app://open?to=jane@nhs.net") or
// elsewhere on the line is still reported, and so is one after "mailto://",
// a misspelt mailto: link. http(s) and ftp URLs are blanked before any
// detector runs (referenceRE); this covers every other scheme.
//
// Without a scheme, command lines and set-up pages give a user and
// password the same way as an option's argument or an environment
// variable's value: "cht --instance=user:pass@cht.clinic.org",
// "--url='medic:pw@host.org'", "-u medic:password@cht.clinic.org",
// "-umedic:pw@host.org", "export COUCH_URL=medic:pw@cht.clinic.org"
// (optionArgument). There the match is the password, after a user name
// and a ':', and is left out. An address with no user and ':' before it
// is an address in an option or a variable too ("--email=jane@nhs.net",
// "-e jane@nhs.net", "EMAIL=jane@nhs.net"), as is one after "mailto:"
// ("--to=mailto:jane@nhs.net"), and a user and ':' before an address
// outside an option or a variable named in capitals ("Log in as
// admin:jane@nhs.net", "to=admin:jane@nhs.net") is still reported: only
// the option or the variable says the text is a credential.
func userinfo(text string, start int) bool {
	i := start
	for i > 0 && isUserinfoByte(text[i-1]) {
		i--
	}
	if !strings.HasSuffix(text[:i], "://") {
		return optionArgument(text, i, start)
	}
	i -= len("://")
	j := i
	for j > 0 && (isAlnum(text[j-1]) || text[j-1] == '+' || text[j-1] == '-' || text[j-1] == '.') {
		j--
	}
	// A scheme starts with a letter.
	for j < i && !(text[j]|0x20 >= 'a' && text[j]|0x20 <= 'z') {
		j++
	}
	return j < i && !strings.EqualFold(text[j:i], "mailto")
}

// optionArgument reports whether text[from:start], the userinfo characters
// before a match at start, is the "user:" before the password in a
// command line's argument or setting:
//   - the value after "--name=" or "-n=" in the same word
//     ("--instance=user:pass@host");
//   - the value glued to a one-letter option, as mysql, curl and others
//     accept ("-umedic:pw@host", the option -u);
//   - the value of an environment variable, an upper-case name and '='
//     ("COUCH_URL=medic:pw@host", "export DB_AUTH=admin:secret@host",
//     "docker run -e COUCH_URL=…"): set-up pages give credentials this
//     way as often as in an option, and a name in capitals before '='
//     marks a setting as plainly as "--" marks an option;
//   - a whole word after an option "-u" or "--user" and a space;
//   - any of these in quotes ("--url='user:", `COUCH_URL="user:`).
//
// The ':' must be there: "--email=jane@nhs.net" and "EMAIL=jane@nhs.net"
// are addresses, as is "admin:jane@nhs.net" anywhere else.
func optionArgument(text string, from, start int) bool {
	value := text[from:start]
	if strings.IndexByte(value, ':') < 0 {
		return false // most addresses: no user before them
	}
	switch {
	case isOption(value):
		if eq := strings.IndexByte(value, '='); eq >= 0 {
			value = value[eq+1:] // --name=user:
		} else if value[1] != '-' {
			value = value[2:] // -nuser:
		} else {
			return false
		}
	case isSetting(value):
		value = value[strings.IndexByte(value, '=')+1:]
	default:
		i := from
		if i > 0 && (text[i-1] == '"' || text[i-1] == '\'') {
			i--
		}
		if i > 0 && text[i-1] == '=' && i < from {
			// A value in double quotes after "=" ('"' is no userinfo
			// character; a single quote is, and is in value already).
			j := i
			for j > 0 && isUserinfoByte(text[j-1]) {
				j--
			}
			if word := text[j:i]; !isOption(word) && !isSetting(word) {
				return false
			}
			break
		}
		if i == 0 || (text[i-1] != ' ' && text[i-1] != '\t') {
			return false
		}
		end := strings.TrimRight(text[:i], " \t")
		if !isOption(end[strings.LastIndexAny(end, " \t")+1:]) {
			return false
		}
	}
	value = strings.TrimLeft(value, `'"`)
	user, _, ok := strings.Cut(value, ":")
	return ok && user != "" && !strings.EqualFold(user, "mailto")
}

// isSetting reports a word that starts with an environment variable's
// name in capitals and '=' ("COUCH_URL=", "DB_AUTH=…"): a capital letter
// or '_' first, then capitals, digits and '_'; "url=" or "Email=" is not
// one.
func isSetting(word string) bool {
	eq := strings.IndexByte(word, '=')
	if eq <= 0 || isDigit(word[0]) {
		return false
	}
	for _, c := range []byte(word[:eq]) {
		if !(c >= 'A' && c <= 'Z' || isDigit(c) || c == '_') {
			return false
		}
	}
	return true
}

// isOption reports a word that is a command-line option: one or two '-'
// and a letter ("-u", "--instance=…"), not a dash in prose or a negative
// number.
func isOption(word string) bool {
	if !strings.HasPrefix(word, "-") {
		return false
	}
	word = strings.TrimPrefix(word[1:], "-")
	return word != "" && word[0]|0x20 >= 'a' && word[0]|0x20 <= 'z'
}

// isUserinfoByte reports a byte of a URL's userinfo (RFC 3986: unreserved,
// percent-encoded, sub-delims and ':').
func isUserinfoByte(c byte) bool {
	return isAlnum(c) || strings.IndexByte("-._~%!$&'()*+,;=:", c) >= 0
}

// gitRemote reports a match text[start:end] that is the user and host of
// an SSH git remote in scp-like syntax, not an e-mail address: the user
// "git" (the one every git host serves SSH as: GitHub, GitLab, Bitbucket,
// Azure DevOps), the host, then ':' and the repository's path with no
// space between ("git@github.com:medic/cht-core.git"). The same written as
// a URL ("git+ssh://git@github.com/medic/x.git") is urlUserinfo's. Any
// other user, or "git@" without the path, is still an address: "Email
// jane.doe@gmail.com: …" has a space after the ':'.
func gitRemote(text string, start, end int) bool {
	return strings.HasPrefix(text[start:end], "git@") &&
		end+1 < len(text) && text[end] == ':' && isPathByte(text[end+1])
}

// isPathByte reports a byte that can start the path of a scp-like git
// remote ("medic/…", "~/repo", "/srv/git/…", "v3/org/…" and a port in
// Bitbucket's "ssh://git@host:7999/…").
func isPathByte(c byte) bool {
	return isAlnum(c) || c == '/' || c == '~' || c == '.' || c == '_' || c == '-'
}

// mayHaveEmail is a cheap filter for emailRE: an address has an '@' with a
// local-part character before it and a letter or digit after it. Citation
// keys ("[@smith2020]") put '@' on many lines of medical text, and the
// regexp is costly on long lines.
func mayHaveEmail(text string) bool {
	for i := strings.IndexByte(text, '@'); i >= 0; {
		if i > 0 && i+1 < len(text) && isLocalPart(text[i-1]) && isAlnum(text[i+1]) {
			return true
		}
		j := strings.IndexByte(text[i+1:], '@')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

func isAlnum(c byte) bool     { return isDigit(c) || c|0x20 >= 'a' && c|0x20 <= 'z' }
func isLocalPart(c byte) bool { return isAlnum(c) || c == '_' || c == '%' || c == '+' || c == '-' }

func findNHSNumbers(text string) []span {
	return numbers(text, nhsRE, NHSNumber, func(s string) bool { return validNHS(digitsOf(s)) })
}

func findSSNs(text string) []span {
	return numbers(text, ssnRE, SSN, func(s string) bool { return validSSN(digitsOf(s)) })
}

func findPhones(text string) []span {
	var out []span
	for _, sp := range numbers(text, usPhone, Phone, nil) {
		if !inNumberList(text, sp.start, sp.end) {
			out = append(out, sp)
		}
	}
	out = append(out, numbers(text, ukPhone, Phone, func(s string) bool {
		n := countDigits(s)
		if strings.HasPrefix(s, "+44") {
			n -= 2 // country code
			if strings.Contains(s, "(0)") {
				n--
			}
			return n >= 9 && n <= 10
		}
		return n >= 10 && n <= 11
	})...)
	out = append(out, numbers(text, intPhone, Phone, func(s string) bool {
		n := countDigits(s)
		return n >= 8 && n <= 15
	})...)
	return out
}

// inNumberList reports a US-shaped number written with spaces only
// ("300 500 1000") that has another number beside it, one space away: a
// list of numbers such as the coordinates in "adb shell input swipe 300
// 300 500 1000", not a phone number, which in the US is written with
// dashes, dots or brackets and stands alone.
func inNumberList(text string, start, end int) bool {
	if strings.Trim(text[start:end], "0123456789 ") != "" {
		return false
	}
	before := start >= 2 && text[start-1] == ' ' && isDigit(text[start-2])
	after := end+1 < len(text) && text[end] == ' ' && isDigit(text[end+1])
	return before || after
}

func findIPv4(text string) []span {
	var out []span
	for _, sp := range numbers(text, ipv4RE, IPAddress, func(s string) bool {
		addr, err := netip.ParseAddr(s)
		// "1.2.3.4" is far more often a section or version number.
		return err == nil && addr.Is4() && len(s) > 7 && publicAddr(addr)
	}) {
		if !numberedWord(text, sp.start) {
			out = append(out, sp)
		}
	}
	return out
}

// documentationPrefixes are the address blocks reserved for examples in
// documentation (RFC 5737, RFC 3849).
var documentationPrefixes = []netip.Prefix{
	netip.MustParsePrefix("192.0.2.0/24"),
	netip.MustParsePrefix("198.51.100.0/24"),
	netip.MustParsePrefix("203.0.113.0/24"),
	netip.MustParsePrefix("2001:db8::/32"),
}

// reservedV4 is 240.0.0.0/4, never assigned to a host: it holds the
// broadcast address 255.255.255.255 and netmasks such as 255.255.255.0.
var reservedV4 = netip.MustParsePrefix("240.0.0.0/4")

// publicAddr reports whether addr could be the address of a device on
// the public internet, the only kind of IP address that can identify a
// patient. The others are never reported, not reported as something
// milder: loopback (127.0.0.0/8, ::1), private (RFC 1918's 10/8,
// 172.16/12, 192.168/16, and fc00::/7), link-local (169.254/16,
// fe80::/10), unspecified (0.0.0.0, ::), multicast, reserved and
// documentation addresses are the same on every network or belong to no
// one, so they cannot point at anybody, and they fill technical pages
// (127.0.0.1 in a server set-up, 172.18.0.1 in Docker's output, 255.255.255.0
// as a netmask). A finding is an error to remove or allow, and Scan has no
// milder grade; a warning on every such address would teach writers to
// ignore the check. This holds in code spans and blocks as in prose: Scan
// reads source lines and treats both alike, since a phone number or a
// public address pasted into a code block is still published.
func publicAddr(addr netip.Addr) bool {
	if addr.IsLoopback() || addr.IsPrivate() || addr.IsLinkLocalUnicast() || addr.IsUnspecified() ||
		addr.IsMulticast() || addr.IsLinkLocalMulticast() || addr.IsInterfaceLocalMulticast() {
		return false
	}
	if addr.Is4() && (addr.As4()[0] == 0 || reservedV4.Contains(addr)) { // 0.0.0.0/8: "this network"
		return false
	}
	for _, p := range documentationPrefixes {
		if p.Contains(addr) {
			return false
		}
	}
	return true
}

// numberedWord reports whether the word before i says that the following
// dotted number is a version or a section, not an address.
func numberedWord(text string, i int) bool {
	before := strings.Fields(strings.ToLower(text[:i]))
	if len(before) == 0 {
		return false
	}
	switch strings.TrimRight(before[len(before)-1], ":") {
	case "version", "v", "ver", "release", "section", "sections", "§",
		"recommendation", "recommendations", "paragraph", "para", "chapter", "rule":
		return true
	}
	return false
}

func findIPv6(text string) []span {
	if strings.Count(text, ":") < 2 {
		return nil
	}
	var out []span
	for _, m := range ipv6RE.FindAllStringIndex(text, -1) {
		s := text[m[0]:m[1]]
		if m[0] > 0 && (isWordByte(text[m[0]-1]) || text[m[0]-1] == ':') {
			continue
		}
		if m[1] < len(text) && (isWordByte(text[m[1]]) || text[m[1]] == ':') {
			continue
		}
		addr, err := netip.ParseAddr(s)
		if err != nil || !addr.Is6() || countHex(s) < 4 || !publicAddr(addr.Unmap()) {
			continue
		}
		out = append(out, span{m[0], m[1], IPAddress, maskTail(s, 2)})
	}
	return out
}

func findAddresses(text string, facts *lineFacts) []span {
	var out []span
	if facts.ungated || hasStreetWord(text) {
		for _, m := range addressRE.FindAllStringSubmatchIndex(text, -1) {
			if m[0] > 0 && (text[m[0]-1] == '.' || text[m[0]-1] == ',') {
				continue
			}
			if inLongerNumber(text, m[0]) || cutAbbreviation(text, text[m[4]:m[5]], m[1]) || hasStopWord(text[m[2]:m[3]]) {
				continue
			}
			out = append(out, span{m[0], m[1], Address, maskAll(text[m[0]:m[4]]) + text[m[4]:m[1]]})
		}
	}
	if facts.hasAny("box") {
		for _, m := range poBoxRE.FindAllStringIndex(text, -1) {
			out = append(out, span{m[0], m[1], Address, maskTail(text[m[0]:m[1]], 0)})
		}
	}
	return out
}

// inLongerNumber reports a house number at text[start] that is the end of
// a longer number: after a digit and ':' it ends a time ("00:00:00 Compact
// St", a date-time column of R's console output), after a digit and '-' it
// ends a date ("2050-01-01 Compact St": addressRE's own range, "12-14 High
// Street", is matched from its first number, so a match starts after a
// digit and '-' only where more numbers came before). A ':' after a word
// ("Address:12 High St") and a unit before '/' ("3/12 High Street") are
// not numbers of that kind, and their addresses are reported.
func inLongerNumber(text string, start int) bool {
	return start >= 2 && (text[start-1] == ':' || text[start-1] == '-') && isDigit(text[start-2])
}

// cutAbbreviation reports a street type, typ, that ends a match at
// text[:end] and is no street type: an abbreviation that R's console
// output cut short, the start of a longer word. A tibble prints a value
// too wide for its column as its first characters and one more, '~' in
// ASCII or '…' in UTF-8 (pillar's str_trunc, with cli's symbol$continue),
// wherever the width falls: "Compact St~" may be Compact Star or Compact
// Station. A full street type cut right after it ("12 Market Street~")
// is reported, as one cut after the space that follows it ("12 Market
// Street ~") is: few words start with a whole street type. An
// abbreviation (streetAbbreviations) starts too many, so an address cut
// there ("12 High St~" for 12 High Street) is missed, and so is one cut
// inside its street type ("4021 Old Compact Ro~"): the cut text cannot
// tell it from a facility's name.
func cutAbbreviation(text, typ string, end int) bool {
	return streetAbbreviations[typ] && cutShort(text, end)
}

// streetAbbreviations are the street types of addressRE that start many
// longer words (St: Star, State, Station, Study; Dr: Drug; Pl: Plan).
var streetAbbreviations = map[string]bool{"St": true, "Rd": true, "Ave": true, "Ln": true, "Dr": true,
	"Blvd": true, "Ct": true, "Pl": true, "Sq": true, "Pkwy": true, "Hwy": true}

// cutShort reports whether the word before text[end] was cut short by
// R's console output: one '~' or one '…' follows it, then a space or the
// line's end. In a tibble every cut word ends so.
//   - '~' must not close a strikethrough: no '~' before it on the line may
//     open one ("~~12 High St~~" and "~12 High St~" are addresses struck
//     through, published all the same); in a tibble a space follows every
//     '~'.
//   - '…' ends sentences that trail off ("we met at 12 High St… and"), so
//     it is a cut only on a line of R's output as knitr ("## ") and reprex
//     ("#> ") print it.
func cutShort(text string, end int) bool {
	rest := text[end:]
	switch {
	case strings.HasPrefix(rest, "~"):
		rest = rest[1:]
	case strings.HasPrefix(rest, "…") && isROutput(text):
		rest = rest[len("…"):]
	default:
		return false
	}
	if rest != "" && rest[0] != ' ' {
		return false
	}
	if text[end] != '~' {
		return true
	}
	for i := strings.IndexByte(text, '~'); i >= 0 && i < end; {
		if i+1 < len(text) && text[i+1] != ' ' {
			return false // a strikethrough opens here
		}
		j := strings.IndexByte(text[i+1:], '~')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return true
}

// isROutput reports a line of R's console output printed into a page:
// knitr comments each line of a chunk's output with "##", reprex with
// "#>" (either may be indented as a code block).
func isROutput(text string) bool {
	t := strings.TrimLeft(text, " \t")
	return strings.HasPrefix(t, "##") || strings.HasPrefix(t, "#>")
}

// streetWords are the street types addressRE ends with (the abbreviations
// cover the full words they start).
var streetWords = []string{"St", "Road", "Rd", "Av", "Lane", "Ln", "Dr", "Boulevard", "Blvd",
	"Ct", "Court", "Pl", "Way", "Close", "Crescent", "Terrace", "Sq", "Parkway", "Pkwy",
	"Highway", "Hwy", "Circle", "Grove", "Gardens", "Mews"}

// streetWordTails lists each street word but its first letter, under that
// capital letter (A is 0); made once from streetWords, never changed.
var streetWordTails = func() (tails [26][]string) {
	for _, w := range streetWords {
		tails[w[0]-'A'] = append(tails[w[0]-'A'], w[1:])
	}
	return tails
}()

// hasStreetWord reports whether text contains one of streetWords. Each
// starts with a capital, rare in prose: one walk over the line's capitals,
// eight bytes at a time, tries the words of each capital it meets,
// where a search of the line for each word took 25.
func hasStreetWord(text string) bool {
	i := 0
	for ; i+8 <= len(text); i += 8 {
		caps := upperMask(binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(text[i:]), 8)))
		for caps != 0 {
			at := i + bits.TrailingZeros64(caps)/8
			if streetWordAt(text, at) {
				return true
			}
			caps &= caps - 1
		}
	}
	for ; i < len(text); i++ {
		if streetWordAt(text, i) {
			return true
		}
	}
	return false
}

// streetWordAt reports whether one of streetWords starts at text[at].
func streetWordAt(text string, at int) bool {
	c := text[at]
	if c < 'A' || c > 'Z' {
		return false
	}
	for _, tail := range streetWordTails[c-'A'] {
		if strings.HasPrefix(text[at+1:], tail) {
			return true
		}
	}
	return false
}

// hasStopWord reports words that do not occur in street names but do occur
// in headings such as "3 Easy Ways" or "10 Top Tips Place".
func hasStopWord(names string) bool {
	for _, w := range strings.Fields(names) {
		switch strings.ToLower(w) {
		case "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "with",
			"your", "my", "our", "this", "that", "these", "those", "best", "easy",
			"simple", "quick", "other", "more", "most", "less", "every", "each",
			"better", "top", "key", "step", "steps", "tips":
			return true
		}
	}
	return false
}

// numbers finds numeric matches of re that stand alone (not part of a
// longer number, word or decimal), are not followed by a unit ("500 mg")
// and pass valid, which may be nil.
func numbers(text string, re *regexp.Regexp, kind Kind, valid func(string) bool) []span {
	if !hasDigit(text) {
		return nil
	}
	var out []span
	for _, m := range re.FindAllStringIndex(text, -1) {
		s := text[m[0]:m[1]]
		if !startsCleanly(text, m[0]) || !endsCleanly(text, m[1]) || followedByUnit(text[m[1]:]) {
			continue
		}
		if valid != nil && !valid(s) {
			continue
		}
		out = append(out, span{m[0], m[1], kind, maskTail(s, 2)})
	}
	return out
}

// startsCleanly: the byte before i is not part of a word, number or decimal.
func startsCleanly(text string, i int) bool {
	if i == 0 {
		return true
	}
	switch c := text[i-1]; {
	case isWordByte(c), c == '.', c == '/', c == '-', c == '+', c == ':':
		return false
	}
	return true
}

// endsCleanly: the text at i does not continue the number ("…4567-8",
// "…4567.5", "…4567/2", "…4567x").
func endsCleanly(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	c := text[i]
	if isWordByte(c) {
		return false
	}
	if (c == '.' || c == '-' || c == '/' || c == ':') && i+1 < len(text) && isDigit(text[i+1]) {
		return false
	}
	return true
}

// followedByUnit reports a dose or measurement unit right after a number.
func followedByUnit(rest string) bool {
	rest = strings.TrimLeft(rest, " \t")
	end := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) && r != '%' && r != 'µ' })
	if end < 0 {
		end = len(rest)
	}
	switch strings.ToLower(rest[:end]) {
	case "mg", "mcg", "µg", "ug", "g", "kg", "ml", "l", "mmol", "mol", "units",
		"unit", "iu", "%", "mmhg", "kcal", "cal", "steps", "mm", "cm", "km",
		"mg/dl", "mmol/l", "bpm", "hours", "days", "weeks", "years", "people",
		"patients", "cases", "deaths":
		return true
	}
	return false
}

// validNHS applies the NHS number modulus 11 check digit.
func validNHS(d string) bool {
	if len(d) != 10 {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(d[9]-'0')
}

// validSSN applies the Social Security Administration's never-issued rules:
// area 000, 666 and 900–999, group 00 and serial 0000 are invalid.
func validSSN(d string) bool {
	if len(d) != 9 {
		return false
	}
	area, group, serial := d[:3], d[3:5], d[5:]
	return area != "000" && area != "666" && area[0] != '9' && group != "00" && serial != "0000"
}

func digitsOf(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

func countDigits(s string) int { return len(digitsOf(s)) }

func countHex(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if isDigit(s[i]) || (s[i]|0x20 >= 'a' && s[i]|0x20 <= 'f') {
			n++
		}
	}
	return n
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func hasDigit(s string) bool { return strings.ContainsAny(s, "0123456789") }

// isWordByte reports ASCII letters and digits, and any byte of a
// multi-byte UTF-8 sequence (so "½555…" or "é0161…" are not boundaries).
func isWordByte(c byte) bool {
	return isDigit(c) || (c|0x20 >= 'a' && c|0x20 <= 'z') || c == '_' || c >= utf8.RuneSelf
}
