-- Full-text search (src/search). Both indexes are contentless: they hold the normalized text's
-- tokens only (src/search/normalize.ts runs in JS, so FTS5 never sees the original text), and
-- contentless_delete lets a row be removed by rowid without the old text. unicode61 with
-- remove_diacritics 2 is a second safety net for Latin diacritics the JS folding already removed.
CREATE VIRTUAL TABLE `search_index` USING fts5(
	title, excerpt, body,
	content='', contentless_delete=1,
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- Titles again, with prefix indexes: search-as-you-type reads one short doclist per keystroke.
CREATE VIRTUAL TABLE `search_titles` USING fts5(
	title,
	content='', contentless_delete=1, prefix='1 2 3',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- Articles whose index entries are stale. The triggers below only queue ids, in plain SQL, so a
-- write from any connection is caught; connections opened by openDatabase index the queued article
-- at once (src/search/index-maintenance.ts), others' writes are applied before the next search.
CREATE TABLE `search_pending` (
	`article_id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- A migration that rebuilds the articles table drops these triggers with it: it must create them
-- again (test/search/index-maintenance.test.ts fails until it does).
CREATE TRIGGER `search_articles_insert` AFTER INSERT ON `articles` BEGIN
	INSERT OR REPLACE INTO search_pending (article_id) VALUES (new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_articles_update` AFTER UPDATE OF id, title, excerpt, body, status, published_at ON `articles` BEGIN
	INSERT OR REPLACE INTO search_pending (article_id) SELECT old.id WHERE old.id <> new.id;
	INSERT OR REPLACE INTO search_pending (article_id) VALUES (new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_articles_delete` AFTER DELETE ON `articles` BEGIN
	INSERT OR REPLACE INTO search_pending (article_id) VALUES (old.id);
END;
--> statement-breakpoint
-- existing articles are indexed by the first openDatabase after this migration
INSERT INTO search_pending (article_id) SELECT id FROM articles;
