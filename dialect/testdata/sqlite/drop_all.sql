DROP VIEW "active_users";
DROP TABLE "main"."kv";
DROP TABLE "employees";
DROP TABLE "departments";
DROP TABLE "membership_roles";
DROP TABLE "memberships";
DROP TABLE "users";
DROP TABLE "orgs";
