package model

// PartitionBy makes a table partitioned (PostgreSQL PARTITION BY): rows
// live in its partitions, tables whose PartitionOf names it.
type PartitionBy struct {
	// Strategy is "range", "list" or "hash".
	Strategy string `json:"strategy"`
	// Key is the partition key as the server prints it, without the
	// enclosing parentheses: "created_at", "lower(name)", "tenant_id, id".
	Key string `json:"key"`
}

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
