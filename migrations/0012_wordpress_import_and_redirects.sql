CREATE TABLE `import_mappings` (
	`source` text NOT NULL,
	`wp_kind` text NOT NULL,
	`wp_id` text NOT NULL,
	`guid` text,
	`entity_type` text NOT NULL,
	`entity_id` integer NOT NULL,
	`hash` text NOT NULL,
	`imported_at` integer NOT NULL,
	PRIMARY KEY(`source`, `wp_kind`, `wp_id`)
);
--> statement-breakpoint
CREATE INDEX `import_mappings_entity_idx` ON `import_mappings` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE TABLE `redirects` (
	`path` text PRIMARY KEY NOT NULL,
	`target_type` text NOT NULL,
	`target_id` integer NOT NULL,
	`source` text,
	`created_at` integer NOT NULL,
	CONSTRAINT "redirects_path_check" CHECK(substr("redirects"."path", 1, 1) = '/'),
	CONSTRAINT "redirects_target_type_check" CHECK("redirects"."target_type" in ('article', 'page', 'category'))
);
--> statement-breakpoint
CREATE INDEX `redirects_target_idx` ON `redirects` (`target_type`,`target_id`);