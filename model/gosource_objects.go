package model

import "strings"

// This file holds the Go source of the object kinds beyond tables: see
// gosource.go.

// GoSource returns &model.Schema{…}.
func (s *Schema) GoSource() string {
	if s == nil {
		return "nil"
	}
	var f goFields
	f.str("Name", s.Name)
	f.optStr("Comment", s.Comment)
	return "&model.Schema{" + f.String() + "}"
}

// GoSource returns &model.Extension{…}.
func (e *Extension) GoSource() string {
	if e == nil {
		return "nil"
	}
	var f goFields
	f.str("Name", e.Name)
	f.optStr("Schema", e.Schema)
	f.optStr("Version", e.Version)
	return "&model.Extension{" + f.String() + "}"
}

// GoSource returns &model.Domain{…}.
func (d *Domain) GoSource() string {
	if d == nil {
		return "nil"
	}
	var f goFields
	f.optStr("Schema", d.Schema)
	f.str("Name", d.Name)
	f.add("Type", d.Type.GoSource())
	f.flag("NotNull", d.NotNull)
	if d.Default != nil {
		f.add("Default", d.Default.GoSource())
	}
	f.optStr("Collation", d.Collation)
	f.optStr("CollationSchema", d.CollationSchema)
	if len(d.Checks) > 0 {
		checks := make([]string, len(d.Checks))
		for i, c := range d.Checks {
			checks[i] = "{" + c.goFields() + "}"
		}
		f.add("Checks", "[]*model.Check{"+strings.Join(checks, ", ")+"}")
	}
	f.optStr("Comment", d.Comment)
	return "&model.Domain{" + f.String() + "}"
}

// GoSource returns the model constant of a definition kind
// (model.DefFunction), or model.DefinitionKind("…") for an unknown one.
func (k DefinitionKind) GoSource() string {
	if c, ok := definitionKindConsts[k]; ok {
		return "model." + c
	}
	return "model.DefinitionKind(" + goQuote(string(k)) + ")"
}

var definitionKindConsts = map[DefinitionKind]string{
	DefFunction: "DefFunction", DefProcedure: "DefProcedure", DefAggregate: "DefAggregate",
	DefType: "DefType", DefTrigger: "DefTrigger", DefEventTrigger: "DefEventTrigger",
	DefEvent: "DefEvent", DefRule: "DefRule", DefVirtualTable: "DefVirtualTable",
	DefMaterializedView: "DefMaterializedView", DefIndex: "DefIndex", DefPolicy: "DefPolicy",
	DefForeignServer: "DefForeignServer", DefForeignTable: "DefForeignTable", DefOperator: "DefOperator",
	DefCollation: "DefCollation", DefTextSearchDictionary: "DefTextSearchDictionary",
	DefTextSearchConfiguration: "DefTextSearchConfiguration", DefCast: "DefCast",
	DefOperatorFamily: "DefOperatorFamily", DefOperatorClass: "DefOperatorClass",
}

// GoSource returns &model.Definition{…}.
func (d *Definition) GoSource() string {
	if d == nil {
		return "nil"
	}
	var f goFields
	f.add("Kind", d.Kind.GoSource())
	f.optStr("Schema", d.Schema)
	f.str("Name", d.Name)
	f.optStr("Table", d.Table)
	f.optStr("Signature", d.Signature)
	f.optStr("Language", d.Language)
	f.str("SQL", d.SQL)
	f.optStr("Comment", d.Comment)
	if d.Firing != "" {
		f.add("Firing", d.Firing.GoSource())
	}
	f.optStr("SQLMode", d.SQLMode)
	if len(d.DependsOn) > 0 {
		f.add("DependsOn", goObjectNames(d.DependsOn))
	}
	return "&model.Definition{" + f.String() + "}"
}

// GoSource returns the model constant of a firing state
// (model.FiringDisabled), or model.Firing("…") for an unknown one.
func (f Firing) GoSource() string {
	switch f {
	case FiringDisabled:
		return "model.FiringDisabled"
	case FiringReplica:
		return "model.FiringReplica"
	case FiringAlways:
		return "model.FiringAlways"
	}
	return "model.Firing(" + goQuote(string(f)) + ")"
}

// GoSource returns the model constant of a NULLS order (model.NullsFirst),
// or model.NullsOrder("…") for an unknown one.
func (n NullsOrder) GoSource() string {
	switch n {
	case NullsFirst:
		return "model.NullsFirst"
	case NullsLast:
		return "model.NullsLast"
	}
	return "model.NullsOrder(" + goQuote(string(n)) + ")"
}

// GoSource returns &model.PartitionBy{…}.
func (p *PartitionBy) GoSource() string {
	if p == nil {
		return "nil"
	}
	var f goFields
	f.str("Strategy", p.Strategy)
	f.str("Key", p.Key)
	f.optStr("Partitions", p.Partitions)
	return "&model.PartitionBy{" + f.String() + "}"
}

// GoSource returns &model.PartitionOf{…}.
func (p *PartitionOf) GoSource() string {
	if p == nil {
		return "nil"
	}
	var f goFields
	f.optStr("Schema", p.Schema)
	f.str("Table", p.Table)
	f.str("Bound", p.Bound)
	return "&model.PartitionOf{" + f.String() + "}"
}

// GoSource returns &model.Exclusion{…}.
func (ex *Exclusion) GoSource() string {
	if ex == nil {
		return "nil"
	}
	return "&model.Exclusion{" + ex.goFields() + "}"
}

func (ex *Exclusion) goFields() string {
	var f goFields
	f.optStr("Name", ex.Name)
	f.optStr("Method", ex.Method)
	els := make([]string, len(ex.Elements))
	for i, el := range ex.Elements {
		els[i] = "{IndexPart: model.IndexPart" + el.IndexPart.goSource() + ", Operator: " + goQuote(el.Operator) + "}"
	}
	f.add("Elements", "[]model.ExclusionElement{"+strings.Join(els, ", ")+"}")
	if len(ex.Include) > 0 {
		f.add("Include", goStrings(ex.Include))
	}
	f.optStr("Where", ex.Where)
	f.flag("Deferrable", ex.Deferrable)
	f.flag("InitiallyDeferred", ex.InitiallyDeferred)
	f.optStr("Comment", ex.Comment)
	return f.String()
}

// goObjectNames renders []model.ObjectName{{…}, …}.
func goObjectNames(names []ObjectName) string {
	parts := make([]string, len(names))
	for i, n := range names {
		var f goFields
		f.optStr("Schema", n.Schema)
		f.str("Name", n.Name)
		parts[i] = "{" + f.String() + "}"
	}
	return "[]model.ObjectName{" + strings.Join(parts, ", ") + "}"
}
