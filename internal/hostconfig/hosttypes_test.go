package hostconfig_test

import (
	"encoding/json"
	"maps"
	"mime"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/hostconfig"
	"github.com/medkb/medkb/internal/mediatype"
)

// hostTables are the extension tables the hosts' own code types files
// by, pinned in internal/e2e/package.json: Cloudflare's `wrangler pages
// deploy` (packages/wrangler/src/pages/validate.ts, mime ^3) and its
// Workers assets (packages/workers-shared/utils/helpers.ts, mime ^4) set
// each file's Content-Type at upload; Netlify's static file server as
// published in netlify/primitives (packages/static, mime-types ^3).
var hostTables = []string{"mime@3", "mime@4", "mime-types@3"}

// hostTypesScript prints, for each extension in its argument (a JSON
// list), the type each table gives, or null.
const hostTypesScript = `import mime4 from "mime";
import { createRequire } from "node:module";
const require = createRequire(process.cwd() + "/");
const mime3 = require("mime3"), mimeTypes = require("mime-types");
const out = {};
for (const e of JSON.parse(process.argv[1])) {
  out[e] = {"mime@3": mime3.getType("x" + e), "mime@4": mime4.getType("x" + e), "mime-types@3": mimeTypes.contentType(e) || null};
}
process.stdout.write(JSON.stringify(out));`

// sameKind reports whether a browser treats the two types alike: the
// same essence (type/subtype, parameters aside), or two names of one
// kind. JavaScript has several (the WHATWG MIME Sniffing standard's
// "JavaScript MIME type essence match"; browsers run each); an icon's
// is image/x-icon or its registered image/vnd.microsoft.icon.
func sameKind(a, b string) bool {
	ea, _, errA := mime.ParseMediaType(a)
	eb, _, errB := mime.ParseMediaType(b)
	if errA != nil || errB != nil {
		return false
	}
	alike := [][]string{
		{"text/javascript", "application/javascript", "application/x-javascript", "application/ecmascript", "text/ecmascript"},
		{"image/x-icon", "image/vnd.microsoft.icon"},
	}
	for _, names := range alike {
		if slices.Contains(names, ea) && slices.Contains(names, eb) {
			return true
		}
	}
	return ea == eb
}

// TestHostsTypeWhatHeadersLeaveUntyped: `_headers` sets the
// Content-Type only of the kinds a host may type otherwise (see
// TestHeadersLeaveAMissingFilesTypeToThe404Page for why no more), and
// leaves every other kind of file medkb writes to the host. This runs
// the hosts' own tables, the pinned npm packages their code uses, over
// every kind of mediatype's table: each kind left to the host must get
// the type medkb serve sends, or one browsers treat alike. A kind some
// table types otherwise must be one `_headers` sets (and the test names
// it, so a new kind cannot be left to a host that mistypes it).
func TestHostsTypeWhatHeadersLeaveUntyped(t *testing.T) {
	t.Parallel()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not installed: it runs the hosts' type tables; run bash internal/e2e/install.sh (Debian package nodejs)")
	}
	e2e, err := filepath.Abs(filepath.Join("..", "e2e"))
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range []string{"mime", "mime3", "mime-types"} {
		if _, err := os.Stat(filepath.Join(e2e, "node_modules", pkg, "package.json")); err != nil {
			t.Fatalf("the npm package %s is not installed (%v): run make deps (npm ci in internal/e2e installs the pinned versions)", pkg, err)
		}
	}
	kinds := mediatype.Kinds()
	var exts []string
	for _, k := range kinds {
		exts = append(exts, k.Ext)
	}
	arg, _ := json.Marshal(exts)
	cmd := exec.Command(node, "--input-type=module", "-e", hostTypesScript, string(arg))
	cmd.Dir = e2e
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var got map[string]map[string]*string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	mistyped := map[string]bool{}
	for _, k := range kinds {
		for _, table := range hostTables {
			typ := got[k.Ext][table]
			if typ != nil && sameKind(*typ, k.Type) {
				continue
			}
			mistyped[k.Ext] = true
			if !hostconfig.HeadersSetType("x" + k.Ext) {
				shown := "no type"
				if typ != nil {
					shown = *typ
				}
				t.Errorf("%s: %s gives %s, medkb serve %q, and _headers leaves the type to the host", k.Ext, table, shown, k.Type)
			}
		}
	}
	// The tables must be read, not empty: the common kinds are typed
	// alike by all three.
	for _, ext := range []string{".html", ".css", ".js", ".png", ".woff2"} {
		if mistyped[ext] {
			t.Errorf("%s is typed otherwise by a host's table; the tables read are %s", ext, out)
		}
	}
	// And a kind the tables type otherwise is set by `_headers`: .xsl is
	// application/xml in every table, text/xsl from medkb serve.
	if !mistyped[".xsl"] || !hostconfig.HeadersSetType("feed.xsl") {
		t.Errorf(".xsl: mistyped by the tables %v, set by _headers %v; want both", mistyped[".xsl"], hostconfig.HeadersSetType("feed.xsl"))
	}
	t.Logf("typed otherwise by some table, and set by _headers: %s", strings.Join(slices.Sorted(maps.Keys(mistyped)), " "))
}
