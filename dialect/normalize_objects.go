package dialect

import (
	"regexp"
	"strings"

	"github.com/migratego/migrate/model"
)

// normalizeObjects applies Normalize's rules to the object kinds beyond
// tables, columns, constraints and indexes:
//
//   - an index or exclusion key's NULLS order that is the default for its
//     direction (last ascending, first descending) is the empty order;
//   - exclusion constraints: the method is lower case and btree is the
//     empty method, predicates and key expressions are canonical;
//   - a partition key and bound keep the server's spelling, a strategy is
//     lower case;
//   - domains: the base type as for columns, checks and defaults
//     canonical, the default type;
//   - sequences: AS bigint is the default, the empty type;
//   - definitions: their SQL without surrounding white space or a final
//     semicolon (the text itself is compared as written);
//   - views: the order of DependsOn does not count; options are lower
//     case, and a check option at the end of the definition text is
//     CheckOption.
func normalizeObjects(d Dialect, md *model.MetaData) {
	for _, t := range md.Tables {
		for _, ix := range t.Indexes {
			normalizeNulls(ix.Parts)
		}
		for _, ex := range t.Exclusions {
			ex.Method = strings.ToLower(ex.Method)
			if ex.Method == "btree" {
				ex.Method = ""
			}
			ex.Where = CanonicalExpr(d, t, ex.Where)
			for i := range ex.Elements {
				p := &ex.Elements[i].IndexPart
				p.Expr = CanonicalExpr(d, t, p.Expr)
				normalizeNull(p)
			}
		}
		if t.PartitionBy != nil {
			t.PartitionBy.Strategy = strings.ToLower(t.PartitionBy.Strategy)
		}
	}
	for _, dom := range md.Domains {
		if s, err := d.RenderType(dom.Type); err == nil {
			dom.Type = d.ParseType(s)
		}
		for _, c := range dom.Checks {
			c.Expr = CanonicalExpr(d, nil, c.Expr)
		}
		if dom.Default != nil && dom.Default.Expr != "" {
			dom.Default.Expr = CanonicalExpr(d, nil, dom.Default.Expr)
		}
	}
	for _, s := range md.Sequences {
		if strings.EqualFold(s.As, "bigint") {
			s.As = ""
		}
	}
	for _, def := range md.Definitions {
		def.SQL = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(def.SQL), ";"))
	}
	for _, v := range md.Views {
		normalizeViewOptions(v)
	}
}

// viewCheckOption matches a WITH [LOCAL|CASCADED] CHECK OPTION that ends
// a view's definition text.
var viewCheckOption = regexp.MustCompile(`(?is)\s+WITH\s+(?:(LOCAL|CASCADED)\s+)?CHECK\s+OPTION\s*;?\s*$`)

// normalizeViewOptions puts a view's options in one spelling: lower case,
// UNDEFINED as the empty algorithm, and a check option written at the end
// of the definition moved to CheckOption (CASCADED when unqualified, as in
// SQL).
func normalizeViewOptions(v *model.View) {
	v.CheckOption = strings.ToLower(v.CheckOption)
	v.Algorithm = strings.ToLower(v.Algorithm)
	if v.Algorithm == "undefined" {
		v.Algorithm = ""
	}
	if m := viewCheckOption.FindStringSubmatchIndex(v.Definition); m != nil && v.CheckOption == "" {
		v.CheckOption = "cascaded"
		if m[2] >= 0 {
			v.CheckOption = strings.ToLower(v.Definition[m[2]:m[3]])
		}
		v.Definition = v.Definition[:m[0]]
	}
}

// normalizeNulls clears the NULLS orders that are the default of their
// key's direction.
func normalizeNulls(parts []model.IndexPart) {
	for i := range parts {
		normalizeNull(&parts[i])
	}
}

func normalizeNull(p *model.IndexPart) {
	if (p.Nulls == model.NullsLast && !p.Desc) || (p.Nulls == model.NullsFirst && p.Desc) {
		p.Nulls = ""
	}
}
