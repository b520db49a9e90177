CREATE TABLE `campaign_docs` (
	`id` text PRIMARY KEY NOT NULL,
	`state` text NOT NULL,
	`head` integer NOT NULL,
	`serving` integer,
	`rev` integer NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `campaign_versions` (
	`campaign_id` text NOT NULL,
	`version` integer NOT NULL,
	`state` text NOT NULL,
	`doc` text NOT NULL,
	`hash` text NOT NULL,
	`created_by` text NOT NULL,
	`created_by_label` text NOT NULL,
	`created_at` text NOT NULL,
	`summary` text NOT NULL,
	`review` text,
	PRIMARY KEY(`campaign_id`, `version`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaign_docs`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `placements` (
	`id` text PRIMARY KEY NOT NULL,
	`data` text NOT NULL,
	`rev` integer NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `brand_kits` (
	`id` text PRIMARY KEY NOT NULL,
	`data` text NOT NULL,
	`rev` integer NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` text NOT NULL
);
