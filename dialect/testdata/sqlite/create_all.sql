CREATE TABLE "orgs" (
	"id" INTEGER CONSTRAINT "pk_orgs" PRIMARY KEY AUTOINCREMENT NOT NULL,
	"name" VARCHAR(100) COLLATE "NOCASE" NOT NULL,
	"created_at" TIMESTAMPTZ NOT NULL DEFAULT (CURRENT_TIMESTAMP),
	CONSTRAINT "uq_orgs_name" UNIQUE ("name")
);

CREATE TABLE "users" (
	"id" INTEGER CONSTRAINT "pk_users" PRIMARY KEY AUTOINCREMENT NOT NULL,
	"org_id" BIGINT NOT NULL,
	"email" VARCHAR(255) NOT NULL,
	"active" BOOLEAN NOT NULL DEFAULT TRUE,
	"balance" NUMERIC(12,2) NOT NULL DEFAULT 0,
	"score" DOUBLE DEFAULT 0.5,
	"mood" VARCHAR(16) NOT NULL DEFAULT 'happy' CHECK ("mood" IN ('happy', 'sad', 'it''s complicated')),
	"say ""hi""" TEXT DEFAULT 'it''s',
	"token" UUID,
	"avatar" BLOB,
	"seen_at" TIMESTAMP,
	"balance_x2" NUMERIC(14,2) GENERATED ALWAYS AS (balance * 2) STORED,
	"email_len" INTEGER GENERATED ALWAYS AS (length(email)) VIRTUAL,
	CONSTRAINT "ck_users_05220af2" CHECK (balance >= 0),
	CONSTRAINT "fk_users_org_id_orgs" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id") ON DELETE CASCADE ON UPDATE RESTRICT
);

CREATE UNIQUE INDEX "ix_users_org_id_email" ON "users" ("org_id", "email");

CREATE INDEX "ix_users_seen_desc" ON "users" ("seen_at" DESC, "id");

CREATE INDEX "ix_users_active_email" ON "users" ("email") WHERE active = 1;

CREATE INDEX "ix_users_lower_email" ON "users" ((lower(email)));

CREATE TABLE "memberships" (
	"org_id" BIGINT NOT NULL,
	"user_id" INTEGER NOT NULL,
	"since" DATE,
	CONSTRAINT "pk_memberships" PRIMARY KEY ("org_id", "user_id"),
	CONSTRAINT "fk_memberships_org_id_orgs" FOREIGN KEY ("org_id") REFERENCES "orgs" ("id"),
	CONSTRAINT "fk_memberships_user_id_users" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "membership_roles" (
	"org_id" BIGINT NOT NULL,
	"user_id" INTEGER NOT NULL,
	"role" VARCHAR(30) NOT NULL,
	CONSTRAINT "pk_membership_roles" PRIMARY KEY ("org_id", "user_id", "role"),
	CONSTRAINT "fk_roles_membership" FOREIGN KEY ("org_id", "user_id") REFERENCES "memberships" ("org_id", "user_id") ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED
);

CREATE TABLE "departments" (
	"id" INTEGER NOT NULL,
	"head_id" INTEGER,
	CONSTRAINT "pk_departments" PRIMARY KEY ("id"),
	CONSTRAINT "fk_departments_head_id_employees" FOREIGN KEY ("head_id") REFERENCES "employees" ("id") ON DELETE SET NULL
);

CREATE TABLE "employees" (
	"id" INTEGER NOT NULL,
	"dept_id" INTEGER,
	CONSTRAINT "pk_employees" PRIMARY KEY ("id"),
	CONSTRAINT "fk_employees_dept_id_departments" FOREIGN KEY ("dept_id") REFERENCES "departments" ("id")
);

CREATE TABLE "main"."kv" (
	"k" TEXT COLLATE "BINARY" NOT NULL,
	"parent" TEXT,
	"v" BLOB DEFAULT X'CAFE',
	CONSTRAINT "pk_kv" PRIMARY KEY ("k"),
	CONSTRAINT "fk_kv_parent_kv" FOREIGN KEY ("parent") REFERENCES "kv" ("k") ON DELETE SET NULL
) WITHOUT ROWID;

CREATE INDEX "main"."ix_kv_parent" ON "kv" ("parent");

CREATE VIEW "active_users" AS SELECT id, email FROM users WHERE active = 1;
