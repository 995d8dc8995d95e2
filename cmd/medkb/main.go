// Command medkb builds trustworthy medical knowledge-base websites from
// Markdown. See internal/cli for the commands.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/medkb/medkb/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	dir, err := os.Getwd()
	if err != nil {
		dir = "."
	}
	code := cli.Main(ctx, cli.Env{Stdout: os.Stdout, Stderr: os.Stderr, Stdin: os.Stdin, Dir: dir, Getenv: os.Getenv}, os.Args[1:])
	stop()
	os.Exit(code)
}
