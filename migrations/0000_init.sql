CREATE TABLE `article_authors` (
	`article_id` integer NOT NULL,
	`author_id` integer NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`article_id`, `author_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `authors`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `article_authors_position_unique` ON `article_authors` (`article_id`,`position`);--> statement-breakpoint
CREATE INDEX `article_authors_author_idx` ON `article_authors` (`author_id`,`article_id`);--> statement-breakpoint
CREATE TABLE `article_categories` (
	`article_id` integer NOT NULL,
	`category_id` integer NOT NULL,
	`is_primary` integer DEFAULT false NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`article_id`, `category_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `article_categories_one_primary` ON `article_categories` (`article_id`) WHERE "article_categories"."is_primary" = 1;--> statement-breakpoint
CREATE INDEX `article_categories_category_idx` ON `article_categories` (`category_id`,`article_id`);--> statement-breakpoint
CREATE TABLE `article_tags` (
	`article_id` integer NOT NULL,
	`tag_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`article_id`, `tag_id`),
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `article_tags_tag_idx` ON `article_tags` (`tag_id`,`article_id`);--> statement-breakpoint
CREATE TABLE `articles` (
	`id` integer PRIMARY KEY NOT NULL,
	`edition_id` integer NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`excerpt` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`featured` integer DEFAULT false NOT NULL,
	`featured_media_id` integer,
	`seo_title` text,
	`seo_description` text,
	`source_name` text,
	`source_url` text,
	`source_published_at` integer,
	`translation_group` integer,
	`word_count` integer DEFAULT 0 NOT NULL,
	`reading_time_minutes` integer DEFAULT 0 NOT NULL,
	`visible_from` integer GENERATED ALWAYS AS (case when status in ('published', 'scheduled') then published_at end) VIRTUAL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`featured_media_id`) REFERENCES `media`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "articles_status_check" CHECK("articles"."status" in ('draft', 'scheduled', 'published', 'archived')),
	CONSTRAINT "articles_published_at_check" CHECK("articles"."status" not in ('scheduled', 'published') or "articles"."published_at" is not null),
	CONSTRAINT "articles_slug_check" CHECK(length("articles"."slug") > 0),
	CONSTRAINT "articles_counts_check" CHECK("articles"."word_count" >= 0 and "articles"."reading_time_minutes" >= 0),
	CONSTRAINT "articles_source_url_check" CHECK("articles"."source_url" is null or "articles"."source_url" like 'http%://%')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `articles_edition_slug_unique` ON `articles` (`edition_id`,`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `articles_translation_unique` ON `articles` (`translation_group`,`edition_id`);--> statement-breakpoint
CREATE INDEX `articles_edition_visible_idx` ON `articles` (`edition_id`,`visible_from`,`id`);--> statement-breakpoint
CREATE INDEX `articles_visible_idx` ON `articles` (`visible_from`,`id`);--> statement-breakpoint
CREATE INDEX `articles_edition_updated_idx` ON `articles` (`edition_id`,`updated_at`,`id`);--> statement-breakpoint
CREATE INDEX `articles_edition_title_idx` ON `articles` (`edition_id`,`title`,`id`);--> statement-breakpoint
CREATE INDEX `articles_edition_featured_idx` ON `articles` (`edition_id`,`featured`,`visible_from`,`id`);--> statement-breakpoint
CREATE TABLE `authors` (
	`id` integer PRIMARY KEY NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`bio` text,
	`avatar_media_id` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`avatar_media_id`) REFERENCES `media`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "authors_slug_check" CHECK(length("authors"."slug") > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `authors_slug_unique` ON `authors` (`slug`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` integer PRIMARY KEY NOT NULL,
	`edition_id` integer NOT NULL,
	`parent_id` integer,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`position` integer DEFAULT 0 NOT NULL,
	`translation_group` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`parent_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "categories_not_own_parent" CHECK("categories"."parent_id" is null or "categories"."parent_id" <> "categories"."id"),
	CONSTRAINT "categories_slug_check" CHECK(length("categories"."slug") > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_edition_slug_unique` ON `categories` (`edition_id`,`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `categories_translation_unique` ON `categories` (`translation_group`,`edition_id`);--> statement-breakpoint
CREATE INDEX `categories_edition_parent_idx` ON `categories` (`edition_id`,`parent_id`,`position`,`id`);--> statement-breakpoint
CREATE TABLE `editions` (
	`id` integer PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`native_name` text NOT NULL,
	`direction` text NOT NULL,
	`is_default` integer DEFAULT false NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "editions_direction_check" CHECK("editions"."direction" in ('ltr', 'rtl')),
	CONSTRAINT "editions_code_check" CHECK("editions"."code" glob '[a-z][a-z]*' and length("editions"."code") between 2 and 35)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `editions_code_unique` ON `editions` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `editions_single_default` ON `editions` (`is_default`) WHERE "editions"."is_default" = 1;--> statement-breakpoint
CREATE TABLE `galleries` (
	`id` integer PRIMARY KEY NOT NULL,
	`edition_id` integer NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `galleries_edition_slug_unique` ON `galleries` (`edition_id`,`slug`);--> statement-breakpoint
CREATE TABLE `gallery_items` (
	`gallery_id` integer NOT NULL,
	`media_id` integer NOT NULL,
	`position` integer NOT NULL,
	`caption` text,
	PRIMARY KEY(`gallery_id`, `position`),
	FOREIGN KEY (`gallery_id`) REFERENCES `galleries`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`media_id`) REFERENCES `media`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `gallery_items_media_idx` ON `gallery_items` (`media_id`);--> statement-breakpoint
CREATE TABLE `media` (
	`id` integer PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`url` text NOT NULL,
	`mime_type` text NOT NULL,
	`bytes` integer,
	`width` integer,
	`height` integer,
	`duration_seconds` integer,
	`alt_text` text,
	`caption` text,
	`credit` text,
	`renditions` text DEFAULT '[]' NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	CONSTRAINT "media_kind_check" CHECK("media"."kind" in ('image', 'video', 'audio', 'document')),
	CONSTRAINT "media_bytes_check" CHECK("media"."bytes" is null or "media"."bytes" >= 0),
	CONSTRAINT "media_dimensions_check" CHECK(("media"."width" is null or "media"."width" > 0) and ("media"."height" is null or "media"."height" > 0)),
	CONSTRAINT "media_duration_check" CHECK("media"."duration_seconds" is null or "media"."duration_seconds" >= 0),
	CONSTRAINT "media_renditions_check" CHECK(json_valid("media"."renditions") and json_type("media"."renditions") = 'array')
);
--> statement-breakpoint
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
	FOREIGN KEY (`menu_id`) REFERENCES `menus`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`parent_id`) REFERENCES `menu_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`page_id`) REFERENCES `pages`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`target_edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "menu_items_kind_check" CHECK("menu_items"."kind" in ('category', 'page', 'article', 'edition', 'url')),
	CONSTRAINT "menu_items_target_check" CHECK((
    ("menu_items"."kind" = 'category') + ("menu_items"."category_id" is not null) <> 1 and
    ("menu_items"."kind" = 'page') + ("menu_items"."page_id" is not null) <> 1 and
    ("menu_items"."kind" = 'article') + ("menu_items"."article_id" is not null) <> 1 and
    ("menu_items"."kind" = 'edition') + ("menu_items"."target_edition_id" is not null) <> 1 and
    ("menu_items"."kind" = 'url') + ("menu_items"."url" is not null) <> 1
  ))
);
--> statement-breakpoint
CREATE INDEX `menu_items_menu_idx` ON `menu_items` (`menu_id`,`parent_id`,`position`);--> statement-breakpoint
CREATE TABLE `menus` (
	`id` integer PRIMARY KEY NOT NULL,
	`edition_id` integer NOT NULL,
	`location` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `menus_edition_location_unique` ON `menus` (`edition_id`,`location`);--> statement-breakpoint
CREATE TABLE `pages` (
	`id` integer PRIMARY KEY NOT NULL,
	`edition_id` integer NOT NULL,
	`slug` text NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`seo_title` text,
	`seo_description` text,
	`translation_group` integer,
	`visible_from` integer GENERATED ALWAYS AS (case when status in ('published', 'scheduled') then published_at end) VIRTUAL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`body` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "pages_status_check" CHECK("pages"."status" in ('draft', 'scheduled', 'published', 'archived')),
	CONSTRAINT "pages_published_at_check" CHECK("pages"."status" not in ('scheduled', 'published') or "pages"."published_at" is not null)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pages_edition_slug_unique` ON `pages` (`edition_id`,`slug`);--> statement-breakpoint
CREATE UNIQUE INDEX `pages_translation_unique` ON `pages` (`translation_group`,`edition_id`);--> statement-breakpoint
CREATE INDEX `pages_edition_visible_idx` ON `pages` (`edition_id`,`visible_from`,`id`);--> statement-breakpoint
CREATE TABLE `site_settings` (
	`edition_id` integer PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`tagline` text,
	`copyright` text,
	`social_links` text DEFAULT '[]' NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "site_settings_social_check" CHECK(json_valid("site_settings"."social_links") and json_type("site_settings"."social_links") = 'array')
);
--> statement-breakpoint
CREATE TABLE `tags` (
	`id` integer PRIMARY KEY NOT NULL,
	`edition_id` integer NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`edition_id`) REFERENCES `editions`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "tags_slug_check" CHECK(length("tags"."slug") > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tags_edition_slug_unique` ON `tags` (`edition_id`,`slug`);