package inspect

import (
	"slices"
	"testing"

	"github.com/migratego/migrate/model"
)

// TestPgOrderDomains: domains come by schema and name, each after the
// domain it is over, whatever their OID order.
func TestPgOrderDomains(t *testing.T) {
	dom := func(schema, name string, oid, base int64) pgDomain {
		return pgDomain{dom: &model.Domain{Schema: schema, Name: name}, oid: oid, base: base}
	}
	// uint (10) < post_total over uint (11) < agreed_on (12) in OID order;
	// b.year over a.zz (20) across schemas.
	got := pgOrderDomains([]pgDomain{
		dom("", "varchar_ci", 9, 1043), dom("", "uint", 10, 23), dom("", "post_total", 11, 10),
		dom("", "agreed_on", 12, 1082), dom("b", "year", 21, 20), dom("a", "zz", 20, 23),
	})
	var names []string
	for _, d := range got {
		names = append(names, d.Schema+"."+d.Name)
	}
	want := []string{".agreed_on", ".uint", ".post_total", ".varchar_ci", "a.zz", "b.year"}
	if !slices.Equal(names, want) {
		t.Errorf("order %v, want %v", names, want)
	}
}
