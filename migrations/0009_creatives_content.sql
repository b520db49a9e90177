ALTER TABLE `regions` ADD `locale` text;
--> statement-breakpoint
ALTER TABLE `regions` ADD `digits` text;
--> statement-breakpoint
ALTER TABLE `regional_offers` ADD `currency` text;
--> statement-breakpoint
CREATE TABLE `fx_rates` (
	`from_currency` text NOT NULL,
	`to_currency` text NOT NULL,
	`rate` real NOT NULL,
	`date` text NOT NULL,
	`set_at` text NOT NULL,
	PRIMARY KEY(`from_currency`, `to_currency`)
);
--> statement-breakpoint
UPDATE `regions` SET `locale` = 'ar-SA', `digits` = 'arab' WHERE `code` = 'SA-01' AND `locale` IS NULL;
--> statement-breakpoint
UPDATE `regions` SET `locale` = 'ar-AE', `digits` = 'latn' WHERE `code` = 'AE-DU' AND `locale` IS NULL;
--> statement-breakpoint
UPDATE `regions` SET `locale` = 'ar-EG', `digits` = 'arab' WHERE `code` = 'EG-C' AND `locale` IS NULL;
