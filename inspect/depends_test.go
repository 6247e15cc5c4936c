package inspect

import (
	"fmt"
	"testing"

	"github.com/migratego/migrate/model"
)

func TestNameDependencies(t *testing.T) {
	v := func(name, def string) *model.View { return &model.View{Name: name, Definition: def} }
	tests := []struct {
		name  string
		views []*model.View
		want  string // each view's dependencies
	}{
		{"independent", []*model.View{v("a", "select 1 from t"), v("b", "select 2 from t")}, "a:[] b:[]"},
		{"quoted, any case", []*model.View{v("aa", "select `zz`.`x` AS `x` from `ZZ`"), v("zz", "select x from b")}, "aa:[zz] zz:[]"},
		{"double quotes", []*model.View{v("v2", `SELECT * FROM "v1"`), v("v1", "select 1")}, "v2:[v1] v1:[]"},
		{"part of a longer word is no mention", []*model.View{v("a", "select xb, b_x, b$ from t"), v("b", "select 1 from a1")}, "a:[] b:[]"},
		{"not itself", []*model.View{v("a", "select a from a_t")}, "a:[]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			md := &model.MetaData{Views: tt.views}
			nameDependencies(md)
			got := ""
			for i, v := range md.Views {
				if i > 0 {
					got += " "
				}
				var names []string
				for _, n := range v.DependsOn {
					names = append(names, n.Name)
				}
				got += fmt.Sprintf("%s:%v", v.Name, names)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
