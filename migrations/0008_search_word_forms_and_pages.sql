-- Search by word forms, and pages in search (src/search/word-forms.ts, docs/search.md).
-- The article index gains three columns of word forms (each word's stem in its edition's language,
-- hamza as one letter) beside the exact words, so `كتاب` finds `والكتاب` and `prices` finds
-- `price` while exact words still rank first and phrases match the exact columns only. FTS5 cannot
-- add columns: the table is created again, empty, and every article and page is queued below; the
-- first openDatabase after this migration indexes them (or `quire search rebuild`).
-- Rowids: an article's id, or minus a page's id.
DROP TABLE `search_index`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_index` USING fts5(
	title, excerpt, body, title_forms, excerpt_forms, body_forms,
	content='', contentless_delete=1,
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
-- Pages whose index entries are stale, as search_pending holds articles.
CREATE TABLE `search_pending_pages` (
	`page_id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- A migration that rebuilds the pages table drops these triggers with it: it must create them again.
CREATE TRIGGER `search_pages_insert` AFTER INSERT ON `pages` BEGIN
	INSERT OR REPLACE INTO search_pending_pages (page_id) VALUES (new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_pages_update` AFTER UPDATE OF id, title, body, status, published_at ON `pages` BEGIN
	INSERT OR REPLACE INTO search_pending_pages (page_id) SELECT old.id WHERE old.id <> new.id;
	INSERT OR REPLACE INTO search_pending_pages (page_id) VALUES (new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `search_pages_delete` AFTER DELETE ON `pages` BEGIN
	INSERT OR REPLACE INTO search_pending_pages (page_id) VALUES (old.id);
END;
--> statement-breakpoint
INSERT OR REPLACE INTO search_pending (article_id) SELECT id FROM articles WHERE visible_from IS NOT NULL;
--> statement-breakpoint
INSERT INTO search_pending_pages (page_id) SELECT id FROM pages WHERE visible_from IS NOT NULL;
