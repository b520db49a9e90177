ALTER TABLE `events` ADD `token_id` text;--> statement-breakpoint
ALTER TABLE `events` ADD `replay` integer DEFAULT false NOT NULL;--> statement-breakpoint
CREATE TABLE `event_tokens` (
	`token_id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`first_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `event_tokens_first_at` ON `event_tokens` (`first_at`);--> statement-breakpoint
CREATE TABLE `event_dead_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`reason` text NOT NULL,
	`payload` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `event_dead_letters_at` ON `event_dead_letters` (`at`);
