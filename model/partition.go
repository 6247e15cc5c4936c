package model

// PartitionBy makes a table partitioned. On PostgreSQL (PARTITION BY) rows
// live in its partitions, tables whose PartitionOf names it. On
// MySQL/MariaDB the partitions belong to the table and Partitions lists
// them.
type PartitionBy struct {
	// Strategy is "range", "list" or "hash"; MySQL/MariaDB also have
	// "range columns", "list columns", "key", "linear hash" and "linear
	// key".
	Strategy string `json:"strategy"`
	// Key is the partition key as the server prints it, without the
	// enclosing parentheses: "created_at", "lower(name)", "tenant_id, id".
	// It may be empty for MySQL's key strategies (the primary key).
	Key string `json:"key"`
	// Partitions is the rest of a MySQL/MariaDB PARTITION BY clause, as
	// SQL: an optional SUBPARTITION BY …, then the partition list
	// "(PARTITION p0 VALUES LESS THAN (2025), …)". Empty on PostgreSQL.
	Partitions string `json:"partitions,omitempty"`
}

// partitionStrategies are the strategies PartitionBy.Strategy may name.
var partitionStrategies = []string{"range", "list", "hash", "range columns", "list columns", "key", "linear hash", "linear key"}

// PartitionOf makes a table a partition of another (PostgreSQL CREATE
// TABLE … PARTITION OF parent bound). A partition's columns come from its
// parent: its own Columns list stays empty.
type PartitionOf struct {
	// Schema of the parent; empty means the partition's own schema.
	Schema string `json:"schema,omitempty"`
	Table  string `json:"table"`
	// Bound is the partition bound as the server prints it:
	// "FOR VALUES FROM ('2024-01-01') TO ('2024-02-01')", "DEFAULT".
	Bound string `json:"bound"`
}
