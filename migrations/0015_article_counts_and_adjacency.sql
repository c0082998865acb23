CREATE TABLE `category_article_counts` (
	`category_id` integer PRIMARY KEY NOT NULL,
	`articles` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `primary_category_timeline` (
	`article_id` integer PRIMARY KEY NOT NULL,
	`category_id` integer NOT NULL,
	`visible_from` integer NOT NULL,
	FOREIGN KEY (`article_id`) REFERENCES `articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `primary_category_timeline_idx` ON `primary_category_timeline` (`category_id`,`visible_from`,`article_id`);--> statement-breakpoint
CREATE TABLE `tag_article_counts` (
	`tag_id` integer PRIMARY KEY NOT NULL,
	`articles` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`tag_id`) REFERENCES `tags`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
-- Triggers keep the three tables above for every writer (src/db/schema.ts says what they hold).
-- A migration that rebuilds articles, article_categories or article_tags drops these triggers with
-- it: it must create them again (test/modules/article-counts.test.ts fails until it does).
-- A link counts while its article is published or scheduled (visible_from not null).
CREATE TRIGGER `article_counts_category_link_insert` AFTER INSERT ON `article_categories`
WHEN (SELECT visible_from FROM articles WHERE id = new.article_id) IS NOT NULL BEGIN
	INSERT INTO category_article_counts (category_id, articles) VALUES (new.category_id, 1)
		ON CONFLICT (category_id) DO UPDATE SET articles = articles + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `article_counts_category_link_delete` AFTER DELETE ON `article_categories`
WHEN (SELECT visible_from FROM articles WHERE id = old.article_id) IS NOT NULL BEGIN
	UPDATE category_article_counts SET articles = articles - 1 WHERE category_id = old.category_id;
END;
--> statement-breakpoint
CREATE TRIGGER `article_counts_category_link_update` AFTER UPDATE OF category_id ON `article_categories`
WHEN old.category_id <> new.category_id AND (SELECT visible_from FROM articles WHERE id = new.article_id) IS NOT NULL BEGIN
	UPDATE category_article_counts SET articles = articles - 1 WHERE category_id = old.category_id;
	INSERT INTO category_article_counts (category_id, articles) VALUES (new.category_id, 1)
		ON CONFLICT (category_id) DO UPDATE SET articles = articles + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `article_counts_tag_link_insert` AFTER INSERT ON `article_tags`
WHEN (SELECT visible_from FROM articles WHERE id = new.article_id) IS NOT NULL BEGIN
	INSERT INTO tag_article_counts (tag_id, articles) VALUES (new.tag_id, 1)
		ON CONFLICT (tag_id) DO UPDATE SET articles = articles + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `article_counts_tag_link_delete` AFTER DELETE ON `article_tags`
WHEN (SELECT visible_from FROM articles WHERE id = old.article_id) IS NOT NULL BEGIN
	UPDATE tag_article_counts SET articles = articles - 1 WHERE tag_id = old.tag_id;
END;
--> statement-breakpoint
CREATE TRIGGER `article_counts_tag_link_update` AFTER UPDATE OF tag_id ON `article_tags`
WHEN old.tag_id <> new.tag_id AND (SELECT visible_from FROM articles WHERE id = new.article_id) IS NOT NULL BEGIN
	UPDATE tag_article_counts SET articles = articles - 1 WHERE tag_id = old.tag_id;
	INSERT INTO tag_article_counts (tag_id, articles) VALUES (new.tag_id, 1)
		ON CONFLICT (tag_id) DO UPDATE SET articles = articles + 1;
END;
--> statement-breakpoint
-- publish, unpublish, archive, schedule: the article's links start or stop counting
CREATE TRIGGER `article_counts_article_visibility` AFTER UPDATE OF status, published_at ON `articles`
WHEN (old.visible_from IS NULL) <> (new.visible_from IS NULL) BEGIN
	INSERT INTO category_article_counts (category_id, articles)
		SELECT category_id, CASE WHEN new.visible_from IS NULL THEN -1 ELSE 1 END FROM article_categories WHERE article_id = new.id
		ON CONFLICT (category_id) DO UPDATE SET articles = articles + excluded.articles;
	INSERT INTO tag_article_counts (tag_id, articles)
		SELECT tag_id, CASE WHEN new.visible_from IS NULL THEN -1 ELSE 1 END FROM article_tags WHERE article_id = new.id
		ON CONFLICT (tag_id) DO UPDATE SET articles = articles + excluded.articles;
END;
--> statement-breakpoint
-- Before, not after: the links the delete cascades to are removed once the article row is gone,
-- when the link triggers above can no longer see that it counted.
CREATE TRIGGER `article_counts_article_delete` BEFORE DELETE ON `articles`
WHEN old.visible_from IS NOT NULL BEGIN
	UPDATE category_article_counts SET articles = articles - 1 WHERE category_id IN (SELECT category_id FROM article_categories WHERE article_id = old.id);
	UPDATE tag_article_counts SET articles = articles - 1 WHERE tag_id IN (SELECT tag_id FROM article_tags WHERE article_id = old.id);
END;
--> statement-breakpoint
CREATE TRIGGER `primary_timeline_link_insert` AFTER INSERT ON `article_categories`
WHEN new.is_primary = 1 BEGIN
	INSERT OR REPLACE INTO primary_category_timeline (article_id, category_id, visible_from)
		SELECT id, new.category_id, visible_from FROM articles WHERE id = new.article_id AND visible_from IS NOT NULL;
END;
--> statement-breakpoint
CREATE TRIGGER `primary_timeline_link_delete` AFTER DELETE ON `article_categories`
WHEN old.is_primary = 1 BEGIN
	DELETE FROM primary_category_timeline WHERE article_id = old.article_id AND category_id = old.category_id;
END;
--> statement-breakpoint
CREATE TRIGGER `primary_timeline_link_update` AFTER UPDATE OF is_primary, category_id ON `article_categories` BEGIN
	DELETE FROM primary_category_timeline WHERE article_id = old.article_id AND category_id = old.category_id;
	INSERT OR REPLACE INTO primary_category_timeline (article_id, category_id, visible_from)
		SELECT id, new.category_id, visible_from FROM articles WHERE id = new.article_id AND visible_from IS NOT NULL AND new.is_primary = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `primary_timeline_article_visibility` AFTER UPDATE OF status, published_at ON `articles`
WHEN old.visible_from IS NOT new.visible_from BEGIN
	DELETE FROM primary_category_timeline WHERE article_id = new.id;
	INSERT INTO primary_category_timeline (article_id, category_id, visible_from)
		SELECT new.id, category_id, new.visible_from FROM article_categories WHERE article_id = new.id AND is_primary = 1 AND new.visible_from IS NOT NULL;
END;
--> statement-breakpoint
-- what the database already holds
INSERT INTO category_article_counts (category_id, articles)
	SELECT ac.category_id, count(*) FROM article_categories ac JOIN articles a ON a.id = ac.article_id WHERE a.visible_from IS NOT NULL GROUP BY ac.category_id;
--> statement-breakpoint
INSERT INTO tag_article_counts (tag_id, articles)
	SELECT t.tag_id, count(*) FROM article_tags t JOIN articles a ON a.id = t.article_id WHERE a.visible_from IS NOT NULL GROUP BY t.tag_id;
--> statement-breakpoint
INSERT INTO primary_category_timeline (article_id, category_id, visible_from)
	SELECT a.id, ac.category_id, a.visible_from FROM article_categories ac JOIN articles a ON a.id = ac.article_id WHERE ac.is_primary = 1 AND a.visible_from IS NOT NULL;
