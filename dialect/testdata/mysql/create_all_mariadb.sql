CREATE SEQUENCE `invoice_numbers` START WITH 1000 INCREMENT BY 5 MINVALUE 1 MAXVALUE 999999 CACHE 10 CYCLE;

CREATE SEQUENCE `plain seq`;

CREATE TABLE `accounts` (
	`id` bigint NOT NULL AUTO_INCREMENT,
	`email` varchar(255) COLLATE `utf8mb4_bin` NOT NULL COMMENT 'login e-mail; it''s unique',
	`status` enum('active','it''s blocked','back\\slash') NOT NULL DEFAULT 'active',
	`flags` set('a','b') NULL,
	`bio` mediumtext NULL,
	`age` tinyint unsigned NULL,
	`balance` decimal(12,2) NOT NULL DEFAULT 0,
	`is_admin` tinyint(1) NOT NULL DEFAULT FALSE,
	`created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
	`updated_at` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
	`email_lower` varchar(255) GENERATED ALWAYS AS (lower(`email`)) STORED,
	`email_len` int GENERATED ALWAYS AS (char_length(`email`)) VIRTUAL,
	`profile` json NULL,
	`token` uuid NULL,
	`avatar` blob NULL,
	`note` text NULL DEFAULT 'n/a',
	`score` double NOT NULL DEFAULT (pi() * 2),
	`order` int NOT NULL DEFAULT 0,
	`favorite_ticket_id` bigint NULL,
	PRIMARY KEY (`id`),
	CONSTRAINT `uq_accounts_email` UNIQUE (`email`),
	CONSTRAINT `ck_accounts_age` CHECK (`age` IS NULL OR `age` >= 13)
) ENGINE=InnoDB DEFAULT CHARSET=`utf8mb4` COLLATE=`utf8mb4_unicode_ci` ROW_FORMAT=DYNAMIC COMMENT='User accounts; it''s "quoted" \\ here';

CREATE INDEX `ix_accounts_bio` ON `accounts` (`bio`(20));

CREATE INDEX `ix_accounts_created_desc` ON `accounts` (`created_at` DESC, `id`);

CREATE INDEX `ix_accounts_email_prefix` ON `accounts` (`email`(10), `status`) USING BTREE;

CREATE UNIQUE INDEX `ix_accounts_status_email` ON `accounts` (`status`, `email`);

CREATE TABLE `org units` (
	`region` char(2) NOT NULL,
	`code` int NOT NULL,
	`naïve name` varchar(100) NOT NULL COMMENT '名前',
	`select` varchar(10) NULL,
	PRIMARY KEY (`region`, `code`)
) ENGINE=InnoDB;

CREATE TABLE `memberships` (
	`account_id` bigint NOT NULL,
	`region` char(2) NOT NULL,
	`org_code` int NOT NULL,
	`role` enum('member','admin') NOT NULL DEFAULT 'member',
	`invited_by` bigint NULL,
	PRIMARY KEY (`account_id`, `region`, `org_code`),
	CONSTRAINT `fk_memberships_account_id_accounts` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_memberships_org` FOREIGN KEY (`region`, `org_code`) REFERENCES `org units` (`region`, `code`) ON DELETE RESTRICT ON UPDATE CASCADE,
	CONSTRAINT `fk_memberships_invited_by_accounts` FOREIGN KEY (`invited_by`) REFERENCES `accounts` (`id`) ON DELETE SET NULL ON UPDATE NO ACTION
) ENGINE=InnoDB;

CREATE INDEX `ix_memberships_region_org_code_role` ON `memberships` (`region`, `org_code`, `role`);

CREATE TABLE `tickets` (
	`id` bigint NOT NULL AUTO_INCREMENT,
	`account_id` bigint NOT NULL,
	`title` varchar(200) NOT NULL,
	PRIMARY KEY (`id`)
) ENGINE=InnoDB AUTO_INCREMENT=1000;

ALTER TABLE `accounts` ADD CONSTRAINT `fk_accounts_favorite_ticket_id_tickets` FOREIGN KEY (`favorite_ticket_id`) REFERENCES `tickets` (`id`) ON DELETE SET NULL;

ALTER TABLE `tickets` ADD CONSTRAINT `fk_tickets_account_id_accounts` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`) ON DELETE CASCADE;

CREATE VIEW `active accounts` AS SELECT `id`, `email` FROM `accounts` WHERE `status` = 'active';
