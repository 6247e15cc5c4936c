-- A small shop: customers, products, orders and their lines, written the
-- way people write SQLite schemas by hand (mixed quoting, comments, inline
-- and table constraints).

PRAGMA foreign_keys = ON;

CREATE TABLE customers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    email       TEXT    NOT NULL COLLATE NOCASE,
    name        VARCHAR(120) NOT NULL,
    tier        VARCHAR(6) NOT NULL DEFAULT 'basic' CHECK ("tier" IN ('basic', 'silver', 'gold')),
    balance     NUMERIC(12, 2) NOT NULL DEFAULT 0,
    created_at  TIMESTAMP NOT NULL DEFAULT (CURRENT_TIMESTAMP),
    deleted_at  TIMESTAMP,
    CONSTRAINT uq_customers_email UNIQUE (email),
    CONSTRAINT ck_customers_balance CHECK (balance >= -1000)
);

CREATE TABLE "products" (
    sku         CHAR(8) NOT NULL,
    variant     SMALLINT NOT NULL DEFAULT 1,
    title       TEXT NOT NULL,
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
    vat_rate    REAL NOT NULL DEFAULT 0.2,
    price_gross INTEGER GENERATED ALWAYS AS (CAST(round(price_cents * (1 + vat_rate)) AS INTEGER)) VIRTUAL,
    attrs       JSON,
    CONSTRAINT pk_products PRIMARY KEY (sku, variant)
) WITHOUT ROWID;

CREATE TABLE [orders] (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    customer_id  INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    status       VARCHAR(9) NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'paid', 'shipped', 'cancelled')),
    placed_at    TIMESTAMP NOT NULL DEFAULT (CURRENT_TIMESTAMP),
    note         TEXT -- free text, may contain ; and (parentheses)
);

CREATE TABLE `order_lines` (
    order_id    INTEGER NOT NULL,
    line_no     INTEGER NOT NULL,
    sku         CHAR(8) NOT NULL,
    variant     SMALLINT NOT NULL,
    qty         INTEGER NOT NULL DEFAULT 1,
    total_cents INTEGER AS (qty * 100) STORED,
    PRIMARY KEY (order_id, line_no),
    CONSTRAINT fk_lines_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT fk_lines_product FOREIGN KEY (sku, variant) REFERENCES products (sku, variant)
        ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED,
    CHECK (qty > 0 AND qty < 10000)
) WITHOUT ROWID;

CREATE INDEX ix_orders_open ON orders (customer_id, placed_at DESC) WHERE status IN ('new', 'paid');
CREATE UNIQUE INDEX ux_customers_live_email ON customers (lower(email)) WHERE deleted_at IS NULL;
CREATE INDEX "ix_products_title" ON products (title COLLATE NOCASE);
CREATE INDEX ix_lines_product ON order_lines (sku, variant);

CREATE VIEW open_orders AS
    SELECT o.id, c.email, o.placed_at
    FROM orders o JOIN customers c ON c.id = o.customer_id
    WHERE o.status IN ('new', 'paid');
