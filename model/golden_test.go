package model

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// The JSON form of a model is a file format: this golden file catches any
// change to it.
func TestMetaDataJSONGolden(t *testing.T) {
	var md MetaData
	if _, err := md.AddStruct(&tagged{}, WithSchema("app")); err != nil {
		t.Fatal(err)
	}
	md.Tables = append(md.Tables, kitchenSink().Tables...)
	md.Enums = append(md.Enums, kitchenSink().Enums...)
	md.Sequences = kitchenSink().Sequences
	md.Views = kitchenSink().Views
	md.Schemas = kitchenSink().Schemas
	md.Extensions = kitchenSink().Extensions
	md.Domains = kitchenSink().Domains
	md.Definitions = kitchenSink().Definitions
	got, err := json.MarshalIndent(&md, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "metadata.golden.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run Golden -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("JSON differs from %s (run go test -run Golden -update if the change is meant)", path)
	}
	var back MetaData
	if err := json.Unmarshal(want, &back); err != nil {
		t.Fatal(err)
	}
	again, _ := json.MarshalIndent(&back, "", "  ")
	if !bytes.Equal(append(again, '\n'), want) {
		t.Error("golden file does not round-trip")
	}
}
