package runner

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/migratego/migrate/versions"
)

func TestResultJSON(t *testing.T) {
	for _, tt := range []struct {
		res  *Result
		want string
	}{
		{&Result{}, `{"steps":[],"before":[],"after":[]}`},
		{&Result{Steps: []versions.Step{{Revision: &versions.Revision{ID: "a1", Message: "create"}, Up: true, To: []string{"a1"}}},
			After: []string{"a1"}},
			`{"steps":[{"revision":"a1","step":"upgrade  -> a1","message":"create"}],"before":[],"after":["a1"]}`},
	} {
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false) // as cli's App.Result
		err := enc.Encode(tt.res)
		got := strings.TrimSpace(b.String())
		if err != nil || string(got) != tt.want {
			t.Errorf("json.Marshal(%+v) = %s, %v; want %s", tt.res, got, err, tt.want)
		}
	}
}

func TestIsInputError(t *testing.T) {
	mode := &TransactionModeError{Msg: "--transaction all cannot include revision a1"}
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{errors.New("connection refused"), false},
		{mode, true},
		{fmt.Errorf("upgrade: %w", &versions.ResolutionError{Kind: versions.ErrSyntax, Argument: "x"}), true},
		{&ResumeError{Msg: "resume"}, true},
		// A failed statement is the database's, whatever it wraps.
		{&StatementError{Err: mode}, false},
	} {
		if got := IsInputError(tt.err); got != tt.want {
			t.Errorf("IsInputError(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}
