ALTER TABLE `articles` ADD `source_author` text;--> statement-breakpoint
ALTER TABLE `articles` ADD `source_title` text;--> statement-breakpoint
ALTER TABLE `site_settings` ADD `share_networks` text;