CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`prefix` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`revoked_at` integer,
	`last_used_at` integer,
	CONSTRAINT "api_keys_role_check" CHECK("api_keys"."role" in ('admin', 'editor', 'author', 'preview')),
	CONSTRAINT "api_keys_name_check" CHECK(length("api_keys"."name") between 1 and 200)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_keys_prefix_unique` ON `api_keys` (`prefix`);--> statement-breakpoint
CREATE TABLE `changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` integer NOT NULL,
	`action` text NOT NULL,
	`at` integer NOT NULL,
	`key_id` integer,
	`summary` text DEFAULT '{}' NOT NULL,
	FOREIGN KEY (`key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "changes_action_check" CHECK("changes"."action" in ('created', 'updated', 'published', 'unpublished', 'archived', 'deleted'))
);
--> statement-breakpoint
CREATE INDEX `changes_entity_idx` ON `changes` (`entity_type`,`entity_id`,`seq`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key_id` integer NOT NULL,
	`idempotency_key` text NOT NULL,
	`fingerprint` text NOT NULL,
	`status` integer,
	`location` text,
	`body` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	PRIMARY KEY(`key_id`, `idempotency_key`),
	FOREIGN KEY (`key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_expiry_idx` ON `idempotency_keys` (`expires_at`);--> statement-breakpoint
CREATE TABLE `revisions` (
	`id` integer PRIMARY KEY NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` integer NOT NULL,
	`number` integer NOT NULL,
	`version` integer NOT NULL,
	`action` text NOT NULL,
	`snapshot` text NOT NULL,
	`key_id` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`key_id`) REFERENCES `api_keys`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "revisions_entity_type_check" CHECK("revisions"."entity_type" in ('article', 'page')),
	CONSTRAINT "revisions_snapshot_check" CHECK(json_valid("revisions"."snapshot"))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `revisions_entity_number_unique` ON `revisions` (`entity_type`,`entity_id`,`number`);--> statement-breakpoint
CREATE TABLE `slug_redirects` (
	`edition_id` integer NOT NULL,
	`old_slug` text NOT NULL,
	`article_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`edition_id`, `old_slug`),
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `slug_redirects_article_idx` ON `slug_redirects` (`article_id`);--> statement-breakpoint
ALTER TABLE `articles` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `articles` ADD `created_by_key_id` integer;--> statement-breakpoint
ALTER TABLE `pages` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `pages` ADD `created_by_key_id` integer;