DROP VIEW `active accounts`;
ALTER TABLE `accounts` DROP FOREIGN KEY `fk_accounts_favorite_ticket_id_tickets`;
ALTER TABLE `tickets` DROP FOREIGN KEY `fk_tickets_account_id_accounts`;
DROP TABLE `tickets`;
DROP TABLE `memberships`;
DROP TABLE `org units`;
DROP TABLE `accounts`;
