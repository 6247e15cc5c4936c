package dialect

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"
)

// timeoutErr is a net.Error that timed out.
type timeoutErr struct{}

func (timeoutErr) Error() string   { return "i/o timeout" }
func (timeoutErr) Timeout() bool   { return true }
func (timeoutErr) Temporary() bool { return true }

// TestConnectHint: a server that cannot be reached at all (nothing
// listens on the port, an unknown host, no answer) is reported with what
// to check; other failures get no hint. The closed ports are real
// connections through both drivers; the other errors are built.
func TestConnectHint(t *testing.T) {
	var got strings.Builder
	for _, url := range []string{"postgres://u@127.0.0.1:1/db?sslmode=disable", "mysql://u@127.0.0.1:1/db"} {
		// Port 1 on the loopback: nothing listens, the kernel refuses at once.
		_, err := Open(context.Background(), url)
		if err == nil {
			t.Fatalf("%s: connected", url)
		}
		msg := err.Error()
		fmt.Fprintf(&got, "%s: %s\n", url, msg[strings.LastIndex(msg, ": nothing listens")+2:])
	}
	for _, tt := range []struct {
		name string
		err  error
	}{
		{"unknown host", &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "db.example", IsNotFound: true}}},
		{"no answer", fmt.Errorf("dial: %w", timeoutErr{})},
		{"refused, wrapped", fmt.Errorf("failed to connect: %w", &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)})},
		{"login refused", errors.New(`FATAL: password authentication failed for user "u" (SQLSTATE 28P01)`)},
		{"unknown database", errors.New("Error 1049 (42000): Unknown database 'x'")},
	} {
		fmt.Fprintf(&got, "%s: %q\n", tt.name, connectHint(tt.err))
	}
	golden(t, "connect_hint.golden", got.String())
}
