CREATE TABLE `purge_jobs` (
	`id` integer PRIMARY KEY NOT NULL,
	`target` text NOT NULL,
	`keys` text NOT NULL,
	`change_seq` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`locked_until` integer,
	`last_error` text,
	`created_at` integer NOT NULL,
	CONSTRAINT "purge_jobs_status_check" CHECK("purge_jobs"."status" in ('pending', 'failed')),
	CONSTRAINT "purge_jobs_keys_check" CHECK(json_valid("purge_jobs"."keys") and json_type("purge_jobs"."keys") = 'array')
);
--> statement-breakpoint
CREATE INDEX `purge_jobs_due_idx` ON `purge_jobs` (`target`,`status`,`next_attempt_at`,`id`);