-- QR short links: the CTV overlay's code encodes /q/<id><mac>; the row resolves it to the sealed scan token.
CREATE TABLE `scan_links` (
	`id` text PRIMARY KEY NOT NULL,
	`token` text NOT NULL,
	`expires_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `scan_links_expires` ON `scan_links` (`expires_at`);
--> statement-breakpoint
-- Cookie sync: one row per id and exchange it was synced to (an id synced to two exchanges is known to both).
CREATE TABLE `__new_buyer_uids` (
	`uid` text NOT NULL,
	`partner` text NOT NULL,
	`created_at` text NOT NULL,
	`seen_at` text NOT NULL,
	PRIMARY KEY(`uid`, `partner`)
);
--> statement-breakpoint
INSERT INTO `__new_buyer_uids` (`uid`, `partner`, `created_at`, `seen_at`) SELECT `uid`, `partner`, `created_at`, `seen_at` FROM `buyer_uids`;
--> statement-breakpoint
DROP TABLE `buyer_uids`;
--> statement-breakpoint
ALTER TABLE `__new_buyer_uids` RENAME TO `buyer_uids`;
