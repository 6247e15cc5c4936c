-- A multi-tenant marketplace on MariaDB: per-tenant numbering with an
-- AUTO_INCREMENT column that is the second column of the primary key (it
-- needs a key of its own), indexes of every kind (prefix, FULLTEXT,
-- SPATIAL, descending, on a generated column, twins with the same columns,
-- a declared index named like its foreign key next to a wider one), a
-- foreign key without a name, and views on views declared in an order in
-- which they cannot be created alphabetically.

CREATE TABLE tenants (
	id int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY,
	slug varchar(40) NOT NULL,
	name varchar(200) NOT NULL,
	UNIQUE KEY uq_tenants_slug (slug)
) COMMENT='one shop front per tenant';

CREATE TABLE sellers (
	tenant_id int unsigned NOT NULL,
	id int unsigned NOT NULL AUTO_INCREMENT,
	display_name varchar(120) NOT NULL,
	bio text,
	rating decimal(3,2) NOT NULL DEFAULT 0.00,
	PRIMARY KEY (tenant_id, id),
	KEY ix_sellers_id (id),
	KEY ix_sellers_rating (rating DESC),
	FULLTEXT KEY ft_sellers_bio (display_name, bio),
	CONSTRAINT fk_sellers_tenant FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE
);

CREATE TABLE listings (
	tenant_id int unsigned NOT NULL,
	id bigint unsigned NOT NULL AUTO_INCREMENT,
	seller_id int unsigned NOT NULL,
	title varchar(300) NOT NULL,
	body mediumtext,
	price_cents int unsigned NOT NULL,
	currency char(3) NOT NULL DEFAULT 'EUR',
	price_eur decimal(12,2) AS (price_cents / 100) PERSISTENT,
	state enum('draft','live','sold','withdrawn') NOT NULL DEFAULT 'draft',
	created_at datetime NOT NULL DEFAULT current_timestamp(),
	PRIMARY KEY (tenant_id, id),
	UNIQUE KEY uq_listings_id (id),
	KEY ix_listings_title (title(60)),
	KEY ix_listings_price_eur (price_eur),
	KEY ix_listings_state_created (state, created_at DESC),
	KEY ix_listings_seller_a (seller_id, state),
	KEY ix_listings_seller_b (seller_id, state),
	FULLTEXT KEY ft_listings (title, body),
	KEY fk_listings_seller (tenant_id, seller_id),
	KEY ix_listings_tenant_seller_state (tenant_id, seller_id, state),
	CONSTRAINT fk_listings_seller FOREIGN KEY (tenant_id, seller_id) REFERENCES sellers (tenant_id, id),
	CONSTRAINT ck_listings_currency CHECK (currency IN ('EUR', 'USD', 'GBP'))
);

CREATE TABLE pickup_points (
	id int NOT NULL AUTO_INCREMENT,
	tenant_id int unsigned NOT NULL,
	label varchar(80) NOT NULL,
	location point NOT NULL,
	PRIMARY KEY (id),
	SPATIAL KEY sp_pickup_points_location (location),
	FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);

CREATE TABLE listing_photos (
	tenant_id int unsigned NOT NULL,
	listing_id bigint unsigned NOT NULL,
	position tinyint unsigned NOT NULL,
	url varchar(1000) NOT NULL,
	PRIMARY KEY (tenant_id, listing_id, position),
	KEY ix_listing_photos_url (url(100)),
	CONSTRAINT fk_listing_photos_listing FOREIGN KEY (tenant_id, listing_id) REFERENCES listings (tenant_id, id) ON DELETE CASCADE
);

-- Created in dependency order; their names sort the other way.
CREATE VIEW z_live_listings AS
	SELECT tenant_id, id, seller_id, title, price_eur FROM listings WHERE state = 'live';

CREATE VIEW m_cheap_live_listings AS
	SELECT tenant_id, id, title FROM z_live_listings WHERE price_eur < 10 WITH CASCADED CHECK OPTION;

CREATE VIEW eur_listings AS
	SELECT tenant_id, id, title, currency FROM listings WHERE currency = 'EUR' WITH LOCAL CHECK OPTION;

CREATE VIEW a_cheap_listing_count AS
	SELECT tenant_id, COUNT(*) AS n FROM m_cheap_live_listings GROUP BY tenant_id;
