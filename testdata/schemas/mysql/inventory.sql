-- Inventory on MariaDB: composite natural keys, unsigned and raw types,
-- table options (another engine, another character set), uuid, and an
-- index that covers a foreign key so InnoDB adds none of its own, and a
-- system-versioned price table.

CREATE TABLE warehouses (
	id smallint unsigned NOT NULL AUTO_INCREMENT,
	code char(4) CHARACTER SET ascii NOT NULL,
	name varchar(100) NOT NULL,
	opened year DEFAULT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY uq_warehouses_code (code)
);

CREATE TABLE locations (
	warehouse_id smallint unsigned NOT NULL,
	code varchar(12) NOT NULL,
	capacity int NOT NULL DEFAULT 100,
	kind enum('shelf','floor','cold') NOT NULL DEFAULT 'shelf',
	PRIMARY KEY (warehouse_id, code),
	CONSTRAINT fk_locations_warehouse FOREIGN KEY (warehouse_id) REFERENCES warehouses (id)
);

CREATE TABLE items (
	id uuid NOT NULL,
	name varchar(200) NOT NULL,
	barcode varchar(64) DEFAULT NULL,
	unit enum('pcs','kg','l') NOT NULL DEFAULT 'pcs',
	attributes set('fragile','hazardous','perishable') DEFAULT NULL,
	PRIMARY KEY (id),
	UNIQUE KEY uq_items_barcode (barcode),
	KEY ix_items_name (name(30), unit)
) DEFAULT CHARSET=latin1 COMMENT='things we keep';

CREATE TABLE stock (
	item_id uuid NOT NULL,
	warehouse_id smallint unsigned NOT NULL,
	location_code varchar(12) NOT NULL,
	quantity decimal(12,3) NOT NULL DEFAULT 0.000,
	reserved decimal(12,3) NOT NULL DEFAULT 0.000,
	available decimal(12,3) AS (quantity - reserved) VIRTUAL,
	counted_at datetime(6) DEFAULT NULL,
	PRIMARY KEY (item_id, warehouse_id, location_code),
	KEY ix_stock_location_item (warehouse_id, location_code, item_id),
	CONSTRAINT fk_stock_item FOREIGN KEY (item_id) REFERENCES items (id) ON DELETE CASCADE,
	CONSTRAINT fk_stock_location FOREIGN KEY (warehouse_id, location_code) REFERENCES locations (warehouse_id, code) ON UPDATE CASCADE,
	CONSTRAINT ck_stock_reserved CHECK (reserved >= 0 AND reserved <= quantity)
);

CREATE TABLE movement_log (
	id bigint unsigned NOT NULL AUTO_INCREMENT,
	item_id binary(16) NOT NULL,
	delta int NOT NULL,
	reason varchar(200) NOT NULL DEFAULT 'manual\\adjust',
	at timestamp(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	PRIMARY KEY (id),
	KEY ix_movement_log_item_at (item_id, at)
) ENGINE=MyISAM;

CREATE VIEW low_stock AS
	SELECT s.item_id, s.warehouse_id, s.available
	FROM stock s
	WHERE s.available < 5;

-- Stock counts per day, partitioned by year with hashed subpartitions, and
-- kept compressed; scanner events spread over hashed partitions; labels
-- listed by warehouse region.
CREATE TABLE stock_snapshots (
	taken_on date NOT NULL,
	item_id binary(16) NOT NULL,
	warehouse_id smallint unsigned NOT NULL,
	quantity int NOT NULL,
	PRIMARY KEY (taken_on, item_id, warehouse_id)
) ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8
PARTITION BY RANGE (YEAR(taken_on))
SUBPARTITION BY HASH (TO_DAYS(taken_on)) SUBPARTITIONS 2 (
	PARTITION p2024 VALUES LESS THAN (2025),
	PARTITION p2025 VALUES LESS THAN (2026),
	PARTITION pfuture VALUES LESS THAN MAXVALUE
);

CREATE TABLE scanner_events (
	id bigint unsigned NOT NULL AUTO_INCREMENT,
	scanner varchar(40) NOT NULL,
	payload json NOT NULL,
	PRIMARY KEY (id)
) STATS_PERSISTENT=1
PARTITION BY HASH (id) PARTITIONS 4;

CREATE TABLE shelf_labels (
	region char(2) NOT NULL,
	code varchar(20) NOT NULL,
	PRIMARY KEY (region, code)
)
PARTITION BY LIST COLUMNS (region) (
	PARTITION p_north VALUES IN ('NO', 'NE'),
	PARTITION p_south VALUES IN ('SO', 'SE', 'SW')
);

-- Prices change under audit: MariaDB keeps every past row of a
-- system-versioned table (hidden row_start/row_end columns), queried with
-- FOR SYSTEM_TIME AS OF.
CREATE TABLE item_prices (
	item_id uuid NOT NULL,
	currency char(3) NOT NULL DEFAULT 'EUR',
	price decimal(12,2) NOT NULL,
	PRIMARY KEY (item_id, currency),
	CONSTRAINT fk_item_prices_item FOREIGN KEY (item_id) REFERENCES items (id) ON DELETE CASCADE
) WITH SYSTEM VERSIONING;
