-- A small shop on MariaDB: enum and set columns, generated columns, an
-- invisible column, prefix and full-text indexes, composite keys, a view
-- and a sequence that numbers invoices.

CREATE SEQUENCE invoice_numbers START WITH 1000 INCREMENT BY 1 CACHE 20;

CREATE TABLE customers (
	id int unsigned NOT NULL AUTO_INCREMENT,
	email varchar(190) NOT NULL COMMENT 'login; unique',
	full_name varchar(200) NOT NULL,
	country char(2) NOT NULL DEFAULT 'FR',
	tier enum('free','silver','gold','it''s special') NOT NULL DEFAULT 'free',
	flags set('newsletter','vip','blocked') NOT NULL DEFAULT '',
	created_at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP,
	updated_at datetime(3) NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
	password_hash varbinary(64) INVISIBLE DEFAULT NULL COMMENT 'not in SELECT *',
	PRIMARY KEY (id),
	UNIQUE KEY uq_customers_email (email),
	KEY ix_customers_name (full_name(40))
) ENGINE=InnoDB COMMENT='people who buy; "quoted" and it''s fine';

CREATE TABLE products (
	sku varchar(32) NOT NULL,
	title varchar(255) NOT NULL,
	description text,
	price decimal(10,2) NOT NULL DEFAULT 0.00,
	vat_rate decimal(4,2) NOT NULL DEFAULT 20.00,
	price_with_vat decimal(12,2) GENERATED ALWAYS AS (price * (1 + vat_rate / 100)) VIRTUAL,
	weight_grams mediumint unsigned DEFAULT NULL,
	active tinyint(1) NOT NULL DEFAULT 1,
	PRIMARY KEY (sku),
	FULLTEXT KEY ft_products_text (title, description),
	KEY ix_products_active_price (active, price DESC)
) COMMENT='catalogue';

CREATE TABLE orders (
	id bigint NOT NULL AUTO_INCREMENT,
	customer_id int unsigned NOT NULL,
	status enum('cart','paid','shipped','cancelled') NOT NULL DEFAULT 'cart',
	placed_at datetime DEFAULT NULL,
	note varchar(500) DEFAULT NULL,
	PRIMARY KEY (id),
	KEY ix_orders_customer_status (customer_id, status),
	CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT ON UPDATE CASCADE
);

CREATE TABLE order_lines (
	order_id bigint NOT NULL,
	line_no smallint NOT NULL,
	sku varchar(32) NOT NULL,
	qty int NOT NULL DEFAULT 1,
	unit_price decimal(10,2) NOT NULL,
	total decimal(12,2) AS (qty * unit_price) PERSISTENT,
	PRIMARY KEY (order_id, line_no),
	CONSTRAINT ck_order_lines_qty CHECK (qty > 0),
	CONSTRAINT fk_order_lines_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
	FOREIGN KEY (sku) REFERENCES products (sku)
);

CREATE TABLE shipments (
	id int NOT NULL AUTO_INCREMENT PRIMARY KEY,
	order_id bigint NOT NULL,
	line_no smallint NOT NULL,
	carrier varchar(40) NOT NULL DEFAULT 'post',
	tracking varchar(64) CHARACTER SET ascii COLLATE ascii_bin DEFAULT NULL,
	CONSTRAINT fk_shipments_line FOREIGN KEY (order_id, line_no) REFERENCES order_lines (order_id, line_no) ON DELETE CASCADE
);

-- Invoice numbers come from the sequence: MariaDB keeps the default as
-- nextval(`<database>`.`invoice_numbers`), naming the database it was
-- created in.
CREATE TABLE invoices (
	number bigint NOT NULL DEFAULT (NEXT VALUE FOR invoice_numbers),
	order_id bigint NOT NULL,
	issued_at datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
	PRIMARY KEY (number),
	CONSTRAINT fk_invoices_order FOREIGN KEY (order_id) REFERENCES orders (id)
);

CREATE VIEW paid_orders AS
	SELECT o.id, c.email, o.placed_at
	FROM orders o JOIN customers c ON c.id = o.customer_id
	WHERE o.status = 'paid';
