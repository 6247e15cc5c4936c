-- A small shop: customers, products, orders and their lines.
CREATE TABLE customers (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    email       VARCHAR(255) NOT NULL CONSTRAINT uq_customers_email UNIQUE,
    name        TEXT,
    created_at  TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE products (
    id     INTEGER PRIMARY KEY,
    sku    VARCHAR(32) NOT NULL,
    price  NUMERIC(10, 2) NOT NULL DEFAULT 0 CHECK (price >= 0),
    active BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE UNIQUE INDEX ix_products_sku ON products (lower(sku));
CREATE INDEX ix_products_active ON products (id) WHERE active;

CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE RESTRICT,
    status      VARCHAR(10) NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'paid', 'shipped')),
    placed_at   TIMESTAMP
);
CREATE INDEX ix_orders_customer ON orders (customer_id, placed_at DESC);

CREATE TABLE order_lines (
    order_id   INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    product_id INTEGER NOT NULL REFERENCES products (id),
    quantity   INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (order_id, product_id)
) WITHOUT ROWID;
