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
ALTER TABLE `media` ADD `title` text;