package phi

import (
	"slices"
	"strings"
	"testing"
)

func TestScanFinds(t *testing.T) {
	tests := []struct {
		name   string
		line   string
		kind   Kind
		col    int
		masked string
	}{
		{"email", "Contact jane.doe@gmail.com today", Email, 9, "j***@gmail.com"},
		{"mailto link", "[mail](mailto:j.smith@nhs.net)", Email, 15, "j***@nhs.net"},
		{"us phone parens", "Call (555) 123-4567 now", Phone, 6, "(***) ***-**67"},
		{"us phone dashes", "ph 555-123-4567", Phone, 4, "***-***-**67"},
		{"us phone dots", "at 555.123.4567.", Phone, 4, "***.***.**67"},
		{"us phone country code", "on +1 555 123 4567", Phone, 4, "+* *** *** **67"},
		{"us toll free", "1-800-273-8255", Phone, 1, "*-***-***-**55"},
		{"uk london", "Ring 020 7946 0958 please", Phone, 6, "*** **** **58"},
		{"uk area code in brackets", "(020) 7946 0958", Phone, 1, "(***) **** **58"},
		{"uk manchester", "0161 496 0000", Phone, 1, "**** *** **00"},
		{"uk mobile", "mobile 07700 900123", Phone, 8, "***** ****23"},
		{"uk international", "+44 (0)20 7946 0958", Phone, 1, "+** (*)** **** **58"},
		{"international", "Paris +33 1 23 45 67 89", Phone, 7, "+** * ** ** ** 89"},
		{"labelled unseparated", "Tel: 02079460958", Phone, 6, "*********58"},
		{"labelled fax", "Fax 5551234567", Phone, 5, "********67"},
		{"labelled local", "call 555-1234", Phone, 6, "***-**34"},
		{"ssn", "SSN 123-45-6789", SSN, 5, "***-**-**89"},
		{"ssn unlabelled", "id 123-45-6789.", SSN, 4, "***-**-**89"},
		{"ssn labelled spaces", "social security number: 123 45 6789", SSN, 25, "*** ** **89"},
		{"nhs number", "NHS 943 476 5919", NHSNumber, 5, "*** *** **19"},
		{"nhs labelled unseparated", "NHS number: 9434765919", NHSNumber, 13, "********19"},
		{"mrn", "MRN: 1234567", MRN, 1, "MRN: *****67"},
		{"medical record number", "Medical record number is A1234567", MRN, 1, "Medical record number is ******67"},
		{"hospital number", "hospital no. 00123456", MRN, 1, "hospital no. ******56"},
		{"dob numeric", "DOB 01/02/1980", DOB, 1, "DOB **/**/**80"},
		{"dob words", "date of birth: 3 March 1975", DOB, 1, "date of birth: * ***** **75"},
		{"born on", "She was born on 3rd March 1975.", DOB, 9, "born on *** ***** **75"},
		{"born us style", "born March 3, 1975", DOB, 1, "born ***** *, **75"},
		{"dob iso", "d.o.b. 1980-02-01", DOB, 1, "d.o.b. ****-**-01"},
		{"street", "lives at 12 High Street", Address, 10, "** **** Street"},
		{"street letter number", "221B Baker St", Address, 1, "**** ***** St"},
		{"avenue", "1600 Pennsylvania Avenue NW", Address, 1, "**** ************ Avenue"},
		{"po box", "PO Box 1234", Address, 1, "** *** ****"},
		// Only a number that ends a time or a date is no house number,
		// and only a '~' that cuts a word in R's output makes a street
		// type none: a range, a unit before '/', a label and ':', a
		// strikethrough and a row number of R's output keep an address.
		{"street number range", "12-14 High Street", Address, 1, "**-** **** Street"},
		{"unit before a street number", "Flat 3/12 High Street", Address, 8, "** **** Street"},
		{"street after a label and a colon", "Address:12 High St", Address, 9, "** **** St"},
		{"street after a time in a log", "    2050-01-01 00:00:00 visit to 12 High Street", Address, 34, "** **** Street"},
		{"street struck through", "~~12 High St~~ moved", Address, 3, "** **** St"},
		{"street struck through with one tilde", "~12 High St~ moved", Address, 2, "** **** St"},
		{"street in R's output after a row number", "    ##  1 12 High Street  Leeds~", Address, 11, "** **** Street"},
		// R's console output cuts a value too wide for its column with
		// '~' (ASCII) or '…' (UTF-8) wherever the width falls: a full
		// street type cut right after is still one, and '…' cuts a word
		// only in R's output ("## ", "#> "); in prose it ends a sentence.
		{"street cut right after its type in R's output", "    ##  1 12 Market Street~ Leeds", Address, 11, "** ****** Street"},
		{"road cut at the line's end in R's output", "    ##  1 4021 Old Compact Road~", Address, 11, "**** *** ******* Road"},
		{"avenue cut in reprex output", "#> 1 12 Market Avenue~ 42", Address, 6, "** ****** Avenue"},
		{"street cut with an ellipsis in R's output", "    ##  1 12 Market Street… Leeds", Address, 11, "** ****** Street"},
		{"street cut after the space that follows it", "    ##  1 12 Market Street ~", Address, 11, "** ****** Street"},
		{"street struck through in full", "~12 High Street~ moved", Address, 2, "** **** Street"},
		{"abbreviation before a sentence's ellipsis", "We met at 12 High St… and then left.", Address, 11, "** **** St"},
		{"ipv4", "from 193.168.1.23 at", IPAddress, 6, "***.***.*.23"},
		{"ipv6", "addr 2a01:4f8::8a2e:370:7334", IPAddress, 6, "****:***::****:***:**34"},
		// Code is scanned as prose is: a public address or a phone number
		// pasted into a code span or block is published all the same.
		{"public ipv4 in a code span", "Set `INTERFACE` to `81.2.69.142` on the patient records server.", IPAddress, 21, "**.*.**.*42"},
		{"public ipv6 in a code block", "    ping6 2a00:1450:4009:81f::200e", IPAddress, 11, "****:****:****:***::**0e"},
		{"phone in a code block", "    sms.send('020 7946 0958', reminder)", Phone, 15, "*** **** **58"},
		{"us phone with spaces alone", "Ring 555 123 4567 today", Phone, 6, "*** *** **67"},
		{"email beside image names", "Write to icon@health.nhs.uk", Email, 10, "i***@health.nhs.uk"},
		// An address is reported in code as in prose, and at a domain that
		// only looks reserved for examples or a placeholder; "git@" is a
		// remote only with a path after ':' or after ssh://.
		{"email in a code span", "Set `SUPPORT_EMAIL` to `jane.doe@gmail.com` on the server.", Email, 25, "j***@gmail.com"},
		{"email in a code block", "    git config user.email \"a.patel@nhs.net\"", Email, 28, "a***@nhs.net"},
		{"email before a colon and a space", "Email jane.doe@gmail.com: she replies the same day.", Email, 7, "j***@gmail.com"},
		{"another user before a path", "    scp notes.txt jane@gmail.com:inbox/", Email, 19, "j***@gmail.com"},
		{"git@ without a remote's path", "The mailbox git@nhs.net is read daily.", Email, 13, "g***@nhs.net"},
		{"git@ before a spaced colon", "Write to git@nhs.net: it is read daily.", Email, 10, "g***@nhs.net"},
		{"a country's example domain", "Mail jane@example.co.uk today", Email, 6, "j***@example.co.uk"},
		{"example.com under another domain", "Mail jane@example.com.au today", Email, 6, "j***@example.com.au"},
		{"example in a longer name", "Mail jane@myexample.com today", Email, 6, "j***@myexample.com"},
		{"a real top-level domain after a reserved name", "Mail jane@clinic.example.health today", Email, 6, "j***@clinic.example.health"},
		{"another address at test.com", "Mail jane.doe@test.com today", Email, 6, "j***@test.com"},
		{"test@ at another domain", "Mail test@nhs.net today", Email, 6, "t***@nhs.net"},
		// Every top-level domain that exists is one, whatever it looks
		// like: a country's, a brand's, a file type's, under a name on
		// the list's private section (uk.com), one listed only by a
		// wildcard under it (*.ck), in capitals.
		{"a .scot address", "Mail jane@nhs.scot today", Email, 6, "j***@nhs.scot"},
		{"a .health address", "Mail jane@clinic.health today", Email, 6, "j***@clinic.health"},
		{"a .nhs.uk address", "    ssh jane.doe@gp.nhs.uk", Email, 9, "j***@gp.nhs.uk"},
		{"a .md address", "Mail jane@clinic.md today", Email, 6, "j***@clinic.md"},
		{"a private suffix's domain", "Mail jane@clinic.uk.com today", Email, 6, "j***@clinic.uk.com"},
		{"a wildcard-only top-level domain", "Mail jane@clinic.co.ck today", Email, 6, "j***@clinic.co.ck"},
		{"a top-level domain in capitals", "Mail JANE@CLINIC.COM today", Email, 6, "J***@CLINIC.COM"},
		{"a real domain beside a local one", "Mail jane@db.local.com today", Email, 6, "j***@db.local.com"},
		// Only a URL's user information is left out: an address in its
		// path or query, after "mailto://", after a "://" with no scheme, or
		// after a space is an address.
		{"an address in a URL's query", "Open myapp://compose?to=jane@nhs.net now", Email, 25, "j***@nhs.net"},
		{"an address in a URL's path", "Open smb://fileserver.nhs.uk/users/jane@nhs.net now", Email, 36, "j***@nhs.net"},
		{"mailto:// is not a URL with a user", "Write to mailto://jane@nhs.net now", Email, 19, "j***@nhs.net"},
		{"no scheme before ://", "Paste ://jane@nhs.net here", Email, 10, "j***@nhs.net"},
		{"an address after a URL and a space", "ssh://backup.nhs.uk jane@nhs.net", Email, 21, "j***@nhs.net"},
		{"a user and password without a scheme", "Log in as admin:jane@nhs.net", Email, 17, "j***@nhs.net"},
		// A command-line option's argument is a credential only as
		// user:password@host: an address alone is an address in an
		// option as in prose, and so is one after mailto:.
		{"an address as an option's value", "    medkb notify --email=jane.doe@nhs.net", Email, 26, "j***@nhs.net"},
		{"an address as an option's argument", "    mail -r j.smith@gmail.com -s Results", Email, 13, "j***@gmail.com"},
		{"an address in quotes after an option", `    notify --to "patient123@hotmail.co.uk"`, Email, 18, "p***@hotmail.co.uk"},
		{"mailto: in an option's value", "    notify --to=mailto:jane@nhs.net", Email, 24, "j***@nhs.net"},
		{"a user and ':' after a word that is no option", "    notify to admin:jane@nhs.net", Email, 21, "j***@nhs.net"},
		{"a user and ':' after a dash in prose", "Write to the clinic - admin:jane@nhs.net", Email, 29, "j***@nhs.net"},
		// An environment variable's value is a credential only as
		// user:password@host, and only after a name in capitals; a long
		// option with no '=' is no glued one-letter option, and a word in
		// double quotes is a value only after an option's or setting's '='.
		{"an address as an environment variable's value", "    export EMAIL=jane.doe@nhs.net", Email, 18, "j***@nhs.net"},
		{"a user and ':' after a lower-case name and '='", "    notify to=admin:jane@nhs.net", Email, 21, "j***@nhs.net"},
		{"a user and ':' after a mixed-case name and '='", "    Contact=admin:jane@nhs.net", Email, 19, "j***@nhs.net"},
		{"a user and ':' glued to a long option", "    notify --admin:jane@nhs.net", Email, 20, "j***@nhs.net"},
		{"a user and ':' in quotes after a word and '='", `    notify to="admin:jane@nhs.net"`, Email, 22, "j***@nhs.net"},
		// Only action@github.com is GitHub Actions' own, only a local part
		// that is a no-reply convention is a no-reply address, and only
		// users.noreply.github.com is GitHub's domain of no-reply addresses.
		{"another address at github.com", "    git config user.email \"jsmith@github.com\"", Email, 28, "j***@github.com"},
		{"action@ at another domain", "    git config user.email \"action@nhs.net\"", Email, 28, "a***@nhs.net"},
		{"noreply in a longer local part", "Mail jsmith.noreply@gmail.com today", Email, 6, "j***@gmail.com"},
		{"a local part starting with noreply", "Mail noreply.jsmith@nhs.net today", Email, 6, "n***@nhs.net"},
		{"a local part ending in noreply", "Mail jane-noreply@nhs.net today", Email, 6, "j***@nhs.net"},
		{"noreply in the domain only", "Mail jane@noreply.nhs.uk today", Email, 6, "j***@noreply.nhs.uk"},
		{"a domain that ends like GitHub's", "Mail jane@users.noreply.github.com.au today", Email, 6, "j***@users.noreply.github.com.au"},
		{"a domain that ends like GitLab's", "Mail jane@users.noreply.gitlab.com.au today", Email, 6, "j***@users.noreply.gitlab.com.au"},
		{"another GitLab's no-reply domain", "Mail 12345-jane@users.noreply.gitlab.nhs.uk today", Email, 6, "1***@users.noreply.gitlab.nhs.uk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Scan([]byte(tt.line))
			if len(got) != 1 {
				t.Fatalf("Scan(%q) = %+v, want exactly one %s", tt.line, got, tt.kind)
			}
			want := Finding{Line: 1, Col: tt.col, Kind: tt.kind, Masked: tt.masked}
			if got[0].Match == "" {
				t.Errorf("Scan(%q): no Match", tt.line)
			}
			got[0].Match = ""
			if got[0] != want {
				t.Errorf("Scan(%q) = %+v, want %+v", tt.line, got[0], want)
			}
		})
	}
}

// TestScanIgnoresTechnicalText holds lines of real technical
// documentation (medic/cht-docs, AGPL-3.0, nhs-pycom/nhs.pycom, MIT, and
// USAID-OHA-SI/usaid-oha-si.github.io, MIT: short excerpts, quoted under
// their licences) that hold no identifier: addresses no patient's device
// can have, an image file name with an @, a list of screen coordinates, a
// title-case link text with a number in brackets, R's console output.
func TestScanIgnoresTechnicalText(t *testing.T) {
	lines := []string{
		// loopback, private, link-local, unspecified, documentation,
		// reserved (netmasks) and multicast addresses, in prose, code
		// spans, tables and log lines
		"Set `INTERFACE` to `127.0.0.1` so the patient records server is only reachable from this machine.",
		"| `[chttpd]`<br>`bind_address = 0.0.0.0` | HTTP port IP address binding. | [127.0.0.1](https://docs.couchdb.org/en/stable/config/http.html#chttpd/bind_address) |",
		"2025-06-02T12:04:00.798 REQ: d7b2b47958ae 172.18.0.1 - POST /medic-test/_bulk_docs HTTP/1.0",
		"172.18.0.8,couchdb-3.local,200,0,0,0,GET,/_session,-,0,d7b2b47958ae,322,0,147,'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)'",
		"1. Verify that you see the SQL Exporters metrics:  If `SQL_EXPORTER_IP` was set to `10.220.249.15`, then this would be: `http://10.220.249.15:9399/metrics`.",
		"* Your Postgres server is set up. We'll be using `10.195.130.93` in this documentation, but be sure to use your production Postgres address.",
		"   psql -U cht_couch2pg -h 192.168.68.26 cht",
		"[notice] 2024-07-26T20:52:45.468469Z couchdb@127.0.0.1 <0.11029.4> 3bf85c6071 haproxy:5984 172.22.0.4 medic GET /_active_tasks 200 ok 1",
		"The patient app's phone gets 169.254.10.20 when DHCP fails; set the netmask to 255.255.255.0.",
		"Examples use 192.0.2.15, 198.51.100.7 and 203.0.113.200, and 2001:db8::8a2e:370:7334.",
		"The clinic server listens on ::1 and fe80::1ff:fe23:4567:890a and fd12:3456:789a::1, multicast 224.0.0.251.",
		// an image file name is not an e-mail address
		`    "icon-risk": "icon-healthcare-warning@2x.png",`,
		"        icon-healthcare-warning@2x.png icon-healthcare-medicine@3x.jpg logo@1.5x.svg",
		// screen coordinates are not a phone number
		"  - Scroll up: `adb shell input swipe 300 300 500 1000`",
		// a title-case link text is not a name beside an age
		"### [NHS English Prescribing Data (EPD) Analysis Using Python (1)](https://towardsdatascience.com/nhs-english-prescribing-data-analysis-using-python-9d86ec610880)",
		"See Part Two (3) of our patient guide, Getting Started (2).",
		// an SSH git remote is not an e-mail address
		"  git remote set-url origin git@github.com:your-username/your_repo.git",
		"Clone it with `git clone git@gitlab.com:x/y` first.",
		"    git clone git@ssh.dev.azure.com:v3/org/project/repo",
		`    "cht-core": "git+ssh://git@github.com/medic/cht-core.git",`,
		"    git clone ssh://git@bitbucket.example.net:7999/cht/docs.git",
		// an address at a domain reserved for examples, or the placeholder
		// test@test.com, is nobody's
		"- SSO Email Address: `test@test.com` (must match email from prior step)",
		`      "db-example-com": 'postgres://db_user:db_password@db.example.com:5432/cht?sslmode=disable'`,
		"Sign in as user@example.com, name@example.org or admin@EXAMPLE.NET.",
		"Mail reports to team@reports.health.example.org and Test@Test.com.",
		"Use someone@domain.test, you@yourdomain.invalid, nurse@clinic.example or admin@app.localhost.",
		// an address at a top-level domain that does not exist is
		// nobody's: a host on a local network or an internal name
		"0   */4  *   *   *     BORG_PASSPHRASE='PASSWORD' borg create borg@backup.server:cht::$(date \"+%y-%m-%d_%H:%M:%S\") /home/ubuntu/cht/couchdb",
		`    ssh borg@backup.server "borg --version;whoami;date;hostname"`,
		"Run `ssh admin@db.local`, `ssh user@host.internal` or `ssh pi@raspberrypi.lan`, or ADMIN@NAS.HOME.",
		// a URL's user and password, whatever the scheme
		"    DATABASE_URL=postgres://cht_user:s3cret@db.nhs.uk:5432/cht",
		"    mongosh 'mongodb://admin:secret@mongo.clinic.com:27017/records?authSource=admin'",
		"    mongodb+srv://jane:p4ss@cluster0.abcde.mongodb.net/test",
		"    sftp ssh://jane@files.nhs.uk:2222/upload and smb://j.smith@fileserver.nhs.uk/share",
		"    rsync -a notes/ rsync://backup:pa%40ss@store.clinic.org/module/",
		// a user and password as a command-line option's argument
		"cht --instance=user:pass@instancename.app.medicmobile.org upload-collect-forms",
		"    cht --url=medic:password@localhost:5988 --accept-self-signed-certs",
		"    curl -u medic:password@192.168.1.2 and -u admin:s3cret@cht.clinic.org",
		`    cht --instance='admin:pa$$word@cht.clinic.org' and --url "medic:pass@db.nhs.uk" backup`,
		"    cht -i=medic:pw@cht.clinic.org --user\tadmin:pw@cht.clinic.org",
		// glued to a one-letter option, as mysql and curl accept
		"    curl -umedic:pw@cht.clinic.org and mysql -uadmin:s3cret@db.nhs.uk",
		// in double quotes after an option's '='
		`    cht --url="medic:pw@cht.clinic.org" -i="admin:pw@cht.clinic.org"`,
		// as an environment variable's value, named in capitals
		"    COUCH_URL=medic:pw@cht.clinic.org",
		"    export DB_AUTH=admin:secret@db.nhs.uk",
		"    docker run -e COUCH_URL=medic:pw@host.org medicmobile/cht-api",
		"      - COUCHDB_USER_2=admin:pw@couchdb.clinic.org",
		`    export COUCH_URL="medic:pw@cht.clinic.org" _AUTH='admin:pw@db.nhs.uk'`,
		// addresses automated mail and commits come from: no-reply ones at
		// any domain, GitHub Actions' own, an account's GitHub or GitLab
		// no-reply one
		`    git config --local user.email "action@github.com"`,
		`    git config user.email "41898282+github-actions[bot]@users.noreply.github.com"`,
		`    git config user.email "12345+jsmith@users.noreply.github.com"`,
		"Co-authored-by: J Smith <jsmith@users.noreply.github.com>",
		`    git config user.email "12345-jsmith@users.noreply.gitlab.com"`,
		"Co-authored-by: J Smith <12345-JSmith@users.noreply.gitlab.com>",
		"Notifications come from noreply@github.com and NoReply@GitHub.com.",
		"Results are sent from no-reply@hospital.nhs.uk, donotreply@gp.nhs.uk or do-not-reply@clinic.org.",
		"    SMTP_FROM=no_reply@clinic.org MAIL_FROM=do_not_reply@nhs.net",
		"    medkb notify --from=noreply@nhs.net --to=mailto:noreply@nhs.net",
		// R's console output: a time or a date before a name is no house
		// number, and a word a tibble cut short with '~' is no street type
		"    ##  1 2050-01-01 00:00:00 Compact St~ RsbEDh3xi~     54321 Capric~ Jupiter       Naiad            17",
		"    ##  1 Compact St~ RsbEDh3xi~     54321 Capric~ Jupiter",
		"    ## 10    17 Compact Rd~ Jupiter",
		// the same cut in UTF-8, as knitr and reprex print it
		"    ##  1 Compact St… RsbEDh3xi…     54321 Capric… Jupiter       Naiad            17",
		"#>  1 Compact St… RsbEDh3xi…     54321 Capric…",
		"    ## 10    17 Compact Rd… Jupiter",
		"    ##  1 Compact St~",
		"    2050-01-01 00:00:00 Compact Street Clinic opened",
		"    2050-01-01 Compact Street Clinic opened",
	}
	for _, line := range lines {
		if got := Scan([]byte(line)); len(got) != 0 {
			t.Errorf("Scan(%q) = %+v, want nothing", line, got)
		}
	}
}

// TestScanIgnores lists real medical text that must not be reported.
func TestScanIgnores(t *testing.T) {
	lines := []string{
		"Call 999 or 112 in an emergency, or 911 in the US. For advice call NHS 111.",
		"Samaritans: call 116 123 free.",
		"Take 500 mg twice a day, up to 4000 mg in 24 hours.",
		"Doses: 250 500 1000 mg.",
		"A reading of 120/80 mmHg is normal; 140/90 or above is high.",
		"Between 1990 and 2020 rates fell. See 2019-2023 data.",
		"Coded as E11.9 or J45.909 (ICD-10), I10 for hypertension.",
		"SNOMED CT 38341003 and 195967001.",
		"doi:10.1056/NEJMoa2034577 and https://doi.org/10.1016/j.jaci.2019.01.002",
		"PMID: 31978945; ISBN 978-0-19-968773-0; ISBN 0-306-40615-2",
		"See https://www.nice.org.uk/guidance/ng136 or www.nhs.uk/conditions/asthma/123-456-7890",
		"Your medical record number is on your appointment letter.",
		"Babies born at 32 weeks, born in 1975, born on a Tuesday.",
		"Recommendation 1.4.10 and section 1.2.3.4 apply.",
		"Time 10:30:45; ratio 1:2:3.",
		"eGFR 60 mL/min/1.73 m2, HbA1c 48 mmol/mol (6.5%).",
		"Follow 3 Simple Steps, 10 Top Tips and the 5 Easy Ways to breathe.",
		"Use 2 Puffs of the Blue Inhaler.",
		"Cite [@who-hypertension] and [@nice-ng136; @aha-bp-readings].",
		"About 1 in 3 adults; 1,000,000 people; 10 000 000 people.",
		"NCT04368728 and ISRCTN12345678 are trial IDs.",
		"Version 2.10.0.1 of the app.",
		"Fluids: 1.5 to 2 litres; 0.5 mg/kg.",
		"Weight 70 kg, height 175 cm, BMI 22.9.",
		"Open 0800-1700, Monday to Friday; 24/7 at weekends.",
		"Call 0300 123 1234 <!-- medkb:allow-identifier -->",
	}
	for _, line := range lines {
		if got := Scan([]byte(line)); len(got) != 0 {
			t.Errorf("Scan(%q) = %+v, want nothing", line, got)
		}
	}
}

func TestScanFrontMatter(t *testing.T) {
	src := strings.Join([]string{
		"---",                               // 1
		"title: Asthma",                     // 2
		"date: 2024-01-22",                  // 3
		"last_reviewed: 2026-08-15",         // 4
		"contact: nurse@nhs.net",            // 5 scanned
		"references:",                       // 6
		"  - id: smith2020",                 // 7
		"    doi: 10.1000/555-123-4567",     // 8 skipped
		"    pmid: \"555 123 4567\"",        // 9 skipped
		"    url: https://x.org/5551234567", // 10 skipped
		"    pages: 123-45-6789",            // 11 skipped
		"birth_date: 1980-02-01",            // 12 scanned: keys naming a birth date
		"---",                               // 13
		"Call 020 7946 0958.",               // 14
	}, "\n")
	got := Scan([]byte(src))
	want := []Finding{
		{Line: 5, Col: 10, Kind: Email, Masked: "n***@nhs.net"},
		{Line: 12, Col: 1, Kind: DOB, Masked: "birth_date: ****-**-01"},
		{Line: 14, Col: 6, Kind: Phone, Masked: "*** **** **58"},
	}
	if len(got) != len(want) {
		t.Fatalf("Scan = %+v, want %+v", got, want)
	}
	for i := range want {
		got[i].Match = ""
		if got[i] != want[i] {
			t.Errorf("finding %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestScanTOMLFrontMatterAndPositions(t *testing.T) {
	src := "+++\r\ndate = 2024-01-22\r\ndoi = \"555-123-4567\"\r\n+++\r\nÉté: café 555-123-4567\r\n"
	got := Scan([]byte(src))
	want := []Finding{{Line: 5, Col: 11, Kind: Phone, Masked: "***-***-**67"}}
	if len(got) == 1 {
		got[0].Match = ""
	}
	if len(got) != 1 || got[0] != want[0] {
		t.Fatalf("Scan = %+v, want %+v (columns count runes)", got, want)
	}
}

// TestScanFrontMatterBelowBlankLines: package frontmatter reads a block
// that opens below blank lines (and a byte order mark), as Hugo does, so
// its reference values are skipped there too, and the delimiters, which
// may end in spaces, are not scanned.
func TestScanFrontMatterBelowBlankLines(t *testing.T) {
	for _, top := range []string{"\n", "\xef\xbb\xbf\n  \n"} {
		src := top + "---  \ndoi: 10.1000/555-123-4567\npages: 123-45-6789\n--- \nCall 020 7946 0958.\n"
		got := Scan([]byte(src))
		line := strings.Count(top, "\n") + 5
		if len(got) != 1 || got[0].Line != line || got[0].Kind != Phone {
			t.Errorf("Scan(%q) = %+v, want the phone number on line %d only", src, got, line)
		}
	}
}

func TestScanUnclosedFrontMatterIsBody(t *testing.T) {
	// Without a closing delimiter nothing is front matter, so keys are not
	// skipped.
	got := Scan([]byte("---\npages: 555-123-4567\n"))
	if len(got) != 1 || got[0].Line != 2 {
		t.Fatalf("Scan = %+v, want one finding on line 2", got)
	}
}

func TestScanSeveralOnOneLine(t *testing.T) {
	got := Scan([]byte("a@b.co and MRN 99887766, 81.0.0.1"))
	kinds := []Kind{}
	for _, f := range got {
		kinds = append(kinds, f.Kind)
	}
	want := []Kind{Email, MRN, IPAddress}
	if strings.Join(kindStrings(kinds), ",") != strings.Join(kindStrings(want), ",") {
		t.Fatalf("kinds = %v, want %v", kinds, want)
	}
}

func kindStrings(ks []Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = string(k)
	}
	return out
}

func TestValidNHS(t *testing.T) {
	tests := map[string]bool{
		"9434765919": true,  // NHS Digital's published example
		"9434765918": false, // wrong check digit
		"1234567881": true,
		"1234567890": false, // check digit would be 10
	}
	for d, want := range tests {
		if got := validNHS(d); got != want {
			t.Errorf("validNHS(%s) = %v, want %v", d, got, want)
		}
	}
}

func TestMaskNeverLeaksWholeValue(t *testing.T) {
	for _, f := range Scan([]byte("jane@gmail.com 555-123-4567 MRN 7654321 DOB 01/02/1980 12 High Street")) {
		if !strings.Contains(f.Masked, "*") {
			t.Errorf("%s masked as %q, want '*'", f.Kind, f.Masked)
		}
	}
}

// Scan reads the file's bytes in place: what it returns is its own, so
// the caller may reuse the bytes (the build releases a file's bytes once
// its front matter is parsed).
func TestScanKeepsNothingOfItsInput(t *testing.T) {
	src := []byte("---\ntitle: Asthma\n---\nOur patient Mr. John Smith, jane.doe@gmail.com, 020 7946 0958.\n")
	want := Scan(slices.Clone(src))
	if len(want) < 3 {
		t.Fatalf("found %d identifiers; want a name, an email and a phone number", len(want))
	}
	got := Scan(src)
	for i := range src {
		src[i] = '#'
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("finding %d changed with its input: %+v; want %+v", i, got[i], want[i])
		}
	}
}
