-- A multi-tenant ledger: every key is composite (tenant_id, …), so
-- foreign keys are composite, with quoted and mixed-case names, unicode
-- identifiers, reserved words and several check constraints.

CREATE TYPE "Entry Kind" AS ENUM ('debit', 'credit');

CREATE TABLE tenants (
    id       integer PRIMARY KEY,
    "Name"   text NOT NULL,
    plan     varchar(20) NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro', 'enterprise')),
    "order"  integer NOT NULL DEFAULT 0
);

CREATE TABLE accounts (
    tenant_id integer NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    code      varchar(16) NOT NULL,
    "libellé" text NOT NULL,
    parent    varchar(16),
    balance   numeric(18,4) NOT NULL DEFAULT 0.0000,
    PRIMARY KEY (tenant_id, code),
    FOREIGN KEY (tenant_id, parent) REFERENCES accounts (tenant_id, code) ON UPDATE CASCADE
);
CREATE INDEX "ix accounts parent" ON accounts (tenant_id, parent) WHERE parent IS NOT NULL;

CREATE TABLE "journal entries" (
    tenant_id  integer NOT NULL,
    id         bigint GENERATED ALWAYS AS IDENTITY,
    account    varchar(16) NOT NULL,
    kind       "Entry Kind" NOT NULL,
    amount     numeric(18,4) NOT NULL,
    signed     numeric(18,4) GENERATED ALWAYS AS (CASE WHEN kind = 'debit' THEN -amount ELSE amount END) STORED,
    booked_on  date NOT NULL,
    memo       text COLLATE "C" DEFAULT 'n/a',
    PRIMARY KEY (tenant_id, id),
    CONSTRAINT "fk journal account" FOREIGN KEY (tenant_id, account) REFERENCES accounts (tenant_id, code),
    CONSTRAINT ck_amount_positive CHECK (amount > 0),
    CONSTRAINT ck_booked_recent CHECK (booked_on > DATE '2000-01-01')
);
COMMENT ON TABLE "journal entries" IS 'Double-entry lines; it''s append-only';
CREATE INDEX ix_journal_booked ON "journal entries" (tenant_id, booked_on DESC, id);
CREATE INDEX ix_journal_memo ON "journal entries" (upper(memo)) WHERE memo <> 'n/a';

CREATE VIEW "trial balance" AS
    SELECT tenant_id, account, sum(signed) AS net FROM "journal entries" GROUP BY tenant_id, account;
