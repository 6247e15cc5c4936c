// Package migrations is the migrate environment of this project, like
// Alembic's env.py: it declares the target model, the schema the database
// should have. Revision files live in versions/.
package migrations

import "github.com/migratego/migrate/model"

// Target returns the target model. Declare the tables here, for example:
//
//	func Target() *model.MetaData {
//		return (&model.MetaData{}).AddTable(&model.Table{
//			Name: "users",
//			Columns: []*model.Column{
//				{Name: "id", Type: model.Type{Kind: model.KindBigInt}, AutoIncrement: true},
//				{Name: "email", Type: model.Varchar(255)},
//				{Name: "bio", Type: model.Type{Kind: model.KindText}, Nullable: true},
//			},
//			PrimaryKey: &model.PrimaryKey{Columns: []string{"id"}},
//			Indexes: []*model.Index{
//				{Name: "ix_users_email", Unique: true, Parts: model.Cols("email")},
//			},
//		})
//	}
func Target() *model.MetaData {
	return &model.MetaData{}
}
