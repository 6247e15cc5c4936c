// Package scaffold holds the files `migrate init` writes. They are real
// Go files of this module, so that `go build ./...` and `go vet ./...`
// prove the templates compile; package scriptdir embeds them.
package scaffold
