-- The index holds each text as its tokens one space apart, decided by the JS normalization alone
-- (src/search/normalize.ts, `indexedWords`), so FTS5's ascii tokenizer, which only splits on ASCII
-- spaces and punctuation and copies every other character, reads exactly those tokens. unicode61
-- looked up every Arabic and Persian letter in its Unicode tables again for nothing: with ascii,
-- seeding 100,000 articles took 24.6-27.0 s instead of 29.0-33.6 s (BENCHMARKS.md). FTS5 cannot
-- change a table's tokenizer: both tables are created again, empty, and every article and page is
-- queued below; the first openDatabase after this migration indexes them (or `quire search rebuild`).
DROP TABLE `search_index`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_index` USING fts5(
	title, excerpt, body, title_forms, excerpt_forms, body_forms,
	content='', contentless_delete=1,
	tokenize='ascii'
);
--> statement-breakpoint
DROP TABLE `search_titles`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `search_titles` USING fts5(
	title,
	content='', contentless_delete=1, prefix='1 2 3',
	tokenize='ascii'
);
--> statement-breakpoint
INSERT OR REPLACE INTO search_pending (article_id) SELECT id FROM articles WHERE visible_from IS NOT NULL;
--> statement-breakpoint
INSERT OR REPLACE INTO search_pending_pages (page_id) SELECT id FROM pages WHERE visible_from IS NOT NULL;
