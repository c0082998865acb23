CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`article_id` integer NOT NULL,
	`parent_id` integer,
	`depth` integer DEFAULT 0 NOT NULL,
	`thread_path` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`author_name` text NOT NULL,
	`author_email` text,
	`author_url` text,
	`body` text NOT NULL,
	`is_staff` integer DEFAULT false NOT NULL,
	`staff_key_id` integer,
	`ip_hash` text,
	`fingerprint` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`parent_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "comments_status_check" CHECK("comments"."status" in ('pending', 'approved', 'spam', 'trash')),
	CONSTRAINT "comments_depth_check" CHECK("comments"."depth" >= 0),
	CONSTRAINT "comments_body_check" CHECK(length("comments"."body") > 0),
	CONSTRAINT "comments_name_check" CHECK(length("comments"."author_name") between 1 and 100)
);
--> statement-breakpoint
CREATE INDEX `comments_thread_idx` ON `comments` (`article_id`,`status`,`thread_path`);--> statement-breakpoint
CREATE INDEX `comments_status_idx` ON `comments` (`status`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `comments_recent_idx` ON `comments` (`status`,`article_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_ip_idx` ON `comments` (`ip_hash`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_email_idx` ON `comments` (`author_email`);--> statement-breakpoint
CREATE INDEX `comments_fingerprint_idx` ON `comments` (`fingerprint`);--> statement-breakpoint
CREATE TABLE `contact_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`reference` text NOT NULL,
	`edition_id` integer NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`subject` text NOT NULL,
	`message` text NOT NULL,
	`topic` text,
	`status` text DEFAULT 'new' NOT NULL,
	`ip_hash` text,
	`fingerprint` text,
	`created_at` integer NOT NULL,
	`handled_at` integer,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "contact_messages_status_check" CHECK("contact_messages"."status" in ('new', 'handled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_messages_reference_unique` ON `contact_messages` (`reference`);--> statement-breakpoint
CREATE INDEX `contact_messages_edition_idx` ON `contact_messages` (`edition_id`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `contact_messages_ip_idx` ON `contact_messages` (`ip_hash`,`created_at`);--> statement-breakpoint
CREATE INDEX `contact_messages_handled_idx` ON `contact_messages` (`status`,`handled_at`);--> statement-breakpoint
CREATE TABLE `discussion_settings` (
	`edition_id` integer PRIMARY KEY NOT NULL,
	`default_comment_status` text DEFAULT 'open' NOT NULL,
	`close_after_days` integer,
	`contact_topics` text DEFAULT '[]' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "discussion_settings_status_check" CHECK("discussion_settings"."default_comment_status" in ('open', 'closed', 'hidden')),
	CONSTRAINT "discussion_settings_close_check" CHECK("discussion_settings"."close_after_days" is null or "discussion_settings"."close_after_days" > 0),
	CONSTRAINT "discussion_settings_topics_check" CHECK(json_valid("discussion_settings"."contact_topics") and json_type("discussion_settings"."contact_topics") = 'array')
);
--> statement-breakpoint
ALTER TABLE `articles` ADD `comment_status` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `comment_count` integer DEFAULT 0 NOT NULL;