// Package migrations is the migrate environment of the sample Go project:
// its target model. Revision files live in versions/.
package migrations

import "github.com/migratego/migrate/model"

// Target returns the schema the database should have at head.
func Target() *model.MetaData {
	return (&model.MetaData{}).AddTable(&model.Table{
		Name: "users",
		Columns: []*model.Column{
			{Name: "id", Type: model.BigInt},
			{Name: "email", Type: model.Varchar(255)},
			{Name: "bio", Type: model.Text, Nullable: true},
			{Name: "first_name", Type: model.Varchar(100), Nullable: true},
			{Name: "last_name", Type: model.Varchar(100), Nullable: true},
		},
		PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
		Indexes: []*model.Index{
			{Name: "ix_users_email", Unique: true, Parts: model.Cols("email")},
		},
	})
}
