-- A small shop: customers, products, orders and their lines.
CREATE TABLE customers (
    id          bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
    email       varchar(255) NOT NULL,
    name        text,
    created_at  datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_customers_email UNIQUE (email)
) COMMENT 'people who buy';

CREATE TABLE products (
    id     int NOT NULL AUTO_INCREMENT PRIMARY KEY,
    sku    varchar(32) NOT NULL,
    price  decimal(10, 2) NOT NULL DEFAULT 0 CHECK (price >= 0),
    active tinyint(1) NOT NULL DEFAULT 1,
    UNIQUE KEY ix_products_sku (sku)
);

CREATE TABLE orders (
    id          bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
    customer_id bigint NOT NULL,
    status      enum('new', 'paid', 'shipped') NOT NULL DEFAULT 'new',
    placed_at   datetime NULL,
    CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE RESTRICT,
    KEY ix_orders_customer (customer_id, placed_at)
);

CREATE TABLE order_lines (
    order_id   bigint NOT NULL,
    product_id int NOT NULL,
    quantity   int NOT NULL DEFAULT 1 COMMENT 'units',
    PRIMARY KEY (order_id, product_id),
    CONSTRAINT fk_lines_order FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
    CONSTRAINT fk_lines_product FOREIGN KEY (product_id) REFERENCES products (id)
);
