package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func namingTable() *Table {
	return &Table{
		Name: "users",
		Columns: []*Column{
			{Name: "id", Type: BigInt}, {Name: "org_id", Type: BigInt}, {Name: "email", Type: Text},
		},
		PrimaryKey:  &PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*ForeignKey{{Columns: []string{"org_id", "email"}, RefTable: "orgs", RefColumns: []string{"id", "mail"}}},
		Uniques:     []*Unique{{Columns: []string{"org_id", "email"}}},
		Checks:      []*Check{{Expr: "id > 0"}},
		Indexes: []*Index{
			{Parts: Cols("email")},
			{Parts: []IndexPart{{Expr: "lower(email)"}, {Column: "id"}}},
		},
	}
}

func names(t *Table) []string {
	out := []string{t.PrimaryKey.Name, t.ForeignKeys[0].Name, t.Uniques[0].Name, t.Checks[0].Name}
	for _, ix := range t.Indexes {
		out = append(out, ix.Name)
	}
	return out
}

func TestDefaultNaming(t *testing.T) {
	md := &MetaData{Tables: []*Table{namingTable()}}
	md.ApplyNaming()
	want := []string{
		"pk_users",
		"fk_users_org_id_email_orgs",
		"uq_users_org_id_email",
		"ck_users_" + shortHash("id > 0"),
		"ix_users_email",
		"ix_users_expr_11fda983_id",
	}
	if got := names(md.Tables[0]); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("names = %q\nwant %q", got, want)
	}
	// Applying again changes nothing: named objects are left alone.
	md.ApplyNaming()
	if got := names(md.Tables[0]); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("second ApplyNaming changed names to %q", got)
	}
	if len(shortHash("x")) != 8 {
		t.Errorf("shortHash length %d", len(shortHash("x")))
	}
}

func TestNamingTokens(t *testing.T) {
	tests := []struct {
		name    string
		pattern string
		want    string // for the foreign key of namingTable
	}{
		{"table", "%(table_name)s", "users"},
		{"column 0", "%(column_0_name)s", "org_id"},
		{"all columns", "%(column_0_N_name)s", "org_id_email"},
		{"label", "%(column_0_label)s", "users_org_id"},
		{"referred table", "%(referred_table_name)s", "orgs"},
		{"referred column", "%(referred_column_0_name)s", "id"},
		{"constraint name of an fk is empty", "x%(constraint_name)sy", "xy"},
		{"literal text kept", "FK-%(table_name)s-%(referred_table_name)s!", "FK-users-orgs!"},
		{"unknown token kept", "%(nope)s_%(table_name)s", "%(nope)s_users"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab := namingTable()
			NamingConvention{ForeignKey: tt.pattern}.Apply(tab)
			if got := tab.ForeignKeys[0].Name; got != tt.want {
				t.Errorf("name = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestCustomNaming(t *testing.T) {
	md := &MetaData{
		Tables: []*Table{namingTable()},
		Naming: NamingConvention{
			PrimaryKey: "%(table_name)s_pkey",
			Unique:     "%(table_name)s_%(column_0_name)s_key",
			Check:      "%(table_name)s_check_%(constraint_name)s",
			Index:      "%(column_0_label)s_idx",
			// ForeignKey left empty: the default pattern applies.
		},
	}
	md.ApplyNaming()
	want := []string{
		"users_pkey",
		"fk_users_org_id_email_orgs",
		"users_org_id_key",
		"users_check_" + shortHash("id > 0"),
		"users_email_idx",
		"users_expr_11fda983_idx",
	}
	if got := names(md.Tables[0]); strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("names = %q\nwant %q", got, want)
	}
}

func TestNamingLeavesNamedObjects(t *testing.T) {
	tab := namingTable()
	tab.PrimaryKey.Name = "my_pk"
	tab.ForeignKeys[0].Name = "my_fk"
	tab.Uniques[0].Name = "my_uq"
	tab.Checks[0].Name = "my_ck"
	tab.Indexes[0].Name = "my_ix"
	DefaultNaming.Apply(tab)
	got := strings.Join(names(tab), " ")
	if want := "my_pk my_fk my_uq my_ck my_ix ix_users_expr_11fda983_id"; got != want {
		t.Errorf("names = %q, want %q", got, want)
	}
}

func TestNamingNoPrimaryKey(t *testing.T) {
	tab := &Table{Name: "t", Columns: []*Column{{Name: "a", Type: Text}}}
	NamingConvention{}.Apply(tab) // must not panic
	if tab.PrimaryKey != nil {
		t.Error("Apply invented a primary key")
	}
}

func TestCheckNamesDifferByExpression(t *testing.T) {
	tab := &Table{Name: "t", Checks: []*Check{{Expr: "a > 0"}, {Expr: "b > 0"}}}
	DefaultNaming.Apply(tab)
	if tab.Checks[0].Name == tab.Checks[1].Name {
		t.Errorf("two checks share the name %q", tab.Checks[0].Name)
	}
}

func TestTruncateName(t *testing.T) {
	long := strings.Repeat("a", 100)
	tests := []struct {
		name string
		in   string
	}{
		{"short", "ix_users_email"},
		{"exactly 63", strings.Repeat("x", 63)},
		{"64", strings.Repeat("x", 64)},
		{"long", long},
		{"two-byte runes", strings.Repeat("é", 40)},
		{"three-byte runes", strings.Repeat("€", 30)},
		{"four-byte runes", strings.Repeat("𝄞", 20)},
		{"mixed", "ix_" + strings.Repeat("ü", 10) + strings.Repeat("b", 50)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := TruncateName(tt.in)
			if len(tt.in) <= MaxIdentifierLength {
				if got != tt.in {
					t.Errorf("TruncateName changed a short name to %q", got)
				}
				return
			}
			if len(got) > MaxIdentifierLength {
				t.Errorf("len = %d > %d: %q", len(got), MaxIdentifierLength, got)
			}
			if !utf8.ValidString(got) {
				t.Errorf("result is not valid UTF-8: %q", got)
			}
			suffix := "_" + shortHash(tt.in)
			if !strings.HasSuffix(got, suffix) {
				t.Errorf("%q does not end in %q", got, suffix)
			}
			if prefix := strings.TrimSuffix(got, suffix); !strings.HasPrefix(tt.in, prefix) || len(prefix) < MaxIdentifierLength-len(suffix)-3 {
				t.Errorf("prefix %q is not a long prefix of the input", prefix)
			}
			if again := TruncateName(tt.in); again != got {
				t.Errorf("not stable: %q then %q", got, again)
			}
		})
	}
	if TruncateName(long+"1") == TruncateName(long+"2") {
		t.Error("two long names with a common prefix truncate to the same name")
	}
}

func TestNamingTruncatesLongNames(t *testing.T) {
	tab := &Table{
		Name:    strings.Repeat("t", 40),
		Columns: []*Column{{Name: strings.Repeat("c", 40), Type: Text}},
		Indexes: []*Index{{Parts: Cols(strings.Repeat("c", 40))}},
	}
	DefaultNaming.Apply(tab)
	full := "ix_" + tab.Name + "_" + strings.Repeat("c", 40)
	if got := tab.Indexes[0].Name; got != TruncateName(full) || len(got) != MaxIdentifierLength {
		t.Errorf("index name = %q (%d bytes), want %q", got, len(got), TruncateName(full))
	}
}

// TestNamingKeepsNamesUnique: generated names that repeat one of the
// table's names get a suffix, in the order of the lists, so that two
// unnamed foreign keys on one column (SQLite allows them) stay apart.
func TestNamingKeepsNamesUnique(t *testing.T) {
	tests := []struct {
		name  string
		table *Table
		want  []string
	}{
		{"two foreign keys on one column", &Table{Name: "threads", ForeignKeys: []*ForeignKey{
			{Columns: []string{"board"}, RefTable: "boards"},
			{Columns: []string{"board"}, RefTable: "boards", RefColumns: []string{"slug"}},
		}}, []string{"fk_threads_board_boards", "fk_threads_board_boards_2"}},
		{"a declared name taken first", &Table{Name: "t", ForeignKeys: []*ForeignKey{
			{Columns: []string{"a"}, RefTable: "r"},
			{Name: "fk_t_a_r", Columns: []string{"b"}, RefTable: "r"},
		}}, []string{"fk_t_a_r_2", "fk_t_a_r"}},
		{"a name ending in a number", &Table{Name: "t", ForeignKeys: []*ForeignKey{
			{Columns: []string{"c_1"}, RefTable: "r"},
			{Columns: []string{"c_1"}, RefTable: "r"},
			{Columns: []string{"c_1"}, RefTable: "r"},
		}}, []string{"fk_t_c_1_r", "fk_t_c_1_r_2", "fk_t_c_1_r_3"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			DefaultNaming.Apply(tc.table)
			var got []string
			for _, fk := range tc.table.ForeignKeys {
				got = append(got, fk.Name)
			}
			if strings.Join(got, ",") != strings.Join(tc.want, ",") {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
