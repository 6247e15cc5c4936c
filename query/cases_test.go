package query_test

import (
	"github.com/migratego/migrate/model"
	. "github.com/migratego/migrate/query"
)

// The fixture every case runs on (see fixtureSQL in live_test.go):
//
//	users  (id, name, email, age, manager_id)
//	  1 ann  ann@x  30  NULL
//	  2 bob  NULL   25  1
//	  3 cid  cid@x  NULL 1
//	  4 dan  dan@x  40  2
//	orders (id, user_id, amount)
//	  1 1 100 · 2 1 250 · 3 2 75 · 4 4 300
var (
	users  = T("users")
	orders = T("orders")
	u      = users.As("u")
	o      = orders.As("o")
)

// queryCase is one construct: its statement, the rows it returns (or, for
// a write, the rows of check afterwards), and the dialects that refuse
// it (by golden name).
type queryCase struct {
	name string
	stmt Statement
	// want are the rows of stmt (a read or RETURNING) or of check.
	want [][]string
	// affected is the row count a write reports (-1: not checked).
	affected int64
	// check is read after a write.
	check Statement
	// refusedBy lists the golden dialect names that refuse the statement.
	refusedBy []string
}

var idOrder = Asc(u.C("id"))

var cases = []queryCase{
	{name: "select_columns", stmt: Select(u.C("id"), u.C("name")).From(u).OrderBy(idOrder),
		want: [][]string{{"1", "ann"}, {"2", "bob"}, {"3", "cid"}, {"4", "dan"}}},
	{name: "select_star_where", stmt: Select(users.C("name")).From(users).Where(Eq(users.C("id"), 2)),
		want: [][]string{{"bob"}}},
	{name: "select_distinct", stmt: Select(u.C("manager_id")).Distinct().From(u).Where(IsNotNull(u.C("manager_id"))).OrderBy(Asc(u.C("manager_id"))),
		want: [][]string{{"1"}, {"2"}}},
	{name: "select_expressions", stmt: Select(As(Add(u.C("age"), 1), "next"), As(Concat(u.C("name"), "!"), "shout"), As(Mul(Sub(u.C("age"), 10), 2), "calc")).From(u).Where(Eq(u.C("id"), 1)),
		want: [][]string{{"31", "ann!", "40"}}},
	{name: "join_inner", stmt: Select(u.C("name"), o.C("amount")).From(u).Join(o, Eq(o.C("user_id"), u.C("id"))).OrderBy(Asc(o.C("id"))),
		want: [][]string{{"ann", "100"}, {"ann", "250"}, {"bob", "75"}, {"dan", "300"}}},
	{name: "join_left_group_having", stmt: Select(u.C("name"), As(Count(o.C("id")), "n")).From(u).LeftJoin(o, Eq(o.C("user_id"), u.C("id"))).
		GroupBy(u.C("id"), u.C("name")).Having(Lt(Count(o.C("id")), 2)).OrderBy(idOrder),
		want: [][]string{{"bob", "1"}, {"cid", "0"}, {"dan", "1"}}},
	{name: "join_right", stmt: Select(u.C("name"), o.C("id")).From(o).RightJoin(u, Eq(o.C("user_id"), u.C("id"))).Where(IsNull(o.C("id"))),
		want: [][]string{{"cid", "NULL"}}},
	{name: "join_full", stmt: Select(Count()).From(o).FullJoin(u, Eq(o.C("user_id"), u.C("id"))),
		want: [][]string{{"5"}}, refusedBy: []string{"mysql", "mariadb"}},
	{name: "join_cross", stmt: Select(Count()).From(u).CrossJoin(o),
		want: [][]string{{"16"}}},
	{name: "join_self_alias", stmt: Select(As(u.C("name"), "employee"), As(users.As("m").C("name"), "manager")).From(u).
		Join(users.As("m"), Eq(users.As("m").C("id"), u.C("manager_id"))).OrderBy(idOrder),
		want: [][]string{{"bob", "ann"}, {"cid", "ann"}, {"dan", "bob"}}},
	{name: "group_sum_having", stmt: Select(o.C("user_id"), As(Sum(o.C("amount")), "total")).From(o).GroupBy(o.C("user_id")).
		Having(Gt(Sum(o.C("amount")), 100)).OrderBy(Desc(Sum(o.C("amount")))),
		want: [][]string{{"1", "350"}, {"4", "300"}}},
	{name: "limit_offset", stmt: Select(u.C("id")).From(u).OrderBy(idOrder).Limit(2).Offset(1),
		want: [][]string{{"2"}, {"3"}}},
	{name: "offset_only", stmt: Select(u.C("id")).From(u).OrderBy(idOrder).Offset(3),
		want: [][]string{{"4"}}},
	{name: "in_subquery", stmt: Select(u.C("name")).From(u).Where(In(u.C("id"), Select(o.C("user_id")).From(o))).OrderBy(idOrder),
		want: [][]string{{"ann"}, {"bob"}, {"dan"}}},
	{name: "not_in_list", stmt: Select(u.C("name")).From(u).Where(NotIn(u.C("id"), 1, 2)).OrderBy(idOrder),
		want: [][]string{{"cid"}, {"dan"}}},
	{name: "in_empty_list", stmt: Select(Count()).From(u).Where(In(u.C("id"))),
		want: [][]string{{"0"}}},
	{name: "exists", stmt: Select(u.C("name")).From(u).Where(Exists(Select(Value(1)).From(o).Where(Eq(o.C("user_id"), u.C("id")), Gt(o.C("amount"), 200)))).OrderBy(idOrder),
		want: [][]string{{"ann"}, {"dan"}}},
	{name: "not_exists", stmt: Select(u.C("name")).From(u).Where(NotExists(Select(Value(1)).From(o).Where(Eq(o.C("user_id"), u.C("id"))))),
		want: [][]string{{"cid"}}},
	{name: "scalar_subquery", stmt: Select(u.C("name"), As(Subquery(Select(Count()).From(o).Where(Eq(o.C("user_id"), u.C("id")))), "n")).From(u).OrderBy(idOrder).Limit(2),
		want: [][]string{{"ann", "2"}, {"bob", "1"}}},
	{name: "derived_table", stmt: Select(Col("user_id"), Col("total")).From(Select(o.C("user_id"), As(Sum(o.C("amount")), "total")).From(o).GroupBy(o.C("user_id")).As("t")).
		Where(Ge(Col("total"), 300)).OrderBy(Asc(Col("user_id"))),
		want: [][]string{{"1", "350"}, {"4", "300"}}},
	{name: "cte", stmt: Select(Count()).From(T("big")).With(With("big", Select(o.C("id")).From(o).Where(Ge(o.C("amount"), 100)))),
		want: [][]string{{"3"}}},
	{name: "cte_recursive", stmt: Select(Col("id")).From(T("chain")).WithRecursive(With("chain",
		Select(u.C("id"), u.C("manager_id")).From(u).Where(Eq(u.C("id"), 4)).
			UnionAll(Select(users.As("x").C("id"), users.As("x").C("manager_id")).From(users.As("x")).Join(T("chain").As("c"), Eq(users.As("x").C("id"), T("chain").As("c").C("manager_id")))),
		"id", "manager_id")).OrderBy(Asc(Col("id"))),
		want: [][]string{{"1"}, {"2"}, {"4"}}},
	{name: "union", stmt: Select(u.C("id")).From(u).Where(Lt(u.C("id"), 2)).Union(Select(o.C("user_id")).From(o).Where(Eq(o.C("id"), 4))).OrderBy(Asc(Col("id"))),
		want: [][]string{{"1"}, {"4"}}},
	{name: "case_when", stmt: Select(u.C("name"), As(Case().When(IsNull(u.C("age")), "unknown").When(Lt(u.C("age"), 30), "young").Else("old"), "band")).From(u).OrderBy(idOrder),
		want: [][]string{{"ann", "old"}, {"bob", "young"}, {"cid", "unknown"}, {"dan", "old"}}},
	{name: "cast", stmt: Select(Concat(Cast(u.C("age"), model.Type{Kind: model.KindText}), "y")).From(u).Where(Eq(u.C("id"), 1)),
		want: [][]string{{"30y"}}},
	{name: "functions_null", stmt: Select(Func("upper", u.C("name")), Coalesce(u.C("email"), "none"), Max(u.C("age"))).From(u).Where(IsNull(u.C("email"))).GroupBy(u.C("name"), u.C("email")),
		want: [][]string{{"BOB", "none", "25"}}},
	{name: "position_substr", stmt: Select(Position("@", u.C("email")), Substr(u.C("email"), Add(Position("@", u.C("email")), 1)), Substr(u.C("name"), 1, 2), Position("z", "xyz")).From(u).Where(Eq(u.C("id"), 1)),
		want: [][]string{{"4", "x", "an", "3"}}},
	{name: "eq_nil_is_null", stmt: Select(Count()).From(u).Where(Eq(u.C("age"), nil)),
		want: [][]string{{"1"}}},
	{name: "between_like_or_not", stmt: Select(u.C("name")).From(u).Where(Or(Between(u.C("age"), 26, 35), And(Like(u.C("name"), "d%"), Not(Eq(u.C("id"), 1))))).OrderBy(idOrder),
		want: [][]string{{"ann"}, {"dan"}}},
	{name: "aggregates", stmt: Select(Min(o.C("amount")), Max(o.C("amount")), Sum(o.C("amount")), CountDistinct(o.C("user_id"))).From(o),
		want: [][]string{{"75", "300", "725", "3"}}},

	{name: "insert_values", stmt: Insert(users).Columns("id", "name", "email", "age", "manager_id").Values(5, "eve", nil, 22, nil),
		affected: 1, check: Select(Count()).From(users).Where(Eq(users.C("name"), "eve"), IsNull(users.C("email"))), want: [][]string{{"1"}}},
	{name: "insert_multirow", stmt: Insert(orders).Columns("id", "user_id", "amount").Values(10, 3, 1).Values(11, 3, 2).Values(12, 3, 3),
		affected: 3, check: Select(Sum(orders.C("amount"))).From(orders).Where(Eq(orders.C("user_id"), 3)), want: [][]string{{"6"}}},
	{name: "insert_select", stmt: Insert(orders).Columns("id", "user_id", "amount").Select(Select(Add(users.C("id"), 100), users.C("id"), users.C("age")).From(users).Where(IsNotNull(users.C("age")))),
		affected: 3, check: Select(Count()).From(orders).Where(Gt(orders.C("id"), 100)), want: [][]string{{"3"}}},
	{name: "insert_with_cte", stmt: Insert(orders).Columns("id", "user_id", "amount").With(With("src", Select(users.C("id")).From(users).Where(IsNull(users.C("age"))))).
		Select(Select(Add(Col("id"), 200), Col("id"), Col("id")).From(T("src"))),
		affected: 1, check: Select(orders.C("id"), orders.C("amount")).From(orders).Where(Gt(orders.C("id"), 200)), want: [][]string{{"203", "3"}}},
	{name: "upsert_update", stmt: Insert(users).Columns("id", "name").Values(1, "ann2").Values(6, "fay").OnConflict("id").DoUpdate(Set("name", Excluded("name"))),
		affected: -1, check: Select(users.C("name")).From(users).Where(In(users.C("id"), 1, 6)).OrderBy(Asc(users.C("id"))), want: [][]string{{"ann2"}, {"fay"}}},
	{name: "upsert_update_expr", stmt: Insert(orders).Columns("id", "user_id", "amount").Values(1, 1, 5).OnConflict("id").DoUpdate(Set("amount", Add(orders.C("amount"), Excluded("amount")))),
		affected: -1, check: Select(orders.C("amount")).From(orders).Where(Eq(orders.C("id"), 1)), want: [][]string{{"105"}}},
	{name: "upsert_nothing", stmt: Insert(users).Columns("id", "name").Values(2, "zed").OnConflict("id").DoNothing(),
		affected: -1, check: Select(users.C("name")).From(users).Where(Eq(users.C("id"), 2)), want: [][]string{{"bob"}}},
	{name: "insert_returning", stmt: Insert(users).Columns("id", "name").Values(7, "gus").Returning(users.C("id"), users.C("name")),
		affected: -1, want: [][]string{{"7", "gus"}}, refusedBy: []string{"mysql"}},

	{name: "update_simple", stmt: Update(users).Set(Set("age", Add(users.C("age"), 1))).Where(IsNotNull(users.C("age"))),
		affected: 3, check: Select(Sum(users.C("age"))).From(users), want: [][]string{{"98"}}},
	{name: "update_case_null", stmt: Update(users).Set(Set("email", Case().When(IsNull(users.C("email")), Concat(users.C("name"), "@none")).Else(users.C("email"))), Set("age", Null)).Where(Eq(users.C("id"), 2)),
		affected: 1, check: Select(users.C("email"), users.C("age")).From(users).Where(Eq(users.C("id"), 2)), want: [][]string{{"bob@none", "NULL"}}},
	{name: "update_from", stmt: Update(users).Set(Set("age", orders.C("amount"))).From(orders).Where(Eq(orders.C("user_id"), users.C("id")), Eq(orders.C("id"), 4)),
		affected: 1, check: Select(users.C("age")).From(users).Where(Eq(users.C("id"), 4)), want: [][]string{{"300"}}},
	{name: "update_from_derived", stmt: Update(users).Set(Set("age", Col("total"))).From(Select(o.C("user_id"), As(Sum(o.C("amount")), "total")).From(o).GroupBy(o.C("user_id")).As("t")).
		Where(Eq(T("t").C("user_id"), users.C("id"))),
		affected: 3, check: Select(users.C("age")).From(users).OrderBy(Asc(users.C("id"))), want: [][]string{{"350"}, {"75"}, {"NULL"}, {"300"}}},
	{name: "update_from_values", stmt: Update(users).Set(Set("name", T("v").C("name")), Set("age", T("v").C("age"))).
		From(Values("v", []string{"id", "name", "age"}, [][]any{{1, "Ann", 31}, {3, "Cid", nil}, {9, "nobody", 1}}).
			Typed(model.Type{Kind: model.KindInteger}, model.Type{Kind: model.KindVarchar, Length: 100}, model.Type{Kind: model.KindInteger})).
		Where(Eq(users.C("id"), T("v").C("id"))),
		affected: 2, check: Select(users.C("name"), users.C("age")).From(users).Where(In(users.C("id"), 1, 3)).OrderBy(Asc(users.C("id"))),
		want: [][]string{{"Ann", "31"}, {"Cid", "NULL"}}},
	{name: "update_returning", stmt: Update(users).Set(Set("name", "bobby")).Where(Eq(users.C("id"), 2)).Returning(users.C("name")),
		affected: -1, want: [][]string{{"bobby"}}, refusedBy: []string{"mysql", "mariadb"}},
	{name: "delete_in_subquery", stmt: Delete(orders).Where(In(orders.C("user_id"), Select(users.C("id")).From(users).Where(Eq(users.C("name"), "ann")))),
		affected: 2, check: Select(Count()).From(orders), want: [][]string{{"2"}}},
	{name: "delete_returning", stmt: Delete(orders).Where(Lt(orders.C("amount"), 100)).Returning(orders.C("id")),
		affected: -1, want: [][]string{{"3"}}, refusedBy: []string{"mysql"}},
	{name: "update_with_cte", stmt: Update(users).Set(Set("age", 40)).Where(In(users.C("id"), Select(Col("uid")).From(T("big")))).
		With(With("big", Select(As(o.C("user_id"), "uid")).From(o).Where(Ge(o.C("amount"), 300)))),
		affected: 1, check: Select(users.C("age")).From(users).Where(Eq(users.C("id"), 4)), want: [][]string{{"40"}}, refusedBy: []string{"mariadb"}},
	{name: "delete_with_cte", stmt: Delete(orders).Where(In(orders.C("id"), Select(Col("oid")).From(T("small")))).
		With(With("small", Select(As(o.C("id"), "oid")).From(o).Where(Lt(o.C("amount"), 100)))),
		affected: 1, check: Select(Count()).From(orders), want: [][]string{{"3"}}, refusedBy: []string{"mariadb"}},
	{name: "raw_portable", stmt: Raw("SELECT name FROM users WHERE id = ? AND name <> '?' -- ?\n AND age > ?", 1, 3),
		want: [][]string{{"ann"}}},
	{name: "quoting_hostile", stmt: Select(As(Value("it's \\ \"q\""), `we"ird`+"`"+`col`)).From(users).Where(Eq(users.C("id"), 1)),
		want: [][]string{{"it's \\ \"q\""}}},
}
