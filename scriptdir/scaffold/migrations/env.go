// Package migrations is the migrate environment of this project, like
// Alembic's env.py: it declares the target model, the schema the database
// should have. Revision files live in versions/.
package migrations

import "github.com/migratego/migrate/model"

// Target returns the target model, which `migrate check` and `migrate
// revision --autogenerate` compare with the database. Declare it from
// your structs, with migrate tags (docs/autogenerate.md), for example:
//
//	type User struct {
//		ID    int64   `migrate:"id,pk,autoincrement"`
//		Email string  `migrate:"email,type=varchar(255),unique"`
//		Bio   *string `migrate:"bio"` // a pointer: NULL allowed
//	}
//
//	func Target() *model.MetaData {
//		md := &model.MetaData{}
//		if _, err := md.AddStruct(User{}, model.WithTableName("users")); err != nil {
//			panic(err) // migrate reports it: "env.go: Target() panicked: …"
//		}
//		return md
//	}
//
// or with tables of the model package (md.AddTable(&model.Table{…})),
// and views, enum types and functions in md.Views, md.Enums, ….
func Target() *model.MetaData {
	return &model.MetaData{}
}
