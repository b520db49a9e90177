CREATE TABLE `regional_offers` (
	`product_id` text NOT NULL,
	`region` text NOT NULL,
	`price` real,
	`sale_price` real,
	`sale_start` text,
	`sale_end` text,
	`availability` text,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`product_id`, `region`),
	FOREIGN KEY (`product_id`) REFERENCES `products`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `stores` (
	`code` text PRIMARY KEY NOT NULL,
	`region` text NOT NULL,
	`name` text
);
