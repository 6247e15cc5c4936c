-- Inventory on MariaDB: composite natural keys, unsigned and raw types,
-- table options (another engine, another character set), uuid, and an
-- index that covers a foreign key so InnoDB adds none of its own.

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
