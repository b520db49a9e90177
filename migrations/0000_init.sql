CREATE TABLE `assets` (
	`key` text PRIMARY KEY NOT NULL,
	`content_type` text NOT NULL,
	`bytes` blob NOT NULL
);
--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`data` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`decision_id` text NOT NULL,
	`campaign_id` text NOT NULL,
	`variant_id` text,
	`product_id` text,
	`region` text,
	`at` text NOT NULL,
	`test` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `events_decision` ON `events` (`decision_id`);--> statement-breakpoint
CREATE INDEX `events_campaign_type` ON `events` (`campaign_id`,`type`);--> statement-breakpoint
CREATE TABLE `inventory` (
	`product_id` text NOT NULL,
	`region` text NOT NULL,
	`store_code` text DEFAULT '' NOT NULL,
	`quantity` integer NOT NULL,
	`updated_at` text NOT NULL,
	`category` text NOT NULL,
	`rank` real NOT NULL,
	PRIMARY KEY(`product_id`, `region`, `store_code`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "inventory_quantity_non_negative" CHECK("inventory"."quantity" >= 0)
);
--> statement-breakpoint
CREATE INDEX `inventory_candidates` ON `inventory` (`region`,`category`,`rank`,`product_id`,`quantity`) WHERE quantity > 0 AND store_code = '';--> statement-breakpoint
CREATE INDEX `inventory_region_rank` ON `inventory` (`region`,`rank`,`product_id`,`quantity`) WHERE quantity > 0 AND store_code = '';--> statement-breakpoint
CREATE TABLE `products` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`link` text NOT NULL,
	`image_link` text NOT NULL,
	`availability` text NOT NULL,
	`price` real NOT NULL,
	`currency` text NOT NULL,
	`sale_price` real,
	`sale_start` text,
	`sale_end` text,
	`brand` text,
	`gtin` text,
	`product_type` text,
	`google_product_category` text,
	`category` text NOT NULL,
	`custom_label_0` text,
	`custom_label_1` text,
	`custom_label_2` text,
	`custom_label_3` text,
	`custom_label_4` text,
	`margin` real,
	`return_rate` real,
	`i18n` text DEFAULT '{}' NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `products_brand` ON `products` (`brand`);--> statement-breakpoint
CREATE TABLE `promos` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`regions` text NOT NULL,
	`starts_local` text NOT NULL,
	`ends_local` text NOT NULL,
	`discount` text NOT NULL,
	`selector` text NOT NULL,
	`code` text,
	`priority` integer NOT NULL,
	`copy` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`country` text NOT NULL,
	`name` text NOT NULL,
	`tz` text NOT NULL,
	`currency` text NOT NULL,
	`default_lang` text NOT NULL,
	`weekend` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `variants` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`data` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `variants_campaign` ON `variants` (`campaign_id`);