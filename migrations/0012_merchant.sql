ALTER TABLE `products` ADD `details` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `products` ADD `item_group_id` text;--> statement-breakpoint
CREATE INDEX `products_item_group` ON `products` (`item_group_id`) WHERE item_group_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `credit` real;--> statement-breakpoint
ALTER TABLE `conversions` ADD `attribution` text;--> statement-breakpoint
ALTER TABLE `conversions` ADD `model` text;--> statement-breakpoint
ALTER TABLE `conversions` ADD `report_value` real;--> statement-breakpoint
ALTER TABLE `conversions` ADD `report_currency` text;--> statement-breakpoint
ALTER TABLE `conversions` ADD `fx_rate` real;--> statement-breakpoint
ALTER TABLE `conversions` ADD `fx_date` text;--> statement-breakpoint
CREATE TABLE `region_mappings` (
	`external_id` text PRIMARY KEY NOT NULL,
	`region` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `feed_sources` (
	`id` text PRIMARY KEY NOT NULL,
	`url` text NOT NULL,
	`kind` text NOT NULL,
	`format` text,
	`every_minutes` integer NOT NULL,
	`etag` text,
	`last_modified` text,
	`last_fetch_at` text,
	`last_status` text,
	`last_result` text
);
