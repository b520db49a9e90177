-- Cookie sync: user ids Vitrine issued to exchanges (they send them back as user.buyeruid).
CREATE TABLE `buyer_uids` (
	`uid` text PRIMARY KEY NOT NULL,
	`partner` text NOT NULL,
	`created_at` text NOT NULL,
	`seen_at` text NOT NULL
);
