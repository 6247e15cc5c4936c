// Command migrate manages database schema migrations; see the README and
// `migrate --help`.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/migratego/migrate/cli"
)

func main() {
	routeDriverLogs(os.Args[1:])
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Execute(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
