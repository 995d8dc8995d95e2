package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/medkb/medkb/internal/config"
	"github.com/medkb/medkb/internal/deploy"
	"github.com/medkb/medkb/internal/hostconfig"
)

const deployUsage = `Usage: medkb deploy [--target NAME | URL] [flags]

Uploads the built site (public/, or --destination) to a bucket: a target
named under deploy: in medkb.yaml, or a bucket URL. Only files whose bytes
changed are uploaded; files the site no longer has are deleted, at most
--max-deletes of them. Assets go first, then pages, then the search manifest
and feeds, deletions last, so visitors never see a half-updated site; a
deploy that stops part-way is finished by running it again.

Credentials come from each cloud's standard environment and files
(AWS_ACCESS_KEY_ID, AWS_PROFILE, GOOGLE_APPLICATION_CREDENTIALS,
AZURE_STORAGE_ACCOUNT, …); medkb never stores or prints them.

Examples:
  medkb build && medkb deploy --dry-run
  medkb deploy --target production
  medkb deploy "s3://my-bucket/site?region=eu-west-2"
  medkb deploy "s3://site?endpoint=http://127.0.0.1:9000&use_path_style=true&region=us-east-1"
  medkb deploy file:///srv/www/health

Flags:
`

func runDeploy(ctx context.Context, env Env, args []string) int {
	var (
		source, dest, target string
		dryRun, force        bool
		confirm, quiet       bool
		maxDeletes           int
	)
	fs := flag.NewFlagSet("deploy", flag.ContinueOnError)
	fs.StringVar(&source, "source", env.Dir, "site folder (holds medkb.yaml)")
	fs.StringVar(&dest, "destination", "", "the built site to deploy (default SOURCE/public)")
	fs.StringVar(&target, "target", "", "deploy target `NAME` from medkb.yaml (default: deploy.default, or the first)")
	fs.BoolVar(&dryRun, "dry-run", false, "list what would change and change nothing")
	fs.BoolVar(&force, "force", false, "upload every file, changed or not (after changing cache_control)")
	fs.IntVar(&maxDeletes, "max-deletes", -1, "refuse a deploy that would delete more than `N` files (default deploy.max_deletes, 256)")
	fs.BoolVar(&confirm, "confirm", false, "show the changes and ask before making them")
	fs.BoolVar(&quiet, "quiet", false, "print only errors and the summary")
	code, ok := parseFlags(env, fs, deployUsage, args)
	if !ok {
		return code
	}
	var bucketURL string
	if fs.NArg() > 0 { // a URL, then maybe more flags
		bucketURL = fs.Arg(0)
		if code, ok := parseFlags(env, fs, deployUsage, fs.Args()[1:]); !ok {
			return code
		}
		if fs.NArg() > 0 {
			fmt.Fprintf(env.Stderr, "medkb: deploy takes one bucket URL, got also %q\n", fs.Arg(0))
			return ExitUsage
		}
		if target != "" {
			fmt.Fprintln(env.Stderr, "medkb: give either --target NAME or a bucket URL, not both")
			return ExitUsage
		}
	}
	src, err := filepath.Abs(source)
	if err != nil {
		return fail(env, err)
	}
	if dest == "" {
		dest = filepath.Join(src, "public")
	} else if !filepath.IsAbs(dest) {
		dest = filepath.Join(env.Dir, dest)
	}
	cfg, err := config.Load(src)
	if err != nil {
		return fail(env, err)
	}
	var t config.Target
	if bucketURL != "" {
		if err := config.CheckBucketURL(bucketURL); err != nil {
			fmt.Fprintf(env.Stderr, "medkb: %v\n", err)
			return ExitUsage
		}
		t = config.Target{Name: "(command line)", URL: bucketURL}
		if named, ok := cfg.Deploy.Target(target); ok && named.URL == bucketURL {
			t = named
		}
	} else {
		var found bool
		if t, found = cfg.Deploy.Target(target); !found {
			if target == "" {
				fmt.Fprintln(env.Stderr, "medkb: no deploy target: add one under deploy: targets: in medkb.yaml, or give a bucket URL such as s3://bucket/site?region=eu-west-2")
			} else {
				fmt.Fprintf(env.Stderr, "medkb: medkb.yaml has no deploy target named %q\n", target)
			}
			return ExitUsage
		}
	}
	if maxDeletes < 0 {
		maxDeletes = cfg.Deploy.MaxDeletes
	}
	if st, err := os.Stat(dest); err != nil || !st.IsDir() {
		fmt.Fprintf(env.Stderr, "medkb: no built site in %s; run medkb build first\n", rel(env.Dir, dest))
		return ExitError
	}
	bucket, err := deploy.Open(ctx, t.URL)
	if err != nil {
		return fail(env, err)
	}
	defer bucket.Close()
	opts := deploy.Options{
		Dir: dest, Policy: hostconfig.FromConfig(cfg), Compress: t.Compress, Exclude: t.Exclude,
		MaxDeletes: maxDeletes, DryRun: dryRun, Force: force,
		KeepHostFiles: strings.HasPrefix(t.URL, "file:"),
	}
	if confirm {
		opts.Confirm = func(p deploy.Plan) bool { return ask(env, p) }
	}
	stopBar := func() {}
	if !quiet && !dryRun {
		opts.Progress, stopBar = progressBar(env)
	}
	where := deploy.Redact(t.URL)
	sum, plan, err := deploy.Run(ctx, bucket, opts)
	stopBar()
	if dryRun {
		printPlan(env.Stdout, plan)
	}
	if err != nil {
		var tooMany *deploy.TooManyDeletesError
		switch {
		case errors.As(err, &tooMany), errors.Is(err, deploy.ErrNotConfirmed):
			fmt.Fprintf(env.Stderr, "medkb: %v\n", err)
		default:
			fmt.Fprintf(env.Stderr, "medkb: deploy to %s stopped after %d uploads and %d deletions: %v\n"+
				"Run the same deploy again: it uploads what is still missing.\n", where, sum.Uploaded, sum.Deleted, err)
		}
		return ExitError
	}
	ups, dels := plan.Counts()
	if dryRun {
		fmt.Fprintf(env.Stdout, "Dry run for %s: would upload %d, delete %d, leave %d unchanged.\n", where, ups, dels, plan.Unchanged)
		return ExitOK
	}
	fmt.Fprintf(env.Stdout, "Deployed to %s: uploaded %d (%s), deleted %d, unchanged %d in %s.\n",
		where, sum.Uploaded, byteSize(sum.Bytes), sum.Deleted, sum.Unchanged, sum.Duration.Round(time.Millisecond))
	if sum.FeedsChanged && cfg.Feeds.WebSubHub != "" {
		if err := notifyWebSubHub(ctx, env, src, dest); err != nil {
			fmt.Fprintf(env.Stderr, "medkb: the site is deployed, but telling the WebSub hub failed: %v\n", err)
			return ExitError
		}
	}
	if len(t.Invalidate) > 0 && len(sum.Changed) > 0 {
		if err := invalidate(ctx, env, t.Invalidate, sum.Changed); err != nil {
			fmt.Fprintf(env.Stderr, "medkb: the site is deployed, but the invalidation command failed: %v\n", err)
			return ExitError
		}
	}
	return ExitOK
}

// notifyWebSubHub tells the WebSub hub which feeds changed, as `medkb
// ping` does (it remembers what the hub was told in .medkb/websub.json).
func notifyWebSubHub(ctx context.Context, env Env, src, dest string) error {
	if code := runPing(ctx, env, []string{"--source", src, "--destination", dest}); code != ExitOK {
		return fmt.Errorf("medkb ping exited %d; run it again once the hub is reachable", code)
	}
	return nil
}

// invalidate runs the target's CDN invalidation command (no shell) with
// the changed paths on its standard input, one per line.
func invalidate(ctx context.Context, env Env, argv []string, changed []string) error {
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	var in strings.Builder
	for _, k := range changed {
		in.WriteString("/" + k + "\n")
	}
	cmd.Stdin = strings.NewReader(in.String())
	cmd.Stdout, cmd.Stderr = env.Stdout, env.Stderr
	return cmd.Run()
}

// printPlan lists every change, in the order the deploy makes them.
func printPlan(w io.Writer, p deploy.Plan) {
	for _, c := range p.Changes {
		if c.Op == deploy.Delete {
			fmt.Fprintf(w, "delete  %s\n", c.Key)
			continue
		}
		enc := ""
		if c.ContentEncoding != "" {
			enc = ", " + c.ContentEncoding
		}
		fmt.Fprintf(w, "upload  %s (%s, %s, %s%s; %s)\n", c.Key, c.Reason, byteSize(c.Size), c.ContentType, enc, c.CacheControl)
	}
}

// ask prints the plan and asks for a yes on standard input.
func ask(env Env, p deploy.Plan) bool {
	printPlan(env.Stdout, p)
	ups, dels := p.Counts()
	fmt.Fprintf(env.Stdout, "Upload %d and delete %d files? [y/N] ", ups, dels)
	if env.Stdin == nil {
		fmt.Fprintln(env.Stdout)
		return false
	}
	line, _ := bufio.NewReader(env.Stdin).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "y" || answer == "yes"
}

// progressBar draws a bar on a terminal; elsewhere it draws nothing.
func progressBar(env Env) (func(done, total int), func()) {
	f, ok := env.Stderr.(*os.File)
	if !ok {
		return nil, func() {}
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return nil, func() {}
	}
	drawn := false
	return func(done, total int) {
			const width = 30
			n := done * width / max(total, 1)
			fmt.Fprintf(f, "\r[%s%s] %d/%d", strings.Repeat("=", n), strings.Repeat(" ", width-n), done, total)
			drawn = true
		}, func() {
			if drawn {
				fmt.Fprint(f, "\r\033[K")
			}
		}
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f kB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
