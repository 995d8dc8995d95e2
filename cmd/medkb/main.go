// Command medkb builds trustworthy medical knowledge-base websites from
// Markdown. See internal/cli for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/medkb/medkb/internal/cli"
	"github.com/medkb/medkb/internal/hugepages"
)

// startHeap is the heap asked to be backed by huge pages before any
// command runs: what a command that reads no site, a build with nothing to
// do, or a one-article rebuild at 10,000 articles uses (the commands that
// build ask for their budget once they know it).
const startHeap = 64 << 20

func main() {
	hugepages.Reserve(startHeap)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	dir, err := os.Getwd()
	if err != nil {
		dir = "."
	}
	code := cli.Main(ctx, cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Dir: dir, Getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}
