CREATE TABLE `conversions` (
	`order_id` text PRIMARY KEY NOT NULL,
	`decision_id` text,
	`campaign_id` text,
	`variant_id` text,
	`attributed` integer NOT NULL,
	`reason` text NOT NULL,
	`value` real NOT NULL,
	`currency` text NOT NULL,
	`user_hash` text,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `conversions_decision` ON `conversions` (`decision_id`);--> statement-breakpoint
CREATE INDEX `conversions_user` ON `conversions` (`user_hash`) WHERE user_hash IS NOT NULL;--> statement-breakpoint
CREATE TABLE `erasures` (
	`user_hash` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `frequency` (
	`user_hash` text NOT NULL,
	`campaign_id` text NOT NULL,
	`day` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`user_hash`, `campaign_id`, `day`)
);
--> statement-breakpoint
CREATE TABLE `policy_arms` (
	`campaign_id` text NOT NULL,
	`bucket` text NOT NULL,
	`variant_id` text NOT NULL,
	`impressions` integer DEFAULT 0 NOT NULL,
	`clicks` integer DEFAULT 0 NOT NULL,
	`conversions` integer DEFAULT 0 NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`campaign_id`, `bucket`, `variant_id`)
);
--> statement-breakpoint
CREATE INDEX `policy_arms_updated` ON `policy_arms` (`updated_at`);--> statement-breakpoint
CREATE TABLE `profiles` (
	`user_hash` text PRIMARY KEY NOT NULL,
	`data` text NOT NULL,
	`updated_at` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `profiles_expiry` ON `profiles` (`expires_at`);--> statement-breakpoint
ALTER TABLE `events` ADD `bucket` text;--> statement-breakpoint
ALTER TABLE `events` ADD `holdout` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `user_hash` text;--> statement-breakpoint
ALTER TABLE `events` ADD `segments` text;--> statement-breakpoint
ALTER TABLE `events` ADD `value` real;--> statement-breakpoint
ALTER TABLE `events` ADD `currency` text;--> statement-breakpoint
CREATE INDEX `events_user` ON `events` (`user_hash`) WHERE user_hash IS NOT NULL;