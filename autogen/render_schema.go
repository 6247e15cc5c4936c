package autogen

import (
	"encoding/json"
	"fmt"

	"github.com/migratego/migrate/dialect"
	"github.com/migratego/migrate/model"
)

// SchemaFormats are the formats of RenderSchema.
var SchemaFormats = []string{"sql", "go", "json"}

// RenderSchema renders a schema read from a database of dialect d, as
// `migrate inspect` prints it: "sql" the DDL script that reloads it into
// an empty database (unnamed constraints stay unnamed), "go" a Go file of
// package pkg declaring Target (RenderModelGo), "json" the model as
// indented JSON.
func RenderSchema(d dialect.Dialect, md *model.MetaData, format, pkg string) ([]byte, error) {
	switch format {
	case "sql":
		s, err := ddlScript(d, md)
		return []byte(s), err
	case "go":
		return RenderModelGo(md, pkg)
	case "json":
		b, err := json.MarshalIndent(md, "", "  ")
		if err != nil {
			return nil, fmt.Errorf("autogen: render JSON: %w", err)
		}
		return append(b, '\n'), nil
	}
	return nil, fmt.Errorf("autogen: unknown schema format %q", format)
}

// ddlScript renders md as a DDL script for d, without naming unnamed
// constraints.
func ddlScript(d dialect.Dialect, md *model.MetaData) (string, error) {
	stmts, err := dialect.CreateAllAsIs(d, md)
	if err != nil {
		return "", fmt.Errorf("autogen: render %s DDL: %w", d.Name(), err)
	}
	return dialect.Script(d, stmts), nil
}
