package model_test

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/migratego/migrate/model"
)

type Base struct {
	ID        int64     `migrate:"id,pk,autoincrement"`
	CreatedAt time.Time `migrate:"created_at,default=CURRENT_TIMESTAMP"`
}

type Member struct {
	Base
	OrgID   int64           `migrate:"org_id,fk=orgs.id,ondelete=cascade,unique=uq_member"`
	Email   string          `migrate:"email,type=varchar(255),unique=uq_member,comment='login, lower case'"`
	Role    string          `migrate:"role,type=enum role('owner','member'),default='member'"`
	Score   float64         `migrate:",default=0,check=score >= 0"`
	Nick    *string         `migrate:"nick,index"`
	Profile json.RawMessage `migrate:"profile,null"`
	Tags    []string        `migrate:"tags,type=text[]"`
	cache   string          // unexported: not a column
	Note    string          `migrate:"-"`
}

func (Member) TableName() string { return "members" }

func ExampleTableFromStruct() {
	t, err := model.TableFromStruct(Member{}, model.WithSchema("app"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("table", t.QualifiedName())
	for _, c := range t.Columns {
		null := "not null"
		if c.Nullable {
			null = "null"
		}
		fmt.Printf("  %-10s %-28s %s\n", c.Name, c.Type, null)
	}
	fmt.Println("primary key", t.PrimaryKey.Columns)
	fmt.Println("unique", t.Uniques[0].Name, t.Uniques[0].Columns)
	fk := t.ForeignKeys[0]
	fmt.Println("foreign key", fk.Columns, "->", fk.RefTable, fk.RefColumns, "on delete", fk.OnDelete)
	fmt.Println("check", t.Checks[0].Expr)
	fmt.Println("index", t.Indexes[0].Columns())
	// Output:
	// table app.members
	//   id         bigint                       not null
	//   created_at timestamp with time zone     not null
	//   org_id     bigint                       not null
	//   email      varchar(255)                 not null
	//   role       enum role('owner','member')  not null
	//   score      double                       not null
	//   nick       text                         null
	//   profile    jsonb                        null
	//   tags       text[]                       not null
	// primary key [id]
	// unique uq_member [org_id email]
	// foreign key [org_id] -> orgs [id] on delete CASCADE
	// check score >= 0
	// index [nick]
}

func ExampleMetaData_ApplyNaming() {
	md := &model.MetaData{}
	md.AddTable(&model.Table{
		Name:       "users",
		Columns:    []*model.Column{{Name: "id", Type: model.BigInt}, {Name: "email", Type: model.Text}},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		Indexes:    []*model.Index{{Parts: model.Cols("email")}},
	})
	md.ApplyNaming()
	t := md.Tables[0]
	fmt.Println(t.PrimaryKey.Name, t.Indexes[0].Name)
	// Output: pk_users ix_users_email
}

func ExampleMetaData_CreationOrder() {
	var md model.MetaData
	md.AddTable(&model.Table{
		Name: "users",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt, AutoIncrement: true},
			{Name: "org_id", Type: model.BigInt},
		},
		PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Columns: []string{"org_id"}, RefTable: "orgs", RefColumns: []string{"id"}, OnDelete: model.Cascade}},
	}, &model.Table{
		Name: "orgs",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt, AutoIncrement: true},
			{Name: "owner_id", Type: model.BigInt, Nullable: true},
		},
		PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
		ForeignKeys: []*model.ForeignKey{{Columns: []string{"owner_id"}, RefTable: "users", RefColumns: []string{"id"}}},
	})
	if err := md.Validate(); err != nil {
		fmt.Println(err)
		return
	}
	md.ApplyNaming()
	tables, deferred := md.CreationOrder()
	for _, t := range tables {
		fmt.Println("create table", t.Name)
	}
	for _, d := range deferred {
		fmt.Println("then add", d.FK.Name, "to", d.Table.Name)
	}
	// Output:
	// create table users
	// create table orgs
	// then add fk_users_org_id_orgs to users
	// then add fk_orgs_owner_id_users to orgs
}
