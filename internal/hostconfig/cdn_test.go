package hostconfig_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/hostconfig"
)

// The generated CloudFront Function, run by a real JavaScript engine (Node;
// CloudFront's runtime is ECMAScript 5.1 with some of ES6, which the file
// keeps to): every response it handles carries the policy's headers,
// values exactly as configured, whatever characters they hold.
func TestCloudFrontFunctionAddsHeaders(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not installed: it runs the generated CloudFront Function; run bash internal/e2e/install.sh (Debian package nodejs)")
	}
	cfg, err := config.Parse([]byte("title: x\nheaders:\n  X-Trial: \"a \\\\ value </script> é\"\n  Strict-Transport-Security: \"max-age=63072000; includeSubDomains\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	p := hostconfig.FromConfig(cfg)
	fn := filepath.Join(t.TempDir(), "cloudfront-function.js")
	os.WriteFile(fn, p.CloudFrontFunction(), 0o644)
	script := `const fs = require("fs"), vm = require("vm");
const ctx = {};
vm.runInNewContext(fs.readFileSync(process.argv[1], "utf8"), ctx);
const out = ctx.handler({response: {statusCode: 200, headers: {"content-type": {value: "text/html"}}}});
process.stdout.write(JSON.stringify(out));`
	out, err := exec.Command(node, "-e", script, fn).CombinedOutput()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, out)
	}
	var resp struct {
		StatusCode int
		Headers    map[string]struct{ Value string }
	}
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if resp.Headers["content-type"].Value != "text/html" || len(resp.Headers) != len(p.Headers)+1 {
		t.Errorf("headers %v: want the response's own and the policy's %d", resp.Headers, len(p.Headers))
	}
	for k, v := range p.Headers {
		if got := resp.Headers[strings.ToLower(k)].Value; got != v {
			t.Errorf("%s: %q, want %q", k, got, v)
		}
	}
	if p.Headers["X-Trial"] == "" || p.Headers["Content-Security-Policy"] != hostconfig.CSP {
		t.Fatalf("the policy lacks the test's headers: %v", p.Headers)
	}
}
