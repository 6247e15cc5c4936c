package schemagen

import (
	"fmt"

	"github.com/migratego/migrate/model"
)

// Workload returns the benchmark schema: tables t0000…t<n-1>, each with ten
// columns, two indexes and one foreign key to the table before it (the
// first references itself). first offsets the numbering, so a workload can
// be grown in steps.
func Workload(first, n int) *model.MetaData {
	md := &model.MetaData{}
	for i := first; i < first+n; i++ {
		name := fmt.Sprintf("t%04d", i)
		ref := name
		if i > 0 {
			ref = fmt.Sprintf("t%04d", i-1)
		}
		t := &model.Table{
			Name: name,
			Columns: []*model.Column{
				{Name: "id", Type: model.BigInt},
				{Name: "parent_id", Type: model.BigInt, Nullable: true},
				{Name: "name", Type: model.Varchar(100)},
				{Name: "email", Type: model.Varchar(150), Nullable: true},
				{Name: "qty", Type: model.Integer, Default: model.DefaultLiteral(int64(0))},
				{Name: "price", Type: model.Numeric(12, 2), Nullable: true},
				{Name: "active", Type: model.Boolean, Default: model.DefaultLiteral(true)},
				{Name: "created", Type: model.Timestamp, Nullable: true},
				{Name: "notes", Type: model.Text, Nullable: true},
				{Name: "code", Type: model.Char(4), Nullable: true},
			},
			PrimaryKey:  &model.PrimaryKey{Columns: []string{"id"}},
			ForeignKeys: []*model.ForeignKey{{Columns: []string{"parent_id"}, RefTable: ref, RefColumns: []string{"id"}}},
			Indexes: []*model.Index{
				{Parts: model.Cols("name")},
				{Parts: model.Cols("email", "created")},
			},
		}
		md.AddTable(t)
	}
	md.ApplyNaming()
	return md
}

// CompareWorkload is the schema of the autogenerate benchmark: Workload
// with an eleventh column carrying an expression default (updated
// TIMESTAMP DEFAULT CURRENT_TIMESTAMP), so that literal and expression
// server defaults are both compared.
func CompareWorkload(n int) *model.MetaData {
	md := Workload(0, n)
	for _, t := range md.Tables {
		t.Columns = append(t.Columns, &model.Column{Name: "updated", Type: model.Timestamp, Nullable: true, Default: model.DefaultExpr("CURRENT_TIMESTAMP")})
	}
	return md
}
