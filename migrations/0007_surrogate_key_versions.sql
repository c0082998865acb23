CREATE TABLE `surrogate_key_versions` (
	`key` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `surrogate_key_versions_seq_idx` ON `surrogate_key_versions` (`seq`);