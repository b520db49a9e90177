-- Product photos re-encoded at ingest at every side the templates draw them (one row per link and side).
CREATE TABLE `photo_derivatives` (
	`link` text NOT NULL,
	`side` integer NOT NULL,
	`asset_key` text NOT NULL,
	`width` integer NOT NULL,
	`height` integer NOT NULL,
	PRIMARY KEY(`link`, `side`)
);
