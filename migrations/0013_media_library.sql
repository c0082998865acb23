CREATE TABLE `attachments` (
	`owner_type` text NOT NULL,
	`owner_id` integer NOT NULL,
	`position` integer NOT NULL,
	`media_id` integer NOT NULL,
	`label` text,
	PRIMARY KEY(`owner_type`, `owner_id`, `position`),
	FOREIGN KEY (`media_id`) REFERENCES `media`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "attachments_owner_type_check" CHECK("attachments"."owner_type" in ('article', 'page')),
	CONSTRAINT "attachments_position_check" CHECK("attachments"."position" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attachments_owner_media_unique` ON `attachments` (`owner_type`,`owner_id`,`media_id`);--> statement-breakpoint
CREATE INDEX `attachments_media_idx` ON `attachments` (`media_id`,`owner_type`,`owner_id`);--> statement-breakpoint
CREATE TABLE `media_files` (
	`sha256` text PRIMARY KEY NOT NULL,
	`bytes` integer NOT NULL,
	`mime_type` text NOT NULL,
	`storage_key` text NOT NULL,
	`width` integer,
	`height` integer,
	`refcount` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	CONSTRAINT "media_files_sha256_check" CHECK(length("media_files"."sha256") = 64 and "media_files"."sha256" not glob '*[^0-9a-f]*'),
	CONSTRAINT "media_files_bytes_check" CHECK("media_files"."bytes" >= 0),
	CONSTRAINT "media_files_refcount_check" CHECK("media_files"."refcount" >= 0)
);
--> statement-breakpoint
CREATE TABLE `media_renditions` (
	`source_sha256` text NOT NULL,
	`variant` text NOT NULL,
	`storage_key` text NOT NULL,
	`mime_type` text NOT NULL,
	`bytes` integer NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	`sha256` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`source_sha256`, `variant`),
	FOREIGN KEY (`source_sha256`) REFERENCES `media_files`(`sha256`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `media_translations` (
	`media_id` integer NOT NULL,
	`edition_id` integer NOT NULL,
	`title` text,
	`alt_text` text,
	`caption` text,
	`credit` text,
	PRIMARY KEY(`media_id`, `edition_id`),
	FOREIGN KEY (`media_id`) REFERENCES `media`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "media_translations_text_check" CHECK(coalesce("media_translations"."title", "media_translations"."alt_text", "media_translations"."caption", "media_translations"."credit") is not null)
);
--> statement-breakpoint
CREATE INDEX `media_translations_edition_idx` ON `media_translations` (`edition_id`);--> statement-breakpoint
CREATE TABLE `media_uploads` (
	`media_id` integer PRIMARY KEY NOT NULL,
	`file_sha256` text NOT NULL,
	`original_filename` text NOT NULL,
	`placeholder` text,
	`dominant_color` text,
	`focal_x` real,
	`focal_y` real,
	`page_count` integer,
	FOREIGN KEY (`media_id`) REFERENCES `media`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`file_sha256`) REFERENCES `media_files`(`sha256`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "media_uploads_focal_check" CHECK(("media_uploads"."focal_x" is null) = ("media_uploads"."focal_y" is null) and coalesce("media_uploads"."focal_x" between 0 and 1 and "media_uploads"."focal_y" between 0 and 1, 1)),
	CONSTRAINT "media_uploads_dominant_check" CHECK("media_uploads"."dominant_color" is null or "media_uploads"."dominant_color" glob '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]')
);
--> statement-breakpoint
CREATE INDEX `media_uploads_file_idx` ON `media_uploads` (`file_sha256`);--> statement-breakpoint
ALTER TABLE `media` ADD `title` text;