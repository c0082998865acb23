CREATE TABLE `author_translations` (
	`author_id` integer NOT NULL,
	`edition_id` integer NOT NULL,
	`name` text,
	`bio` text,
	`avatar_alt` text,
	PRIMARY KEY(`author_id`, `edition_id`),
	FOREIGN KEY (`author_id`) REFERENCES `authors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `author_translations_edition_idx` ON `author_translations` (`edition_id`);--> statement-breakpoint
-- Rebuilds menu_items for the new kinds (its CHECK constraints change). Migrations run inside one
-- transaction, where PRAGMA foreign_keys=OFF is a no-op: the old table is renamed first (its
-- self-reference follows it), so dropping it cascades into nothing but itself.
ALTER TABLE `menu_items` RENAME TO `__old_menu_items`;--> statement-breakpoint
CREATE TABLE `menu_items` (
	`id` integer PRIMARY KEY NOT NULL,
	`menu_id` integer NOT NULL,
	`parent_id` integer,
	`position` integer NOT NULL,
	`label` text NOT NULL,
	`kind` text NOT NULL,
	`category_id` integer,
	`page_id` integer,
	`article_id` integer,
	`target_edition_id` integer,
	`url` text,
	`gallery_id` integer,
	`tag_id` integer,
	`author_id` integer,
	FOREIGN KEY (`menu_id`) REFERENCES `menus`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`parent_id`) REFERENCES `menu_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`target_edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`gallery_id`) REFERENCES `galleries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `authors`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "menu_items_kind_check" CHECK("menu_items"."kind" in ('category', 'page', 'article', 'edition', 'url', 'gallery', 'tag', 'author', 'label')),
	CONSTRAINT "menu_items_target_check" CHECK((
    ("menu_items"."kind" = 'category') + ("menu_items"."category_id" is not null) <> 1 and
    ("menu_items"."kind" = 'page') + ("menu_items"."page_id" is not null) <> 1 and
    ("menu_items"."kind" = 'article') + ("menu_items"."article_id" is not null) <> 1 and
    ("menu_items"."kind" = 'edition') + ("menu_items"."target_edition_id" is not null) <> 1 and
    ("menu_items"."kind" = 'url') + ("menu_items"."url" is not null) <> 1 and
    ("menu_items"."kind" = 'gallery') + ("menu_items"."gallery_id" is not null) <> 1 and
    ("menu_items"."kind" = 'tag') + ("menu_items"."tag_id" is not null) <> 1 and
    ("menu_items"."kind" = 'author') + ("menu_items"."author_id" is not null) <> 1
  ))
);
--> statement-breakpoint
INSERT INTO `menu_items`("id", "menu_id", "parent_id", "position", "label", "kind", "category_id", "page_id", "article_id", "target_edition_id", "url") SELECT "id", "menu_id", "parent_id", "position", "label", "kind", "category_id", "page_id", "article_id", "target_edition_id", "url" FROM `__old_menu_items` ORDER BY "id";--> statement-breakpoint
DROP TABLE `__old_menu_items`;--> statement-breakpoint
CREATE INDEX `menu_items_menu_idx` ON `menu_items` (`menu_id`,`parent_id`,`position`);--> statement-breakpoint
ALTER TABLE `site_settings` ADD `logo_media_id` integer REFERENCES media(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `site_settings` ADD `logo_dark_media_id` integer REFERENCES media(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `site_settings` ADD `favicon_media_id` integer REFERENCES media(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `site_settings` ADD `copyright_holder` text;--> statement-breakpoint
ALTER TABLE `site_settings` ADD `copyright_start_year` integer;--> statement-breakpoint
ALTER TABLE `site_settings` ADD `contact_email` text;--> statement-breakpoint
ALTER TABLE `site_settings` ADD `contact_phone` text;--> statement-breakpoint
ALTER TABLE `site_settings` ADD `contact_address` text;