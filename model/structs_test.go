package model

import (
	"database/sql"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"
)

type (
	myString string
	myBytes  []byte
	fakeUUID [16]byte
)

type allTypes struct {
	Bool      bool
	Int       int
	Int8      int8
	Int16     int16
	Int32     int32
	Int64     int64
	Uint      uint
	Uint8     uint8
	Uint16    uint16
	Uint32    uint32
	Uint64    uint64
	Float32   float32
	Float64   float64
	String    string
	Named     myString
	Bytes     []byte
	NamedB    myBytes
	UUID      fakeUUID
	Fixed     [4]byte
	Raw       json.RawMessage
	Time      time.Time
	Duration  time.Duration
	PInt      *int
	PPString  **string
	PTime     *time.Time
	PUUID     *fakeUUID
	NString   sql.NullString
	NInt64    sql.NullInt64
	NInt32    sql.NullInt32
	NInt16    sql.NullInt16
	NByte     sql.NullByte
	NBool     sql.NullBool
	NFloat64  sql.NullFloat64
	NTime     sql.NullTime
	GInt      sql.Null[int32]
	GString   sql.Null[string]
	GTime     sql.Null[time.Time]
	GRaw      sql.Null[json.RawMessage]
	PNString  *sql.NullString
	WithTypeP *map[string]int `migrate:",type=jsonb"`
}

func TestGoTypeMapping(t *testing.T) {
	want := []struct {
		column   string
		typ      Type
		nullable bool
	}{
		{"bool", Boolean, false},
		{"int", Integer, false},
		{"int8", SmallInt, false},
		{"int16", SmallInt, false},
		{"int32", Integer, false},
		{"int64", BigInt, false},
		{"uint", BigInt, false},
		{"uint8", SmallInt, false},
		{"uint16", Integer, false},
		{"uint32", BigInt, false},
		{"uint64", BigInt, false},
		{"float32", Real, false},
		{"float64", Double, false},
		{"string", Text, false},
		{"named", Text, false},
		{"bytes", Blob, false},
		{"named_b", Blob, false},
		{"uuid", UUID, false},
		{"fixed", Binary(4), false},
		{"raw", JSONB, false},
		{"time", TimestampTZ, false},
		{"duration", BigInt, false},
		{"p_int", Integer, true},
		{"pp_string", Text, true},
		{"p_time", TimestampTZ, true},
		{"puuid", UUID, true},
		{"n_string", Text, true},
		{"n_int64", BigInt, true},
		{"n_int32", Integer, true},
		{"n_int16", SmallInt, true},
		{"n_byte", SmallInt, true},
		{"n_bool", Boolean, true},
		{"n_float64", Double, true},
		{"n_time", TimestampTZ, true},
		{"g_int", Integer, true},
		{"g_string", Text, true},
		{"g_time", TimestampTZ, true},
		{"g_raw", JSONB, true},
		{"pn_string", Text, true},
		{"with_type_p", JSONB, true},
	}
	tab, err := TableFromStruct(allTypes{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Columns) != len(want) {
		t.Fatalf("got %d columns, want %d: %v", len(tab.Columns), len(want), tab.ColumnNames())
	}
	for i, w := range want {
		c := tab.Columns[i]
		if c.Name != w.column || !c.Type.Equal(w.typ) || c.Nullable != w.nullable {
			t.Errorf("column %d = %s %v nullable=%v, want %s %v nullable=%v", i, c.Name, c.Type, c.Nullable, w.column, w.typ, w.nullable)
		}
	}
	if tab.Name != "all_types" || tab.PrimaryKey != nil {
		t.Errorf("table %q pk %v", tab.Name, tab.PrimaryKey)
	}
}

type tagged struct {
	ID       int64    `migrate:"id,pk,autoincrement"`
	Tenant   int32    `migrate:"tenant,pk"`
	Seq      int64    `migrate:"seq,identity"`
	Seq2     int32    `migrate:"seq2,identity=always"`
	Seq3     int16    `migrate:"seq3,IDENTITY=By Default"`
	Name     string   `migrate:"name,type=varchar(100),notnull,unique"`
	Nick     *string  `migrate:"nick,notnull"`
	Opt      string   `migrate:"opt,null"`
	Price    float64  `migrate:"price,type=numeric(10,2),default=0.5,check=price >= 0,check=price < 1e6"`
	Status   string   `migrate:"status,type=enum status('new','done'),default='new'"`
	Note     string   `migrate:"note,comment='a, b and c',collate=C,renamed=notes"`
	Plain    string   `migrate:"plain,comment=just text"`
	Lower    string   `migrate:"lower,generated=lower(name),stored"`
	Virt     int      `migrate:"virt,generated=id + 1"`
	A        int      `migrate:"a,index=ix_ab,unique=uq_ab"`
	B        int      `migrate:"b,index=ix_ab,unique=uq_ab,index"`
	C        int      `migrate:"c,uniqueindex,uniqueindex=ux_cd"`
	D        int      `migrate:"d,uniqueindex=ux_cd"`
	OrgID    int64    `migrate:"org_id,fk=orgs.id,ondelete=cascade,onupdate=Set Null"`
	Other    int64    `migrate:"other,fk=billing.accounts.id,ondelete=restrict,onupdate=no_action"`
	RefA     int      `migrate:"ref_a,fk=pairs.x,fkname=fk_pair,ondelete=setdefault"`
	RefB     int      `migrate:"ref_b,fk=pairs.y,fkname=fk_pair"`
	Created  string   `migrate:"created,type=timestamp,default=CURRENT_TIMESTAMP"`
	Neg      int      `migrate:"neg,default=-3"`
	Flag     bool     `migrate:"flag,default=TRUE"`
	Off      bool     `migrate:"off,default=false"`
	Nullish  *int     `migrate:"nullish,default=null"`
	Empty    string   `migrate:"empty,default=''"`
	Quote    string   `migrate:"quote,default='it''s, ok'"`
	Expr     string   `migrate:"expr,default=coalesce(x, 'y')"`
	Tags     []string `migrate:" tags , type=text[] , "`
	Default_ int      `migrate:",NOTNULL"`
	Skip     string   `migrate:"-"`
	hidden   string   `migrate:"hidden,bogus"` // unexported fields are ignored, tag and all
}

func TestTagOptions(t *testing.T) {
	tab, err := TableFromStruct(&tagged{})
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) *Column {
		c := tab.Column(name)
		if c == nil {
			t.Fatalf("no column %q in %v", name, tab.ColumnNames())
		}
		return c
	}
	wantCols := "id tenant seq seq2 seq3 name nick opt price status note plain lower virt a b c d org_id other ref_a ref_b created neg flag off nullish empty quote expr tags default_"
	if got := strings.Join(tab.ColumnNames(), " "); got != wantCols {
		t.Errorf("columns = %s\nwant      %s", got, wantCols)
	}
	checks := []struct {
		what string
		got  any
		want any
	}{
		{"pk", tab.PrimaryKey, &PrimaryKey{Columns: []string{"id", "tenant"}}},
		{"id", col("id"), &Column{Name: "id", Type: BigInt, AutoIncrement: true}},
		{"tenant", col("tenant"), &Column{Name: "tenant", Type: Integer}},
		{"seq", col("seq").Identity, &Identity{}},
		{"seq2", col("seq2").Identity, &Identity{Always: true}},
		{"seq3", col("seq3").Identity, &Identity{}},
		{"name", col("name"), &Column{Name: "name", Type: Varchar(100)}},
		{"nick", col("nick").Nullable, false},
		{"opt", col("opt").Nullable, true},
		{"price", col("price"), &Column{Name: "price", Type: Numeric(10, 2), Default: DefaultLiteral(0.5)}},
		{"status", col("status"), &Column{Name: "status", Type: Enum("status", "new", "done"), Default: DefaultLiteral("new")}},
		{"note", col("note"), &Column{Name: "note", Type: Text, Comment: "a, b and c", Collation: "C", RenamedFrom: "notes"}},
		{"plain", col("plain").Comment, "just text"},
		{"lower", col("lower").Generated, &Generated{Expr: "lower(name)", Stored: true}},
		{"virt", col("virt").Generated, &Generated{Expr: "id + 1"}},
		{"created", col("created"), &Column{Name: "created", Type: Timestamp, Default: DefaultExpr("CURRENT_TIMESTAMP")}},
		{"neg", col("neg").Default, DefaultLiteral(int64(-3))},
		{"flag", col("flag").Default, DefaultLiteral(true)},
		{"off", col("off").Default, DefaultLiteral(false)},
		{"nullish", col("nullish"), &Column{Name: "nullish", Type: Integer, Nullable: true, Default: &Default{}}},
		{"empty", col("empty").Default, DefaultLiteral("")},
		{"quote", col("quote").Default, DefaultLiteral("it's, ok")},
		{"expr", col("expr").Default, DefaultExpr("coalesce(x, 'y')")},
		{"tags", col("tags").Type, Raw("text[]")},
		{"default_", col("default_").Nullable, false},
		{"checks", tab.Checks, []*Check{{Expr: "price >= 0"}, {Expr: "price < 1e6"}}},
		{"uniques", tab.Uniques, []*Unique{{Columns: []string{"name"}}, {Name: "uq_ab", Columns: []string{"a", "b"}}}},
		{"indexes", tab.Indexes, []*Index{
			{Name: "ix_ab", Parts: Cols("a", "b")},
			{Parts: Cols("b")},
			{Unique: true, Parts: Cols("c")},
			{Name: "ux_cd", Unique: true, Parts: Cols("c", "d")},
		}},
		{"foreign keys", tab.ForeignKeys, []*ForeignKey{
			{Columns: []string{"org_id"}, RefTable: "orgs", RefColumns: []string{"id"}, OnDelete: Cascade, OnUpdate: SetNull},
			{Columns: []string{"other"}, RefSchema: "billing", RefTable: "accounts", RefColumns: []string{"id"}, OnDelete: Restrict, OnUpdate: NoAction},
			{Name: "fk_pair", Columns: []string{"ref_a", "ref_b"}, RefTable: "pairs", RefColumns: []string{"x", "y"}, OnDelete: SetDefault},
		}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s:\n got %#v\nwant %#v", c.what, deref(c.got), deref(c.want))
		}
	}
	if err := (&MetaData{Tables: []*Table{tab}}).Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
}

func deref(v any) any {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && !rv.IsNil() {
		return rv.Elem().Interface()
	}
	return v
}

// Table names and options.

type User struct {
	ID int64 `migrate:",pk"`
}

type OrgMember struct{ ID int }

type HTTPLog struct{ ID int }

type named struct{ ID int }

func (named) TableName() string { return "custom" }

type ptrNamed struct{ ID int }

func (p *ptrNamed) TableName() string { return "ptr_" + p.Suffix() }
func (p *ptrNamed) Suffix() string    { return "named" }

type fieldNamed struct {
	ID     int
	Prefix string `migrate:"-"`
}

func (f fieldNamed) TableName() string { return f.Prefix + "things" }

type emptyName struct{ ID int }

func (emptyName) TableName() string { return "" }

type panicName struct{ ID int }

func (panicName) TableName() string { panic("boom") }

type Row[T any] struct{ V T }

func TestTableNames(t *testing.T) {
	tests := []struct {
		name string
		v    any
		opts []StructOption
		want string // qualified name
	}{
		{"snake of type", User{}, nil, "user"},
		{"pointer", &User{}, nil, "user"},
		{"nil pointer", (*User)(nil), nil, "user"},
		{"pointer to pointer", func() **User { u := &User{}; return &u }(), nil, "user"},
		{"two words", OrgMember{}, nil, "org_member"},
		{"initialism", HTTPLog{}, nil, "http_log"},
		{"TableName value receiver", named{}, nil, "custom"},
		{"TableName on nil pointer", (*named)(nil), nil, "custom"},
		{"TableName pointer receiver, value given", ptrNamed{}, nil, "ptr_named"},
		{"TableName pointer receiver, nil pointer given", (*ptrNamed)(nil), nil, "ptr_named"},
		{"TableName reads the value given", fieldNamed{Prefix: "my_"}, nil, "my_things"},
		{"TableName reads the pointer given", &fieldNamed{Prefix: "your_"}, nil, "your_things"},
		{"generic type", Row[int]{}, nil, "row"},
		{"option wins over method", named{}, []StructOption{WithTableName("opt")}, "opt"},
		{"schema", User{}, []StructOption{WithSchema("app")}, "app.user"},
		{"nil option ignored", User{}, []StructOption{nil}, "user"},
		{"anonymous struct with name", struct{ A int }{}, []StructOption{WithTableName("anon")}, "anon"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := TableFromStruct(tt.v, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if got := tab.QualifiedName(); got != tt.want {
				t.Errorf("table = %q, want %q", got, tt.want)
			}
		})
	}
	tab, err := TableFromStruct(User{}, WithTableComment("people"))
	if err != nil || tab.Comment != "people" {
		t.Errorf("WithTableComment: %v, %q", err, tab.Comment)
	}
}

func TestSnakeCase(t *testing.T) {
	for in, want := range map[string]string{
		"ID":          "id",
		"OrgID":       "org_id",
		"UserID2":     "user_id2",
		"V2Name":      "v2_name",
		"HTTPRequest": "http_request",
		"CreatedAt":   "created_at",
		"already":     "already",
		"A":           "a",
		"ABC":         "abc",
		"AbcDEFGhi":   "abc_def_ghi",
		"ÄrgerÜber":   "ärger_über",
		"":            "",
	} {
		if got := SnakeCase(in); got != want {
			t.Errorf("SnakeCase(%q) = %q, want %q", in, got, want)
		}
	}
}

// Embedded structs.

type Timestamps struct {
	CreatedAt time.Time  `migrate:"created_at,default=now()"`
	UpdatedAt *time.Time `migrate:"updated_at"`
}

type base struct {
	ID int64 `migrate:"id,pk"`
}

type Audit struct {
	By string
}

type withEmbedded struct {
	base
	Name string
	Timestamps
	*Audit
	time.Time `migrate:"seen_at"`
	Skipped   `migrate:"-"`
}

type Skipped struct{ X int }

func TestEmbeddedStructs(t *testing.T) {
	tab, err := TableFromStruct(withEmbedded{})
	if err != nil {
		t.Fatal(err)
	}
	want := "id name created_at updated_at by seen_at"
	if got := strings.Join(tab.ColumnNames(), " "); got != want {
		t.Errorf("columns = %q, want %q", got, want)
	}
	if !reflect.DeepEqual(tab.PrimaryKey, &PrimaryKey{Columns: []string{"id"}}) {
		t.Errorf("pk = %#v", tab.PrimaryKey)
	}
	if c := tab.Column("seen_at"); !c.Type.Equal(TimestampTZ) || c.Nullable {
		t.Errorf("seen_at = %#v", c)
	}
	if c := tab.Column("updated_at"); !c.Nullable {
		t.Error("updated_at not nullable")
	}
}

// Errors.

type (
	notMapped struct {
		Meta map[string]any
	}
	notMappedStruct struct {
		Addr struct{ Street string }
	}
	notMappedSlice struct {
		Tags []string `migrate:"tags"`
	}
	dupColumn struct {
		Email  string
		EMail2 string `migrate:"email"`
	}
	dupEmbedded struct {
		base
		ID int `migrate:"id"`
	}
	selfEmbed struct {
		*selfEmbed
		A int
	}
	noFields struct {
		a int // no exported fields
	}
	badEmbedOpt struct {
		Audit `migrate:",pk"`
	}
	tagErr[T any] struct {
		F T
	}
)

func tagStruct(tag string) any {
	return reflect.New(reflect.StructOf([]reflect.StructField{{
		Name: "Email", Type: reflect.TypeFor[string](), Tag: reflect.StructTag(`migrate:"` + tag + `"`),
	}})).Interface()
}

func TestStructErrors(t *testing.T) {
	tn := []StructOption{WithTableName("t")}
	tests := []struct {
		name   string
		v      any
		opts   []StructOption
		field  string
		option string
		want   string
	}{
		{"nil", nil, nil, "", "", "model: TableFromStruct: got nil, want a struct or a pointer to one"},
		{"int", 5, nil, "", "", "model: TableFromStruct: got int, want a struct or a pointer to one"},
		{"pointer to slice", &[]int{}, nil, "", "", "model: TableFromStruct: got *[]int, want a struct or a pointer to one"},
		{"map field", notMapped{}, nil, "Meta", "",
			"model: field notMapped.Meta: Go type map[string]interface {} has no column type; add a type= option, as in `migrate:\"meta,type=jsonb\"`"},
		{"struct field", notMappedStruct{}, nil, "Addr", "", "Go type struct { Street string } has no column type"},
		{"slice field", notMappedSlice{}, nil, "Tags", "", "Go type []string has no column type"},
		{"duplicate column", dupColumn{}, nil, "EMail2", "",
			`model: field dupColumn.EMail2: column "email" is already declared by field dupColumn.Email`},
		{"duplicate through embedding", dupEmbedded{}, nil, "ID", "", `column "id" is already declared by field dupEmbedded.base.ID`},
		{"embedding itself", selfEmbed{}, nil, "selfEmbed", "", "embedded struct model.selfEmbed contains itself"},
		{"no fields", noFields{}, nil, "", "", "model: struct noFields: has no columns (no exported fields)"},
		{"anonymous struct", struct{ A int }{}, nil, "", "", "model: struct (anonymous): an anonymous struct needs WithTableName"},
		{"empty TableName", emptyName{}, nil, "", "", "model: struct emptyName: TableName returned an empty name"},
		{"panicking TableName", panicName{}, nil, "", "", "model: struct panicName: TableName panicked: boom"},
		{"options on flattened embed", badEmbedOpt{}, nil, "Audit", "pk", "an embedded struct is flattened into its fields and takes no options"},
		{"generic struct field", tagErr[chan int]{}, nil, "F", "", "model: field tagErr[chan int].F: Go type chan int has no column type"},

		{"unknown option", tagStruct("email,primary"), tn, "Email", "primary",
			`option "primary": unknown tag option: did you mean "pk"? (see the model package documentation)`},
		{"unknown option, a typo", tagStruct("email,uniqe"), tn, "Email", "uniqe",
			`option "uniqe": unknown tag option: did you mean "unique"? (see the model package documentation)`},
		{"unknown option, SQLAlchemy's name", tagStruct("email,renamed_from=mail"), tn, "Email", "renamed_from",
			`option "renamed_from": unknown tag option: did you mean "renamed"? (see the model package documentation)`},
		{"unknown option, nothing near", tagStruct("email,frobnicate"), tn, "Email", "frobnicate",
			`option "frobnicate": unknown tag option (see the model package documentation)`},
		{"flag with value", tagStruct("email,pk=yes"), tn, "Email", "pk", `option "pk": takes no value, got "yes"`},
		{"value missing", tagStruct("email,type"), tn, "Email", "type", `option "type": needs a value, as in type=…`},
		{"value empty", tagStruct("email,default="), tn, "Email", "default", `option "default": needs a value, as in default=…`},
		{"repeated", tagStruct("email,comment=a,comment=b"), tn, "Email", "comment", `option "comment": is given twice`},
		{"name with =", tagStruct("type=text"), tn, "Email", "",
			`tag "type=text": column name "type=text" contains '='; start the tag with a comma to keep the default name, as in ",type=text"`},
		{"unterminated quote", tagStruct("email,comment='abc"), tn, "Email", "", `tag "email,comment='abc": unterminated single quote`},
		{"unbalanced open paren", tagStruct("email,type=numeric(1,2"), tn, "Email", "", `unbalanced '('`},
		{"unbalanced close paren", tagStruct("email,type=x)"), tn, "Email", "", `unbalanced ')' at byte 12`},
		{"null and notnull", tagStruct("email,null,notnull"), tn, "Email", "null", "conflicts with notnull"},
		{"null pk", tagStruct("email,pk,null"), tn, "Email", "null", "a primary key column cannot be null"},
		{"autoincrement on text", tagStruct("email,autoincrement"), tn, "Email", "autoincrement", "needs an integer column, not text"},
		{"identity on text", tagStruct("email,identity"), tn, "Email", "identity", "needs an integer column, not text"},
		{"identity and autoincrement", tagStruct("email,type=bigint,autoincrement,identity"), tn, "Email", "identity", "conflicts with autoincrement"},
		{"identity kind", tagStruct("email,type=bigint,identity=sometimes"), tn, "Email", "identity", `got "sometimes", want always or bydefault`},
		{"generated with default", tagStruct("email,default='x',generated=y"), tn, "Email", "generated", "a generated column cannot have a default"},
		{"stored alone", tagStruct("email,stored"), tn, "Email", "stored", "needs generated=…"},
		{"fk target", tagStruct("email,fk=orgs"), tn, "Email", "fk", `got "orgs", want table.column or schema.table.column`},
		{"fk target too long", tagStruct("email,fk=a.b.c.d"), tn, "Email", "fk", `got "a.b.c.d"`},
		{"fk target empty part", tagStruct("email,fk=orgs."), tn, "Email", "fk", `got "orgs."`},
		{"ondelete without fk", tagStruct("email,ondelete=cascade"), tn, "Email", "ondelete", "needs fk=table.column"},
		{"onupdate without fk", tagStruct("email,onupdate=cascade"), tn, "Email", "onupdate", "needs fk=table.column"},
		{"fkname without fk", tagStruct("email,fkname=x"), tn, "Email", "fkname", "needs fk=table.column"},
		{"bad ondelete", tagStruct("email,fk=o.id,ondelete=explode"), tn, "Email", "ondelete",
			`got "explode", want cascade, restrict, setnull, setdefault or noaction`},
		{"bad onupdate", tagStruct("email,fk=o.id,onupdate=x"), tn, "Email", "onupdate", `got "x"`},
		{"index twice in a group", tagStruct("email,index=ix,index=ix"), tn, "Email", "index", `column "email" is already in "ix"`},
		{"unique twice in a group", tagStruct("email,unique=uq,unique=uq"), tn, "Email", "unique", `column "email" is already in "uq"`},
		{"group name of another kind", tagStruct("email,index=g,unique=g"), tn, "Email", "unique", `name "g" is already used by index=g`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := TableFromStruct(tt.v, tt.opts...)
			if err == nil {
				t.Fatalf("no error; table %#v", tab)
			}
			if tab != nil {
				t.Error("a table returned with the error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q\nwant it to contain %q", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "model: ") {
				t.Errorf("error %q lacks the model: prefix", err)
			}
			var se *StructError
			if !errors.As(err, &se) {
				t.Fatalf("error %T is not a *StructError", err)
			}
			if se.Field != tt.field || se.Option != tt.option {
				t.Errorf("field, option = %q, %q; want %q, %q", se.Field, se.Option, tt.field, tt.option)
			}
			if errors.Unwrap(err) == nil {
				t.Error("StructError does not unwrap")
			}
		})
	}
}

// Fields of a composite foreign key must agree.
type (
	fkMismatch struct {
		A int `migrate:"a,fk=x.id,fkname=f"`
		B int `migrate:"b,fk=y.id,fkname=f"`
	}
	fkActionClash struct {
		A int `migrate:"a,fk=x.id,fkname=f,ondelete=cascade"`
		B int `migrate:"b,fk=x.id2,fkname=f,ondelete=restrict"`
	}
	fkActionLater struct {
		A int `migrate:"a,fk=s.x.id,fkname=f"`
		B int `migrate:"b,fk=s.x.id2,fkname=f,onupdate=cascade,ondelete=restrict"`
		C int `migrate:"c,fk=s.x.id3,fkname=f,onupdate=cascade"`
	}
	twoFKsSameTable struct {
		CreatedBy int64 `migrate:",fk=users.id"`
		UpdatedBy int64 `migrate:",fk=users.id"`
	}
)

func TestCompositeForeignKeys(t *testing.T) {
	_, err := TableFromStruct(fkMismatch{})
	if err == nil || !strings.Contains(err.Error(), `model: field fkMismatch.B option "fk": foreign key "f" references x on an earlier field, not y`) {
		t.Errorf("mismatch error = %v", err)
	}
	_, err = TableFromStruct(fkActionClash{})
	if err == nil || !strings.Contains(err.Error(), `option "ondelete": foreign key "f" already has CASCADE`) {
		t.Errorf("clash error = %v", err)
	}
	tab, err := TableFromStruct(fkActionLater{})
	if err != nil {
		t.Fatal(err)
	}
	want := []*ForeignKey{{Name: "f", Columns: []string{"a", "b", "c"}, RefSchema: "s", RefTable: "x", RefColumns: []string{"id", "id2", "id3"}, OnDelete: Restrict, OnUpdate: Cascade}}
	if !reflect.DeepEqual(tab.ForeignKeys, want) {
		t.Errorf("fks = %#v", tab.ForeignKeys[0])
	}
	tab, err = TableFromStruct(twoFKsSameTable{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.ForeignKeys) != 2 || tab.ForeignKeys[0].Columns[0] != "created_by" || tab.ForeignKeys[1].Columns[0] != "updated_by" {
		t.Errorf("unnamed fks to one table were merged: %v", tab.ForeignKeys)
	}
}

type (
	Post struct {
		ID    int64  `migrate:",pk"`
		State string `migrate:",type=enum post_state('draft','live')"`
		Kind  string `migrate:",type=enum('a','b')"`
		Again string `migrate:",type=enum post_state('draft','live')"`
	}
	Page struct {
		ID    int64  `migrate:",pk"`
		State string `migrate:",type=enum post_state('draft','gone')"`
	}
	Comment struct {
		ID    int64  `migrate:",pk"`
		State string `migrate:",type=enum post_state('draft','live')"`
		Mood  string `migrate:",type=enum app.mood('ok')"`
	}
)

func TestAddStruct(t *testing.T) {
	var md MetaData
	tab, err := md.AddStruct(Post{})
	if err != nil {
		t.Fatal(err)
	}
	if len(md.Tables) != 1 || md.Tables[0] != tab || tab.Name != "post" {
		t.Fatalf("tables = %v", md.Tables)
	}
	if !reflect.DeepEqual(md.Enums, []*EnumType{{Name: "post_state", Values: []string{"draft", "live"}}}) {
		t.Errorf("enums = %#v", md.Enums)
	}
	if _, err := md.AddStruct(Post{}); err == nil || err.Error() != `model: table "post" is already in the model` {
		t.Errorf("second AddStruct error = %v", err)
	}
	if _, err := md.AddStruct(Post{}, WithSchema("other")); err != nil {
		t.Errorf("same struct in another schema: %v", err)
	}
	_, err = md.AddStruct(Page{})
	want := `model: table "page" column "state": enum type "post_state" has values ["draft" "gone"], but the model already declares ["draft" "live"]`
	if err == nil || err.Error() != want {
		t.Errorf("enum clash error = %v\nwant %s", err, want)
	}
	if md.Table("", "page") != nil || len(md.Enums) != 1 {
		t.Error("a failed AddStruct changed the model")
	}
	if _, err := md.AddStruct(Comment{}); err != nil {
		t.Fatal(err)
	}
	if len(md.Enums) != 2 || md.Enum("app", "mood") == nil {
		t.Errorf("enums = %v", md.Enums)
	}
	if _, err := md.AddStruct(42); err == nil {
		t.Error("AddStruct(42) succeeded")
	}
	if err := md.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	order, deferred := md.CreationOrder()
	if len(order) != 3 || len(deferred) != 0 {
		t.Errorf("CreationOrder = %v, %v", order, deferred)
	}
}

func TestSplitTag(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", []string{""}},
		{"a", []string{"a"}},
		{"a,b,c", []string{"a", "b", "c"}},
		{"a,type=numeric(10,2),b", []string{"a", "type=numeric(10,2)", "b"}},
		{"a,check=x in ('a,b', f(1,(2,3))),b", []string{"a", "check=x in ('a,b', f(1,(2,3)))", "b"}},
		{"a,comment='it''s, fine',b", []string{"a", "comment='it''s, fine'", "b"}},
		{"a,comment=')',b", []string{"a", "comment=')'", "b"}},
		{",", []string{"", ""}},
	}
	for _, tt := range tests {
		got, err := splitTag(tt.in)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitTag(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestParseDefault(t *testing.T) {
	tests := []struct {
		in   string
		want *Default
	}{
		{"'x'", DefaultLiteral("x")},
		{"''", DefaultLiteral("")},
		{"'a''b'", DefaultLiteral("a'b")},
		{"'a'||'b'", DefaultExpr("'a'||'b'")},
		{"NULL", &Default{}},
		{"True", DefaultLiteral(true)},
		{"0", DefaultLiteral(int64(0))},
		{"+7", DefaultLiteral(int64(7))},
		{"-12", DefaultLiteral(int64(-12))},
		{"1.25", DefaultLiteral(1.25)},
		{"-1e3", DefaultLiteral(-1e3)},
		{".5", DefaultLiteral(0.5)},
		{"99999999999999999999", DefaultLiteral(1e20)},
		{"inf", DefaultExpr("inf")},
		{"NaN", DefaultExpr("NaN")},
		{"0x10", DefaultExpr("0x10")},
		{"e", DefaultExpr("e")},
		{"now()", DefaultExpr("now()")},
		{"CURRENT_TIMESTAMP", DefaultExpr("CURRENT_TIMESTAMP")},
	}
	for _, tt := range tests {
		if got := parseDefault(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseDefault(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

func TestParseFKAction(t *testing.T) {
	for in, want := range map[string]FKAction{
		"cascade": Cascade, "CASCADE": Cascade, "restrict": Restrict, "setnull": SetNull, "set null": SetNull,
		"SET_NULL": SetNull, "set-default": SetDefault, "noaction": NoAction, "'no action'": NoAction,
	} {
		if got, ok := parseFKAction(in); !ok || got != want {
			t.Errorf("parseFKAction(%q) = %q, %v", in, got, ok)
		}
	}
	if _, ok := parseFKAction("drop"); ok {
		t.Error("parseFKAction(drop) ok")
	}
}

// A struct built model survives JSON, Clone and naming like any other.
func TestStructModelRoundTrip(t *testing.T) {
	var md MetaData
	if _, err := md.AddStruct(&tagged{}); err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(&md)
	if err != nil {
		t.Fatal(err)
	}
	var back MetaData
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&md, &back) {
		t.Error("JSON round trip of a struct model differs")
	}
	c := md.Clone()
	c.ApplyNaming()
	if md.Tables[0].Uniques[0].Name != "" || c.Tables[0].Uniques[0].Name != "uq_tagged_name" {
		t.Errorf("naming: original %q, clone %q", md.Tables[0].Uniques[0].Name, c.Tables[0].Uniques[0].Name)
	}
}

type selfPtr *selfPtr

type withSelfPtr struct {
	P selfPtr
}

func TestSelfPointerType(t *testing.T) {
	_, err := TableFromStruct(withSelfPtr{})
	if err == nil || !strings.Contains(err.Error(), "has no column type") {
		t.Errorf("error = %v", err)
	}
	var p selfPtr
	p = &p
	if _, err := TableFromStruct(p); err == nil || !strings.Contains(err.Error(), "want a struct") {
		t.Errorf("error = %v", err)
	}
}
