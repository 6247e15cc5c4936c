package inspect

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"

	"github.com/migratego/migrate/model"
)

// readViews reads views and their definitions. The server prints a
// definition with every name qualified by its schema; the qualifier of the
// connected database is dropped, so that the definition creates the same
// view in another database (the round trip, scratch databases). The check
// option, SQL SECURITY and (on MariaDB) ALGORITHM come from the catalog's
// own columns; the DEFINER is left out, as for routines. There is no query
// when TABLES listed no view: VIEWS reads the definition file of every
// table to find them (7 ms at 1,000 tables on MariaDB 10.11).
func (st *mysqlState) readViews(ctx context.Context) error {
	if !st.views {
		return nil
	}
	where, args := st.filter("TABLE_SCHEMA", "TABLE_NAME")
	algorithm := "'UNDEFINED'" // MySQL keeps it out of the catalog views
	if st.mariadb {
		algorithm = "ALGORITHM"
	}
	q := `SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE, ` + algorithm + `
FROM information_schema.VIEWS
WHERE ` + where
	return st.query(ctx, "views", q, args, func(rows *sql.Rows) error {
		var schema, name string
		var def, check, security, alg sql.NullString
		if err := rows.Scan(&schema, &name, &def, &check, &security, &alg); err != nil {
			return err
		}
		v := &model.View{Schema: st.schemaName(schema), Name: name, Definition: def.String,
			SecurityInvoker: strings.EqualFold(security.String, "INVOKER")}
		if a := strings.ToLower(alg.String); a == "merge" || a == "temptable" {
			v.Algorithm = a
		}
		if v.Schema == "" {
			v.Definition = st.unqualify(v.Definition, schema)
		}
		switch check.String {
		case "CASCADED", "LOCAL":
			v.CheckOption = strings.ToLower(check.String)
		}
		st.md.Views = append(st.md.Views, v)
		return nil
	})
}

// MariaDB's defaults for a sequence's bounds (CREATE SEQUENCE without
// MINVALUE/MAXVALUE) and its cache.
const (
	mariaSeqMaxAsc  = math.MaxInt64 - 1
	mariaSeqMinDesc = math.MinInt64 + 1
	mariaSeqCache   = 1000
)

// readSequences reads the parameters of the sequences found among the
// tables (MariaDB 10.3+). MariaDB 10.11 has no catalog view of them (11.5
// adds information_schema.SEQUENCES); a sequence is a one-row table, so one
// UNION ALL query reads them all. Its text names the sequences, quoted by
// the dialect; it has no placeholders. There is no query at all when there
// are no sequences.
//
// Parameters at MariaDB's defaults are reported as unset: MinValue and
// MaxValue nil for the default bounds of the sequence's direction, Cache 0
// for the default cache of 1000.
func (st *mysqlState) readSequences(ctx context.Context) error {
	if len(st.sequences) == 0 {
		return nil
	}
	parts := make([]string, len(st.sequences))
	for i, k := range st.sequences {
		name, err := st.in.d.QuoteQualified(k.schema, k.name)
		if err != nil {
			return fmt.Errorf("inspect mysql: sequence %s.%s: %w", k.schema, k.name, err)
		}
		parts[i] = fmt.Sprintf("SELECT %d, start_value, increment, minimum_value, maximum_value, cache_size, cycle_option FROM %s", i, name)
	}
	q := strings.Join(parts, "\nUNION ALL\n")
	return st.query(ctx, "sequences", q, nil, func(rows *sql.Rows) error {
		var i int
		var start, inc, minV, maxV int64
		var cache uint64
		var cycle int
		if err := rows.Scan(&i, &start, &inc, &minV, &maxV, &cache, &cycle); err != nil {
			return err
		}
		if i < 0 || i >= len(st.sequences) {
			return fmt.Errorf("unexpected sequence row %d", i)
		}
		k := st.sequences[i]
		s := &model.Sequence{Schema: st.schemaName(k.schema), Name: k.name, Start: start, Increment: inc, Cycle: cycle != 0}
		defMin, defMax := int64(1), int64(mariaSeqMaxAsc)
		if inc < 0 {
			defMin, defMax = mariaSeqMinDesc, -1
		}
		if minV != defMin {
			s.MinValue = &minV
		}
		if maxV != defMax {
			s.MaxValue = &maxV
		}
		if cache != mariaSeqCache {
			s.Cache = int64(min(cache, math.MaxInt64))
		}
		st.md.Sequences = append(st.md.Sequences, s)
		return nil
	})
}
