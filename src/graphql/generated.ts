import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Edition as EditionModel } from '../modules/editions/schemas.js';
import type { Category as CategoryModel } from '../modules/categories/schemas.js';
import type { CategoryConnectionParent as CategoryConnectionParentModel, CategoryEdgeParent as CategoryEdgeParentModel } from '../modules/categories/resolvers.js';
import type { Author as AuthorModel } from '../modules/authors/schemas.js';
import type { AuthorConnectionParent as AuthorConnectionParentModel, AuthorEdgeParent as AuthorEdgeParentModel } from '../modules/authors/resolvers.js';
import type { Tag as TagModel } from '../modules/tags/schemas.js';
import type { TagConnectionParent as TagConnectionParentModel, TagEdgeParent as TagEdgeParentModel } from '../modules/tags/resolvers.js';
import type { ArticleRecord as ArticleRecordModel } from '../modules/articles/records.js';
import type { ArticleConnectionParent as ArticleConnectionParentModel, ArticleEdgeParent as ArticleEdgeParentModel } from '../modules/articles/resolvers.js';
import type { Media as MediaModel } from '../modules/media/schemas.js';
import type { MediaConnectionParent as MediaConnectionParentModel, MediaEdgeParent as MediaEdgeParentModel } from '../modules/media/resolvers.js';
import type { Gallery as GalleryModel, GalleryItem as GalleryItemModel } from '../modules/galleries/schemas.js';
import type { GalleryConnectionParent as GalleryConnectionParentModel, GalleryEdgeParent as GalleryEdgeParentModel } from '../modules/galleries/resolvers.js';
import type { Page as PageModel } from '../modules/pages/schemas.js';
import type { PageConnectionParent as PageConnectionParentModel, PageEdgeParent as PageEdgeParentModel } from '../modules/pages/resolvers.js';
import type { Menu as MenuModel, MenuItem as MenuItemModel } from '../modules/menus/schemas.js';
import type { MenuTargetParent as MenuTargetParentModel } from '../modules/menus/resolvers.js';
import type { SiteSettings as SiteSettingsModel } from '../modules/settings/schemas.js';
import type { SearchConnectionParent as SearchConnectionParentModel, SearchEdgeParent as SearchEdgeParentModel } from '../search/resolvers.js';
import type { Suggestion as SuggestionModel } from '../search/service.js';
import type { PageInfo as PageInfoModel } from './connection.js';
import type { GraphQLContext } from './context.js';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An RFC 3339 timestamp in UTC, e.g. `2026-05-31T09:30:00.000Z`. */
  DateTime: { input: string; output: string; }
};

export type Article = Node & {
  __typename?: 'Article';
  /** Authors in byline order. */
  authors: Array<Author>;
  body: Scalars['String']['output'];
  /** Categories, primary first. */
  categories: Array<Category>;
  createdAt: Scalars['DateTime']['output'];
  databaseId: Scalars['Int']['output'];
  /** The edition's text direction. */
  direction: Direction;
  edition: Edition;
  /** The stored excerpt, or when that is empty, the start of the body as plain text. */
  excerpt: Scalars['String']['output'];
  featured: Scalars['Boolean']['output'];
  featuredMedia: Maybe<Media>;
  id: Scalars['ID']['output'];
  primaryCategory: Maybe<Category>;
  publishedAt: Scalars['DateTime']['output'];
  readingTimeMinutes: Scalars['Int']['output'];
  seo: Seo;
  slug: Scalars['String']['output'];
  source: Maybe<Source>;
  /** Workflow status; for the public always PUBLISHED. A scheduled article whose publishedAt has come is PUBLISHED. */
  status: ContentStatus;
  tags: Array<Tag>;
  title: Scalars['String']['output'];
  /** Published versions of this article in other editions. */
  translations: Array<Article>;
  updatedAt: Scalars['DateTime']['output'];
  /** Canonical public URL on the frontend. */
  url: Scalars['String']['output'];
  /** Incremented by every write: pass it as `expectedVersion` to refuse lost updates. Null without an API key (REST leaves it out of public responses). */
  version: Maybe<Scalars['Int']['output']>;
  wordCount: Scalars['Int']['output'];
};


export type ArticleBodyArgs = {
  format?: InputMaybe<BodyFormat>;
};

export type ArticleConnection = {
  __typename?: 'ArticleConnection';
  edges: Array<ArticleEdge>;
  nodes: Array<Article>;
  pageInfo: PageInfo;
  /** Number of articles matching the filters, over all pages (REST `meta.total`). */
  totalCount: Scalars['Int']['output'];
};

export type ArticleEdge = {
  __typename?: 'ArticleEdge';
  cursor: Scalars['String']['output'];
  node: Article;
};

/** Filters of article lists; the same ones the REST `GET /v1/articles` parameters offer. */
export type ArticleFilter = {
  /** Author slug. */
  author?: InputMaybe<Scalars['String']['input']>;
  /** Category slug; articles in its descendant categories are included. */
  category?: InputMaybe<Scalars['String']['input']>;
  /** Edition code, e.g. `en`. */
  edition?: InputMaybe<Scalars['String']['input']>;
  featured?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only articles published at or after this instant. */
  publishedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only articles published before this instant. */
  publishedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Exact article slug (combine with `edition` for a lookup). */
  slug?: InputMaybe<Scalars['String']['input']>;
  /** API keys only (other than PUBLISHED): one workflow status. Keys see every status by default. */
  status?: InputMaybe<ContentStatus>;
  /** Tag slug. */
  tag?: InputMaybe<Scalars['String']['input']>;
};

/** Orderings of article lists; the same four the REST `sort` parameter accepts. */
export type ArticleOrder =
  /** Oldest first (REST `publishedAt`). */
  | 'PUBLISHED_AT_ASC'
  /** Newest first (REST `-publishedAt`), the default. */
  | 'PUBLISHED_AT_DESC'
  /** By title (REST `title`). */
  | 'TITLE_ASC'
  /** Most recently updated first (REST `-updatedAt`). */
  | 'UPDATED_AT_DESC';

export type Author = Node & {
  __typename?: 'Author';
  /** Published articles with this author in the byline. */
  articles: ArticleConnection;
  avatar: Maybe<Media>;
  bio: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  databaseId: Scalars['Int']['output'];
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  slug: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Incremented by every write; pass it as a mutation's `expectedVersion`. Null without an API key (REST leaves it out of public responses). */
  version: Maybe<Scalars['Int']['output']>;
};


export type AuthorArticlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ArticleFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ArticleOrder>;
};

export type AuthorConnection = {
  __typename?: 'AuthorConnection';
  edges: Array<AuthorEdge>;
  nodes: Array<Author>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type AuthorEdge = {
  __typename?: 'AuthorEdge';
  cursor: Scalars['String']['output'];
  node: Author;
};

/** How a body is returned. */
export type BodyFormat =
  /** The stored HTML. */
  | 'HTML'
  /** Plain text: tags removed, entities decoded, one blank line between blocks. */
  | 'TEXT';

export type Category = Node & {
  __typename?: 'Category';
  /** Published articles in this category and its descendants. */
  articles: ArticleConnection;
  /** Child categories in (position, id) order. */
  children: Array<Category>;
  createdAt: Scalars['DateTime']['output'];
  databaseId: Scalars['Int']['output'];
  description: Maybe<Scalars['String']['output']>;
  edition: Edition;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  parent: Maybe<Category>;
  /** Order among siblings, ascending. */
  position: Scalars['Int']['output'];
  slug: Scalars['String']['output'];
  /** The same category in other editions. */
  translations: Array<Category>;
  updatedAt: Scalars['DateTime']['output'];
  /** Incremented by every write; pass it as a mutation's `expectedVersion`. Null without an API key (REST leaves it out of public responses). */
  version: Maybe<Scalars['Int']['output']>;
};


export type CategoryArticlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ArticleFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ArticleOrder>;
};

export type CategoryConnection = {
  __typename?: 'CategoryConnection';
  edges: Array<CategoryEdge>;
  nodes: Array<Category>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type CategoryEdge = {
  __typename?: 'CategoryEdge';
  cursor: Scalars['String']['output'];
  node: Category;
};

/** Workflow status of articles and pages (REST `status`). */
export type ContentStatus =
  | 'ARCHIVED'
  | 'DRAFT'
  | 'PUBLISHED'
  | 'SCHEDULED';

/**
 * A new article, created as a draft (REST `POST /v1/articles`). Ids are global ids. Absent fields
 * take their defaults; the slug is generated from the title when absent.
 */
export type CreateArticleInput = {
  /** Byline, in order. */
  authorIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  /** HTML, sanitized with an allowlist on write. */
  body?: InputMaybe<Scalars['String']['input']>;
  /** Categories of the same edition; the first is the primary one. */
  categoryIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  edition: Scalars['String']['input'];
  excerpt?: InputMaybe<Scalars['String']['input']>;
  featured?: InputMaybe<Scalars['Boolean']['input']>;
  featuredMediaId?: InputMaybe<Scalars['ID']['input']>;
  seo?: InputMaybe<SeoInput>;
  slug?: InputMaybe<Scalars['String']['input']>;
  source?: InputMaybe<SourceInput>;
  tagIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  title: Scalars['String']['input'];
  /** Join the translation group of this article (another edition). */
  translationOf?: InputMaybe<Scalars['ID']['input']>;
};

/** A new author (REST `POST /v1/authors`); the slug (unique across editions) is generated from the name when absent. */
export type CreateAuthorInput = {
  avatarMediaId?: InputMaybe<Scalars['ID']['input']>;
  bio?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  slug?: InputMaybe<Scalars['String']['input']>;
};

/** A new category (REST `POST /v1/categories`). Ids are global ids; the slug is generated from the name when absent. */
export type CreateCategoryInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  edition: Scalars['String']['input'];
  name: Scalars['String']['input'];
  /** A category of the same edition; absent or null for a top-level category. */
  parentId?: InputMaybe<Scalars['ID']['input']>;
  /** Order among siblings; after them when absent. */
  position?: InputMaybe<Scalars['Int']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
  /** Join the translation group of this category (another edition). */
  translationOf?: InputMaybe<Scalars['ID']['input']>;
};

/** A new edition (REST `POST /v1/editions`), created with its site settings (title = name). */
export type CreateEditionInput = {
  /** BCP 47 code, e.g. `de` or `pt-BR`; fixed once created. */
  code: Scalars['String']['input'];
  direction: Direction;
  /** true makes it the default edition (the previous default stops being it). */
  isDefault?: InputMaybe<Scalars['Boolean']['input']>;
  name: Scalars['String']['input'];
  nativeName: Scalars['String']['input'];
  position?: InputMaybe<Scalars['Int']['input']>;
};

/** A new gallery (REST `POST /v1/galleries`). */
export type CreateGalleryInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  edition: Scalars['String']['input'];
  items?: InputMaybe<Array<GalleryItemInput>>;
  /** Generated from the title when omitted. */
  slug?: InputMaybe<Scalars['String']['input']>;
  title: Scalars['String']['input'];
};

/** New media metadata (REST `POST /v1/media`); the file itself lives on the CDN `url` points at. */
export type CreateMediaInput = {
  altText?: InputMaybe<Scalars['String']['input']>;
  bytes?: InputMaybe<Scalars['Int']['input']>;
  caption?: InputMaybe<Scalars['String']['input']>;
  credit?: InputMaybe<Scalars['String']['input']>;
  /** Audio and video only. */
  durationSeconds?: InputMaybe<Scalars['Int']['input']>;
  height?: InputMaybe<Scalars['Int']['input']>;
  kind: MediaKind;
  /** Must fit the kind: image/* for IMAGE, video/* for VIDEO, audio/* for AUDIO, anything else for DOCUMENT. */
  mimeType: Scalars['String']['input'];
  renditions?: InputMaybe<Array<RenditionInput>>;
  /** An http(s) URL. */
  url: Scalars['String']['input'];
  width?: InputMaybe<Scalars['Int']['input']>;
};

/** A new menu (REST `POST /v1/menus`). */
export type CreateMenuInput = {
  edition: Scalars['String']['input'];
  items?: InputMaybe<Array<MenuItemInput>>;
  /** Unique in the edition, e.g. primary, footer. */
  location: Scalars['String']['input'];
  name: Scalars['String']['input'];
};

/** A new page, created as a draft (REST `POST /v1/pages`). */
export type CreatePageInput = {
  body?: InputMaybe<Scalars['String']['input']>;
  edition: Scalars['String']['input'];
  seo?: InputMaybe<SeoInput>;
  slug?: InputMaybe<Scalars['String']['input']>;
  title: Scalars['String']['input'];
  translationOf?: InputMaybe<Scalars['ID']['input']>;
};

/** A new tag (REST `POST /v1/tags`). */
export type CreateTagInput = {
  edition: Scalars['String']['input'];
  name: Scalars['String']['input'];
  /** Generated from the name when omitted. */
  slug?: InputMaybe<Scalars['String']['input']>;
};

/** What a delete leaves: the id of the object that is gone (its tombstone is in the change log). */
export type DeletePayload = {
  __typename?: 'DeletePayload';
  databaseId: Scalars['Int']['output'];
  deletedId: Scalars['ID']['output'];
};

/** Text direction of an edition's script. */
export type Direction =
  | 'LTR'
  | 'RTL';

export type Edition = Node & {
  __typename?: 'Edition';
  /** BCP 47 code, e.g. `en`, `ar`. */
  code: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  databaseId: Scalars['Int']['output'];
  direction: Direction;
  id: Scalars['ID']['output'];
  isDefault: Scalars['Boolean']['output'];
  /** English name. */
  name: Scalars['String']['output'];
  /** Name in the edition's own language and script. */
  nativeName: Scalars['String']['output'];
  position: Scalars['Int']['output'];
  settings: Maybe<SiteSettings>;
  updatedAt: Scalars['DateTime']['output'];
  /** Incremented by every write; pass it as a mutation's `expectedVersion`. Null without an API key (REST leaves it out of public responses). */
  version: Maybe<Scalars['Int']['output']>;
};

export type Gallery = Node & {
  __typename?: 'Gallery';
  createdAt: Scalars['DateTime']['output'];
  databaseId: Scalars['Int']['output'];
  description: Maybe<Scalars['String']['output']>;
  edition: Edition;
  id: Scalars['ID']['output'];
  items: Array<GalleryItem>;
  slug: Scalars['String']['output'];
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Incremented by every write; pass it as a mutation's `expectedVersion`. Null without an API key (REST leaves it out of public responses). */
  version: Maybe<Scalars['Int']['output']>;
};

export type GalleryConnection = {
  __typename?: 'GalleryConnection';
  edges: Array<GalleryEdge>;
  nodes: Array<Gallery>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type GalleryEdge = {
  __typename?: 'GalleryEdge';
  cursor: Scalars['String']['output'];
  node: Gallery;
};

export type GalleryItem = {
  __typename?: 'GalleryItem';
  /** Caption for this gallery; the media keeps its own caption too. */
  caption: Maybe<Scalars['String']['output']>;
  media: Media;
  /** Order within the gallery, ascending. */
  position: Scalars['Int']['output'];
};

/** One place in a gallery; its position is its index in the list. */
export type GalleryItemInput = {
  caption?: InputMaybe<Scalars['String']['input']>;
  /** The id of a Media. */
  mediaId: Scalars['ID']['input'];
};

export type Media = Node & {
  __typename?: 'Media';
  altText: Maybe<Scalars['String']['output']>;
  bytes: Maybe<Scalars['Int']['output']>;
  caption: Maybe<Scalars['String']['output']>;
  createdAt: Scalars['DateTime']['output'];
  credit: Maybe<Scalars['String']['output']>;
  databaseId: Scalars['Int']['output'];
  durationSeconds: Maybe<Scalars['Int']['output']>;
  height: Maybe<Scalars['Int']['output']>;
  id: Scalars['ID']['output'];
  kind: MediaKind;
  mimeType: Scalars['String']['output'];
  renditions: Array<Rendition>;
  /** For images: a `srcset` attribute value built from the renditions; null otherwise. */
  srcset: Maybe<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  url: Scalars['String']['output'];
  /** Incremented by every write; pass it as a mutation's `expectedVersion`. Null without an API key (REST leaves it out of public responses). */
  version: Maybe<Scalars['Int']['output']>;
  width: Maybe<Scalars['Int']['output']>;
};

export type MediaConnection = {
  __typename?: 'MediaConnection';
  edges: Array<MediaEdge>;
  nodes: Array<Media>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type MediaEdge = {
  __typename?: 'MediaEdge';
  cursor: Scalars['String']['output'];
  node: Media;
};

export type MediaKind =
  | 'AUDIO'
  | 'DOCUMENT'
  | 'IMAGE'
  | 'VIDEO';

export type Menu = Node & {
  __typename?: 'Menu';
  databaseId: Scalars['Int']['output'];
  edition: Edition;
  id: Scalars['ID']['output'];
  /** Top-level items in position order; items linking to unpublished pages or articles are left out. */
  items: Array<MenuItem>;
  /** Where the frontend renders the menu, e.g. primary, footer. */
  location: Scalars['String']['output'];
  name: Scalars['String']['output'];
  /** Incremented by every write; pass it as a mutation's `expectedVersion`. Null without an API key (REST leaves it out of public responses). */
  version: Maybe<Scalars['Int']['output']>;
};

export type MenuItem = {
  __typename?: 'MenuItem';
  children: Array<MenuItem>;
  databaseId: Scalars['Int']['output'];
  kind: MenuItemKind;
  label: Scalars['String']['output'];
  target: MenuTarget;
  /** The link of a URL item; null for every other kind. */
  url: Maybe<Scalars['String']['output']>;
};

/** One menu item and its children (at most three levels). */
export type MenuItemInput = {
  children?: InputMaybe<Array<MenuItemInput>>;
  kind: MenuItemKind;
  label: Scalars['String']['input'];
  /** By kind: the id of a Category, Page or Article of the menu's edition; an edition code; for URL an http(s) or mailto URL or a path on the site starting with a single / (not //host or /\host). */
  target: Scalars['String']['input'];
};

/** What a menu item links to. */
export type MenuItemKind =
  | 'ARTICLE'
  | 'CATEGORY'
  | 'EDITION'
  | 'PAGE'
  | 'URL';

/**
 * What a menu item links to, for frontends to build their own URL: a category, page or article
 * (id, slug, edition) or an edition (id, edition); all null for URL items.
 */
export type MenuTarget = {
  __typename?: 'MenuTarget';
  databaseId: Maybe<Scalars['Int']['output']>;
  edition: Maybe<Edition>;
  /** Global id of the linked object, usable with `node(id:)`. */
  id: Maybe<Scalars['ID']['output']>;
  slug: Maybe<Scalars['String']['output']>;
};

/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type Mutation = {
  __typename?: 'Mutation';
  archiveArticle: Article;
  archivePage: Page;
  createArticle: Article;
  createAuthor: Author;
  createCategory: Category;
  /** Admins only. */
  createEdition: Edition;
  createGallery: Gallery;
  createMedia: Media;
  createMenu: Menu;
  createPage: Page;
  createTag: Tag;
  deleteArticle: DeletePayload;
  /** Refused (CONFLICT) while the author is on any article's byline (REST `DELETE /v1/authors/{id}`). */
  deleteAuthor: DeletePayload;
  /** Refused (CONFLICT) while the category has child categories or articles; menu items linking to it leave their menus (REST `DELETE /v1/categories/{id}`). */
  deleteCategory: DeletePayload;
  /** Refused (CONFLICT) for the default edition and while the edition holds any content; its settings go with it (REST `DELETE /v1/editions/{code}`). */
  deleteEdition: DeletePayload;
  /** The gallery and its items go; the media stay (REST `DELETE /v1/galleries/{id}`). */
  deleteGallery: DeletePayload;
  /** Refused (CONFLICT) while an article, author or gallery uses the item (REST `DELETE /v1/media/{id}`). */
  deleteMedia: DeletePayload;
  /** The menu and its items go (REST `DELETE /v1/menus/{id}`). */
  deleteMenu: DeletePayload;
  deletePage: DeletePayload;
  /** Removes the tag from its articles (REST `DELETE /v1/tags/{id}`). */
  deleteTag: DeletePayload;
  /** Publishes now, or schedules when `publishedAt` is in the future. */
  publishArticle: Article;
  publishPage: Page;
  /** Brings back a revision's content as a new revision (REST `POST /v1/articles/{id}/revisions/{rev}/restore`). */
  restoreArticleRevision: Article;
  restorePageRevision: Page;
  unpublishArticle: Article;
  unpublishPage: Page;
  updateArticle: Article;
  updateAuthor: Author;
  updateCategory: Category;
  updateEdition: Edition;
  updateGallery: Gallery;
  updateMedia: Media;
  updateMenu: Menu;
  updatePage: Page;
  /** Admins only (REST `PATCH /v1/editions/{code}/settings`). */
  updateSettings: SiteSettings;
  updateTag: Tag;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationArchiveArticleArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationArchivePageArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationCreateArticleArgs = {
  input: CreateArticleInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationCreateAuthorArgs = {
  input: CreateAuthorInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationCreateCategoryArgs = {
  input: CreateCategoryInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationCreateEditionArgs = {
  input: CreateEditionInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationCreateGalleryArgs = {
  input: CreateGalleryInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationCreateMediaArgs = {
  input: CreateMediaInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationCreateMenuArgs = {
  input: CreateMenuInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationCreatePageArgs = {
  input: CreatePageInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationCreateTagArgs = {
  input: CreateTagInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationDeleteArticleArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationDeleteAuthorArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationDeleteCategoryArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationDeleteEditionArgs = {
  code: Scalars['String']['input'];
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationDeleteGalleryArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationDeleteMediaArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationDeleteMenuArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationDeletePageArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationDeleteTagArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationPublishArticleArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  publishedAt?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationPublishPageArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  publishedAt?: InputMaybe<Scalars['DateTime']['input']>;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationRestoreArticleRevisionArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  revision: Scalars['Int']['input'];
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationRestorePageRevisionArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  revision: Scalars['Int']['input'];
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationUnpublishArticleArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationUnpublishPageArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationUpdateArticleArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  input: UpdateArticleInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationUpdateAuthorArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  input: UpdateAuthorInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationUpdateCategoryArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  input: UpdateCategoryInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationUpdateEditionArgs = {
  code: Scalars['String']['input'];
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  input: UpdateEditionInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationUpdateGalleryArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  input: UpdateGalleryInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationUpdateMediaArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  input: UpdateMediaInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationUpdateMenuArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  input: UpdateMenuInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationUpdatePageArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  input: UpdatePageInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationUpdateSettingsArgs = {
  edition: Scalars['String']['input'];
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  input: UpdateSettingsInput;
};


/**
 * Writes, for API keys (`Authorization: Bearer <token>`) with the role's permissions (docs/content-management.md,
 * Authentication and roles); without a key a mutation fails with UNAUTHENTICATED, with a role that
 * lacks the permission with FORBIDDEN. `expectedVersion` makes a write fail with PRECONDITION_FAILED
 * (and `extensions.currentVersion`) when the object changed since it was read; where the server sets
 * REQUIRE_IF_MATCH, an update, delete, workflow or restore mutation without it fails with
 * PRECONDITION_REQUIRED (creates never need it). Mutations are refused over GET.
 */
export type MutationUpdateTagArgs = {
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
  id: Scalars['ID']['input'];
  input: UpdateTagInput;
};

/** An object with an opaque global id, fetchable with `node(id:)` and `nodes(ids:)`. */
export type Node = {
  /** Opaque global id; use `databaseId` for the numeric id REST uses. */
  id: Scalars['ID']['output'];
};

/** A standalone page (About, Contact …). */
export type Page = Node & {
  __typename?: 'Page';
  body: Scalars['String']['output'];
  createdAt: Scalars['DateTime']['output'];
  databaseId: Scalars['Int']['output'];
  direction: Direction;
  edition: Edition;
  id: Scalars['ID']['output'];
  publishedAt: Scalars['DateTime']['output'];
  seo: Seo;
  slug: Scalars['String']['output'];
  /** Workflow status; for the public always PUBLISHED. */
  status: ContentStatus;
  title: Scalars['String']['output'];
  /** Published versions of this page in other editions. */
  translations: Array<Page>;
  updatedAt: Scalars['DateTime']['output'];
  /** Incremented by every write: pass it as `expectedVersion` to refuse lost updates. Null without an API key (REST leaves it out of public responses). */
  version: Maybe<Scalars['Int']['output']>;
};


/** A standalone page (About, Contact …). */
export type PageBodyArgs = {
  format?: InputMaybe<BodyFormat>;
};

export type PageConnection = {
  __typename?: 'PageConnection';
  edges: Array<PageEdge>;
  nodes: Array<Page>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type PageEdge = {
  __typename?: 'PageEdge';
  cursor: Scalars['String']['output'];
  node: Page;
};

/** Relay page information. Cursors are opaque and work both as `after` and as `before`. */
export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** A published article, by `id`, or by `edition` and `slug`. */
  article: Maybe<Article>;
  /**
   * Published articles, a Relay connection: `first`/`after` pages forward, `last`/`before` backward
   * (`last` needs a `before` cursor). Page sizes are 1 to 100, 20 by default.
   */
  articles: ArticleConnection;
  /** An author, by `id` or by `slug`. */
  author: Maybe<Author>;
  /** Authors by name. */
  authors: AuthorConnection;
  /**
   * Categories in (position, id) order. `parent` lists the children of one category;
   * `topLevel: true` lists the roots.
   */
  categories: CategoryConnection;
  /** A category, by `id`, or by `edition` and `slug`. */
  category: Maybe<Category>;
  edition: Maybe<Edition>;
  /** All language editions, in display order. */
  editions: Array<Edition>;
  /** Photo galleries, newest first. */
  galleries: GalleryConnection;
  /** A gallery, by `id`, or by `edition` and `slug`. */
  gallery: Maybe<Gallery>;
  media: Maybe<Media>;
  /** Media, newest first. */
  mediaItems: MediaConnection;
  /** The menu at a location of an edition, e.g. `primary` or `footer`. */
  menu: Maybe<Menu>;
  /** Every menu of an edition, by location. */
  menus: Array<Menu>;
  /** Any object by its global id; null when it does not exist or is not published. */
  node: Maybe<Node>;
  /** Several objects by global id (at most 100), in the order asked; null for each one not found. */
  nodes: Array<Maybe<Node>>;
  /** A published page, by `id`, or by `edition` and `slug`. */
  page: Maybe<Page>;
  /** Published standalone pages. */
  pages: PageConnection;
  /**
   * Full-text search of published articles (REST `GET /v1/search`): every word of `query` must match,
   * in any edition's script, with case, diacritics and Arabic/Persian spelling variants folded;
   * "quoted words" match as a phrase; the last word also matches as a prefix unless `query` ends with
   * a space. Operators and punctuation are plain text. Pages reach the first 1,000 results.
   */
  search: SearchConnection;
  /**
   * Titles for search-as-you-type (REST `GET /v1/search/suggest`): every word of `query` in the title,
   * the last one as a prefix of any length; newest first, one per distinct title, 1 to 10 (5 by default).
   */
  searchSuggestions: Array<SearchSuggestion>;
  /** The site settings of an edition. */
  settings: Maybe<SiteSettings>;
  /** A tag, by `id`, or by `edition` and `slug`. */
  tag: Maybe<Tag>;
  /** Tags by name. */
  tags: TagConnection;
};


export type QueryArticleArgs = {
  edition?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type QueryArticlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ArticleFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ArticleOrder>;
};


export type QueryAuthorArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type QueryAuthorsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryCategoriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  edition?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  parent?: InputMaybe<Scalars['ID']['input']>;
  topLevel?: InputMaybe<Scalars['Boolean']['input']>;
};


export type QueryCategoryArgs = {
  edition?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type QueryEditionArgs = {
  code: Scalars['String']['input'];
};


export type QueryGalleriesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  edition?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryGalleryArgs = {
  edition?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type QueryMediaArgs = {
  id: Scalars['ID']['input'];
};


export type QueryMediaItemsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<MediaKind>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryMenuArgs = {
  edition: Scalars['String']['input'];
  location: Scalars['String']['input'];
};


export type QueryMenusArgs = {
  edition: Scalars['String']['input'];
};


export type QueryNodeArgs = {
  id: Scalars['ID']['input'];
};


export type QueryNodesArgs = {
  ids: Array<Scalars['ID']['input']>;
};


export type QueryPageArgs = {
  edition?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type QueryPagesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  edition?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};


export type QuerySearchArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<SearchFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<SearchOrder>;
  query: Scalars['String']['input'];
};


export type QuerySearchSuggestionsArgs = {
  edition?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  query: Scalars['String']['input'];
};


export type QuerySettingsArgs = {
  edition: Scalars['String']['input'];
};


export type QueryTagArgs = {
  edition?: InputMaybe<Scalars['String']['input']>;
  id?: InputMaybe<Scalars['ID']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};


export type QueryTagsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  edition?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

export type Rendition = {
  __typename?: 'Rendition';
  bytes: Maybe<Scalars['Int']['output']>;
  height: Maybe<Scalars['Int']['output']>;
  mimeType: Scalars['String']['output'];
  /** Rendition name, e.g. thumbnail, medium, 720p. */
  name: Scalars['String']['output'];
  url: Scalars['String']['output'];
  width: Maybe<Scalars['Int']['output']>;
};

/** A rendition of a media item: a derived size or format stored elsewhere. */
export type RenditionInput = {
  bytes?: InputMaybe<Scalars['Int']['input']>;
  height?: InputMaybe<Scalars['Int']['input']>;
  mimeType: Scalars['String']['input'];
  /** Unique within the item, e.g. thumbnail, medium, 720p. */
  name: Scalars['String']['input'];
  url: Scalars['String']['input'];
  width?: InputMaybe<Scalars['Int']['input']>;
};

export type SearchConnection = {
  __typename?: 'SearchConnection';
  edges: Array<SearchEdge>;
  nodes: Array<Article>;
  pageInfo: PageInfo;
  /** Number of published articles matching, over all pages (REST `meta.total`). */
  totalCount: Scalars['Int']['output'];
};

export type SearchEdge = {
  __typename?: 'SearchEdge';
  cursor: Scalars['String']['output'];
  highlight: SearchHighlight;
  node: Article;
};

/** Filters of a search; the same ones the REST `GET /v1/search` parameters offer. */
export type SearchFilter = {
  /** Author slug. */
  author?: InputMaybe<Scalars['String']['input']>;
  /** Category slug; articles in its descendant categories are included. */
  category?: InputMaybe<Scalars['String']['input']>;
  /** Edition code, e.g. `en`. */
  edition?: InputMaybe<Scalars['String']['input']>;
  /** Only articles published at or after this instant. */
  publishedAfter?: InputMaybe<Scalars['DateTime']['input']>;
  /** Only articles published before this instant. */
  publishedBefore?: InputMaybe<Scalars['DateTime']['input']>;
  /** Tag slug. */
  tag?: InputMaybe<Scalars['String']['input']>;
};

/** Where a result matched, as HTML: the text escaped, the matching words in `<mark>`; safe to insert as HTML. */
export type SearchHighlight = {
  __typename?: 'SearchHighlight';
  /** About 30 words around the first match in the excerpt or body (the excerpt or the body's start when only the title matches). */
  snippet: Scalars['String']['output'];
  title: Scalars['String']['output'];
};

/** Orderings of search results; the REST `sort` values. */
export type SearchOrder =
  /** Newest first (REST `-publishedAt`). */
  | 'PUBLISHED_AT_DESC'
  /** bm25 relevance, a title match above an excerpt match above a body match; equal scores newest first (REST `relevance`). */
  | 'RELEVANCE';

/** A published article's title for search-as-you-type. */
export type SearchSuggestion = {
  __typename?: 'SearchSuggestion';
  article: Article;
  /** The title as HTML: escaped, the matching words in `<mark>`. */
  highlight: Scalars['String']['output'];
  title: Scalars['String']['output'];
};

export type Seo = {
  __typename?: 'Seo';
  description: Maybe<Scalars['String']['output']>;
  title: Maybe<Scalars['String']['output']>;
};

export type SeoInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Site-wide settings of one edition. */
export type SiteSettings = {
  __typename?: 'SiteSettings';
  copyright: Maybe<Scalars['String']['output']>;
  edition: Edition;
  socialLinks: Array<SocialLink>;
  tagline: Maybe<Scalars['String']['output']>;
  title: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Incremented by every write; pass it as `updateSettings`' `expectedVersion`. Null without an API key (REST leaves it out of public responses). */
  version: Maybe<Scalars['Int']['output']>;
};

export type SocialLink = {
  __typename?: 'SocialLink';
  /** Network name, e.g. x, facebook, telegram. */
  network: Scalars['String']['output'];
  url: Scalars['String']['output'];
};

export type SocialLinkInput = {
  network: Scalars['String']['input'];
  /** An http(s) URL. */
  url: Scalars['String']['input'];
};

/** Attribution of a republished piece. */
export type Source = {
  __typename?: 'Source';
  name: Scalars['String']['output'];
  publishedAt: Maybe<Scalars['DateTime']['output']>;
  url: Maybe<Scalars['String']['output']>;
};

/** Attribution of a republished piece. */
export type SourceInput = {
  name: Scalars['String']['input'];
  publishedAt?: InputMaybe<Scalars['DateTime']['input']>;
  url?: InputMaybe<Scalars['String']['input']>;
};

export type Tag = Node & {
  __typename?: 'Tag';
  /** Published articles with this tag. */
  articles: ArticleConnection;
  createdAt: Scalars['DateTime']['output'];
  databaseId: Scalars['Int']['output'];
  edition: Edition;
  id: Scalars['ID']['output'];
  name: Scalars['String']['output'];
  slug: Scalars['String']['output'];
  updatedAt: Scalars['DateTime']['output'];
  /** Incremented by every write; pass it as a mutation's `expectedVersion`. Null without an API key (REST leaves it out of public responses). */
  version: Maybe<Scalars['Int']['output']>;
};


export type TagArticlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ArticleFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ArticleOrder>;
};

export type TagConnection = {
  __typename?: 'TagConnection';
  edges: Array<TagEdge>;
  nodes: Array<Tag>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type TagEdge = {
  __typename?: 'TagEdge';
  cursor: Scalars['String']['output'];
  node: Tag;
};

/** Only the fields present change (REST `PATCH /v1/articles/{id}`); null clears a nullable field. */
export type UpdateArticleInput = {
  authorIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  body?: InputMaybe<Scalars['String']['input']>;
  categoryIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  excerpt?: InputMaybe<Scalars['String']['input']>;
  featured?: InputMaybe<Scalars['Boolean']['input']>;
  featuredMediaId?: InputMaybe<Scalars['ID']['input']>;
  seo?: InputMaybe<SeoInput>;
  slug?: InputMaybe<Scalars['String']['input']>;
  source?: InputMaybe<SourceInput>;
  tagIds?: InputMaybe<Array<Scalars['ID']['input']>>;
  title?: InputMaybe<Scalars['String']['input']>;
  /** Join the translation group of this article; null leaves the group. */
  translationOf?: InputMaybe<Scalars['ID']['input']>;
};

/** Only the fields present change (REST `PATCH /v1/authors/{id}`); null clears `bio` or `avatarMediaId`. */
export type UpdateAuthorInput = {
  avatarMediaId?: InputMaybe<Scalars['ID']['input']>;
  bio?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};

/** Only the fields present change (REST `PATCH /v1/categories/{id}`); null clears `description`, makes it top-level (`parentId`) or leaves the translation group (`translationOf`). */
export type UpdateCategoryInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  parentId?: InputMaybe<Scalars['ID']['input']>;
  position?: InputMaybe<Scalars['Int']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
  translationOf?: InputMaybe<Scalars['ID']['input']>;
};

/** Only the fields present change (REST `PATCH /v1/editions/{code}`). The default edition cannot be unset, only replaced. */
export type UpdateEditionInput = {
  direction?: InputMaybe<Direction>;
  isDefault?: InputMaybe<Scalars['Boolean']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  nativeName?: InputMaybe<Scalars['String']['input']>;
  position?: InputMaybe<Scalars['Int']['input']>;
};

/** Only the fields present change (REST `PATCH /v1/galleries/{id}`); `items` replaces the whole list. */
export type UpdateGalleryInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  items?: InputMaybe<Array<GalleryItemInput>>;
  slug?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Only the fields present change; null clears an optional one (REST `PATCH /v1/media/{id}`). */
export type UpdateMediaInput = {
  altText?: InputMaybe<Scalars['String']['input']>;
  bytes?: InputMaybe<Scalars['Int']['input']>;
  caption?: InputMaybe<Scalars['String']['input']>;
  credit?: InputMaybe<Scalars['String']['input']>;
  durationSeconds?: InputMaybe<Scalars['Int']['input']>;
  height?: InputMaybe<Scalars['Int']['input']>;
  kind?: InputMaybe<MediaKind>;
  mimeType?: InputMaybe<Scalars['String']['input']>;
  /** Replaces the whole list. */
  renditions?: InputMaybe<Array<RenditionInput>>;
  url?: InputMaybe<Scalars['String']['input']>;
  width?: InputMaybe<Scalars['Int']['input']>;
};

/** Only the fields present change (REST `PATCH /v1/menus/{id}`); `items` replaces the whole tree. */
export type UpdateMenuInput = {
  items?: InputMaybe<Array<MenuItemInput>>;
  location?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
};

export type UpdatePageInput = {
  body?: InputMaybe<Scalars['String']['input']>;
  seo?: InputMaybe<SeoInput>;
  slug?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
  translationOf?: InputMaybe<Scalars['ID']['input']>;
};

/** Only the fields present change (REST `PATCH /v1/editions/{code}/settings`); `socialLinks` is replaced whole. */
export type UpdateSettingsInput = {
  copyright?: InputMaybe<Scalars['String']['input']>;
  socialLinks?: InputMaybe<Array<SocialLinkInput>>;
  tagline?: InputMaybe<Scalars['String']['input']>;
  title?: InputMaybe<Scalars['String']['input']>;
};

/** Only the fields present change (REST `PATCH /v1/tags/{id}`). */
export type UpdateTagInput = {
  name?: InputMaybe<Scalars['String']['input']>;
  slug?: InputMaybe<Scalars['String']['input']>;
};



export type ResolverTypeWrapper<T> = Promise<T> | T;


export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;




/** Mapping of interface types */
export type ResolversInterfaceTypes<_RefType extends Record<string, unknown>> = {
  Node:
    | ( ArticleRecordModel )
    | ( AuthorModel )
    | ( CategoryModel )
    | ( EditionModel )
    | ( GalleryModel )
    | ( MediaModel )
    | ( MenuModel )
    | ( PageModel )
    | ( TagModel )
  ;
};

/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = {
  Article: ResolverTypeWrapper<ArticleRecordModel>;
  ArticleConnection: ResolverTypeWrapper<ArticleConnectionParentModel>;
  ArticleEdge: ResolverTypeWrapper<ArticleEdgeParentModel>;
  ArticleFilter: ArticleFilter;
  ArticleOrder: ArticleOrder;
  Author: ResolverTypeWrapper<AuthorModel>;
  AuthorConnection: ResolverTypeWrapper<AuthorConnectionParentModel>;
  AuthorEdge: ResolverTypeWrapper<AuthorEdgeParentModel>;
  BodyFormat: BodyFormat;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Category: ResolverTypeWrapper<CategoryModel>;
  CategoryConnection: ResolverTypeWrapper<CategoryConnectionParentModel>;
  CategoryEdge: ResolverTypeWrapper<CategoryEdgeParentModel>;
  ContentStatus: ContentStatus;
  CreateArticleInput: CreateArticleInput;
  CreateAuthorInput: CreateAuthorInput;
  CreateCategoryInput: CreateCategoryInput;
  CreateEditionInput: CreateEditionInput;
  CreateGalleryInput: CreateGalleryInput;
  CreateMediaInput: CreateMediaInput;
  CreateMenuInput: CreateMenuInput;
  CreatePageInput: CreatePageInput;
  CreateTagInput: CreateTagInput;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DeletePayload: ResolverTypeWrapper<DeletePayload>;
  Direction: Direction;
  Edition: ResolverTypeWrapper<EditionModel>;
  Gallery: ResolverTypeWrapper<GalleryModel>;
  GalleryConnection: ResolverTypeWrapper<GalleryConnectionParentModel>;
  GalleryEdge: ResolverTypeWrapper<GalleryEdgeParentModel>;
  GalleryItem: ResolverTypeWrapper<GalleryItemModel>;
  GalleryItemInput: GalleryItemInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  Media: ResolverTypeWrapper<MediaModel>;
  MediaConnection: ResolverTypeWrapper<MediaConnectionParentModel>;
  MediaEdge: ResolverTypeWrapper<MediaEdgeParentModel>;
  MediaKind: MediaKind;
  Menu: ResolverTypeWrapper<MenuModel>;
  MenuItem: ResolverTypeWrapper<MenuItemModel>;
  MenuItemInput: MenuItemInput;
  MenuItemKind: MenuItemKind;
  MenuTarget: ResolverTypeWrapper<MenuTargetParentModel>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Node: ResolverTypeWrapper<ResolversInterfaceTypes<ResolversTypes>['Node']>;
  Page: ResolverTypeWrapper<PageModel>;
  PageConnection: ResolverTypeWrapper<PageConnectionParentModel>;
  PageEdge: ResolverTypeWrapper<PageEdgeParentModel>;
  PageInfo: ResolverTypeWrapper<PageInfoModel>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Rendition: ResolverTypeWrapper<Rendition>;
  RenditionInput: RenditionInput;
  SearchConnection: ResolverTypeWrapper<SearchConnectionParentModel>;
  SearchEdge: ResolverTypeWrapper<SearchEdgeParentModel>;
  SearchFilter: SearchFilter;
  SearchHighlight: ResolverTypeWrapper<SearchHighlight>;
  SearchOrder: SearchOrder;
  SearchSuggestion: ResolverTypeWrapper<SuggestionModel>;
  Seo: ResolverTypeWrapper<Seo>;
  SeoInput: SeoInput;
  SiteSettings: ResolverTypeWrapper<SiteSettingsModel>;
  SocialLink: ResolverTypeWrapper<SocialLink>;
  SocialLinkInput: SocialLinkInput;
  Source: ResolverTypeWrapper<Source>;
  SourceInput: SourceInput;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Tag: ResolverTypeWrapper<TagModel>;
  TagConnection: ResolverTypeWrapper<TagConnectionParentModel>;
  TagEdge: ResolverTypeWrapper<TagEdgeParentModel>;
  UpdateArticleInput: UpdateArticleInput;
  UpdateAuthorInput: UpdateAuthorInput;
  UpdateCategoryInput: UpdateCategoryInput;
  UpdateEditionInput: UpdateEditionInput;
  UpdateGalleryInput: UpdateGalleryInput;
  UpdateMediaInput: UpdateMediaInput;
  UpdateMenuInput: UpdateMenuInput;
  UpdatePageInput: UpdatePageInput;
  UpdateSettingsInput: UpdateSettingsInput;
  UpdateTagInput: UpdateTagInput;
};

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = {
  Article: ArticleRecordModel;
  ArticleConnection: ArticleConnectionParentModel;
  ArticleEdge: ArticleEdgeParentModel;
  ArticleFilter: ArticleFilter;
  Author: AuthorModel;
  AuthorConnection: AuthorConnectionParentModel;
  AuthorEdge: AuthorEdgeParentModel;
  Boolean: Scalars['Boolean']['output'];
  Category: CategoryModel;
  CategoryConnection: CategoryConnectionParentModel;
  CategoryEdge: CategoryEdgeParentModel;
  CreateArticleInput: CreateArticleInput;
  CreateAuthorInput: CreateAuthorInput;
  CreateCategoryInput: CreateCategoryInput;
  CreateEditionInput: CreateEditionInput;
  CreateGalleryInput: CreateGalleryInput;
  CreateMediaInput: CreateMediaInput;
  CreateMenuInput: CreateMenuInput;
  CreatePageInput: CreatePageInput;
  CreateTagInput: CreateTagInput;
  DateTime: Scalars['DateTime']['output'];
  DeletePayload: DeletePayload;
  Edition: EditionModel;
  Gallery: GalleryModel;
  GalleryConnection: GalleryConnectionParentModel;
  GalleryEdge: GalleryEdgeParentModel;
  GalleryItem: GalleryItemModel;
  GalleryItemInput: GalleryItemInput;
  ID: Scalars['ID']['output'];
  Int: Scalars['Int']['output'];
  Media: MediaModel;
  MediaConnection: MediaConnectionParentModel;
  MediaEdge: MediaEdgeParentModel;
  Menu: MenuModel;
  MenuItem: MenuItemModel;
  MenuItemInput: MenuItemInput;
  MenuTarget: MenuTargetParentModel;
  Mutation: Record<PropertyKey, never>;
  Node: ResolversInterfaceTypes<ResolversParentTypes>['Node'];
  Page: PageModel;
  PageConnection: PageConnectionParentModel;
  PageEdge: PageEdgeParentModel;
  PageInfo: PageInfoModel;
  Query: Record<PropertyKey, never>;
  Rendition: Rendition;
  RenditionInput: RenditionInput;
  SearchConnection: SearchConnectionParentModel;
  SearchEdge: SearchEdgeParentModel;
  SearchFilter: SearchFilter;
  SearchHighlight: SearchHighlight;
  SearchSuggestion: SuggestionModel;
  Seo: Seo;
  SeoInput: SeoInput;
  SiteSettings: SiteSettingsModel;
  SocialLink: SocialLink;
  SocialLinkInput: SocialLinkInput;
  Source: Source;
  SourceInput: SourceInput;
  String: Scalars['String']['output'];
  Tag: TagModel;
  TagConnection: TagConnectionParentModel;
  TagEdge: TagEdgeParentModel;
  UpdateArticleInput: UpdateArticleInput;
  UpdateAuthorInput: UpdateAuthorInput;
  UpdateCategoryInput: UpdateCategoryInput;
  UpdateEditionInput: UpdateEditionInput;
  UpdateGalleryInput: UpdateGalleryInput;
  UpdateMediaInput: UpdateMediaInput;
  UpdateMenuInput: UpdateMenuInput;
  UpdatePageInput: UpdatePageInput;
  UpdateSettingsInput: UpdateSettingsInput;
  UpdateTagInput: UpdateTagInput;
};

export type ArticleResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Article'] = ResolversParentTypes['Article']> = {
  authors?: Resolver<Array<ResolversTypes['Author']>, ParentType, ContextType>;
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType, RequireFields<ArticleBodyArgs, 'format'>>;
  categories?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  databaseId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['Direction'], ParentType, ContextType>;
  edition?: Resolver<ResolversTypes['Edition'], ParentType, ContextType>;
  excerpt?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  featured?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  featuredMedia?: Resolver<Maybe<ResolversTypes['Media']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  primaryCategory?: Resolver<Maybe<ResolversTypes['Category']>, ParentType, ContextType>;
  publishedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  readingTimeMinutes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  seo?: Resolver<ResolversTypes['Seo'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  source?: Resolver<Maybe<ResolversTypes['Source']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ContentStatus'], ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['Tag']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  translations?: Resolver<Array<ResolversTypes['Article']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  wordCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type ArticleConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ArticleConnection'] = ResolversParentTypes['ArticleConnection']> = {
  edges?: Resolver<Array<ResolversTypes['ArticleEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Article']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type ArticleEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['ArticleEdge'] = ResolversParentTypes['ArticleEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Article'], ParentType, ContextType>;
};

export type AuthorResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Author'] = ResolversParentTypes['Author']> = {
  articles?: Resolver<ResolversTypes['ArticleConnection'], ParentType, ContextType, RequireFields<AuthorArticlesArgs, 'orderBy'>>;
  avatar?: Resolver<Maybe<ResolversTypes['Media']>, ParentType, ContextType>;
  bio?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  databaseId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type AuthorConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuthorConnection'] = ResolversParentTypes['AuthorConnection']> = {
  edges?: Resolver<Array<ResolversTypes['AuthorEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Author']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type AuthorEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['AuthorEdge'] = ResolversParentTypes['AuthorEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Author'], ParentType, ContextType>;
};

export type CategoryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Category'] = ResolversParentTypes['Category']> = {
  articles?: Resolver<ResolversTypes['ArticleConnection'], ParentType, ContextType, RequireFields<CategoryArticlesArgs, 'orderBy'>>;
  children?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  databaseId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  edition?: Resolver<ResolversTypes['Edition'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  parent?: Resolver<Maybe<ResolversTypes['Category']>, ParentType, ContextType>;
  position?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  translations?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type CategoryConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CategoryConnection'] = ResolversParentTypes['CategoryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['CategoryEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Category']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type CategoryEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['CategoryEdge'] = ResolversParentTypes['CategoryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Category'], ParentType, ContextType>;
};

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DeletePayloadResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['DeletePayload'] = ResolversParentTypes['DeletePayload']> = {
  databaseId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  deletedId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
};

export type EditionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Edition'] = ResolversParentTypes['Edition']> = {
  code?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  databaseId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['Direction'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  isDefault?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  nativeName?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  settings?: Resolver<Maybe<ResolversTypes['SiteSettings']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GalleryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Gallery'] = ResolversParentTypes['Gallery']> = {
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  databaseId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  edition?: Resolver<ResolversTypes['Edition'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['GalleryItem']>, ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type GalleryConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GalleryConnection'] = ResolversParentTypes['GalleryConnection']> = {
  edges?: Resolver<Array<ResolversTypes['GalleryEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Gallery']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type GalleryEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GalleryEdge'] = ResolversParentTypes['GalleryEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Gallery'], ParentType, ContextType>;
};

export type GalleryItemResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['GalleryItem'] = ResolversParentTypes['GalleryItem']> = {
  caption?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  media?: Resolver<ResolversTypes['Media'], ParentType, ContextType>;
  position?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MediaResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Media'] = ResolversParentTypes['Media']> = {
  altText?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  bytes?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  caption?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  credit?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  databaseId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  durationSeconds?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  height?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MediaKind'], ParentType, ContextType>;
  mimeType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  renditions?: Resolver<Array<ResolversTypes['Rendition']>, ParentType, ContextType>;
  srcset?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  width?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MediaConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MediaConnection'] = ResolversParentTypes['MediaConnection']> = {
  edges?: Resolver<Array<ResolversTypes['MediaEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Media']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type MediaEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MediaEdge'] = ResolversParentTypes['MediaEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Media'], ParentType, ContextType>;
};

export type MenuResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Menu'] = ResolversParentTypes['Menu']> = {
  databaseId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  edition?: Resolver<ResolversTypes['Edition'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  items?: Resolver<Array<ResolversTypes['MenuItem']>, ParentType, ContextType>;
  location?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type MenuItemResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MenuItem'] = ResolversParentTypes['MenuItem']> = {
  children?: Resolver<Array<ResolversTypes['MenuItem']>, ParentType, ContextType>;
  databaseId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  kind?: Resolver<ResolversTypes['MenuItemKind'], ParentType, ContextType>;
  label?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  target?: Resolver<ResolversTypes['MenuTarget'], ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MenuTargetResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['MenuTarget'] = ResolversParentTypes['MenuTarget']> = {
  databaseId?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  edition?: Resolver<Maybe<ResolversTypes['Edition']>, ParentType, ContextType>;
  id?: Resolver<Maybe<ResolversTypes['ID']>, ParentType, ContextType>;
  slug?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type MutationResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = {
  archiveArticle?: Resolver<ResolversTypes['Article'], ParentType, ContextType, RequireFields<MutationArchiveArticleArgs, 'id'>>;
  archivePage?: Resolver<ResolversTypes['Page'], ParentType, ContextType, RequireFields<MutationArchivePageArgs, 'id'>>;
  createArticle?: Resolver<ResolversTypes['Article'], ParentType, ContextType, RequireFields<MutationCreateArticleArgs, 'input'>>;
  createAuthor?: Resolver<ResolversTypes['Author'], ParentType, ContextType, RequireFields<MutationCreateAuthorArgs, 'input'>>;
  createCategory?: Resolver<ResolversTypes['Category'], ParentType, ContextType, RequireFields<MutationCreateCategoryArgs, 'input'>>;
  createEdition?: Resolver<ResolversTypes['Edition'], ParentType, ContextType, RequireFields<MutationCreateEditionArgs, 'input'>>;
  createGallery?: Resolver<ResolversTypes['Gallery'], ParentType, ContextType, RequireFields<MutationCreateGalleryArgs, 'input'>>;
  createMedia?: Resolver<ResolversTypes['Media'], ParentType, ContextType, RequireFields<MutationCreateMediaArgs, 'input'>>;
  createMenu?: Resolver<ResolversTypes['Menu'], ParentType, ContextType, RequireFields<MutationCreateMenuArgs, 'input'>>;
  createPage?: Resolver<ResolversTypes['Page'], ParentType, ContextType, RequireFields<MutationCreatePageArgs, 'input'>>;
  createTag?: Resolver<ResolversTypes['Tag'], ParentType, ContextType, RequireFields<MutationCreateTagArgs, 'input'>>;
  deleteArticle?: Resolver<ResolversTypes['DeletePayload'], ParentType, ContextType, RequireFields<MutationDeleteArticleArgs, 'id'>>;
  deleteAuthor?: Resolver<ResolversTypes['DeletePayload'], ParentType, ContextType, RequireFields<MutationDeleteAuthorArgs, 'id'>>;
  deleteCategory?: Resolver<ResolversTypes['DeletePayload'], ParentType, ContextType, RequireFields<MutationDeleteCategoryArgs, 'id'>>;
  deleteEdition?: Resolver<ResolversTypes['DeletePayload'], ParentType, ContextType, RequireFields<MutationDeleteEditionArgs, 'code'>>;
  deleteGallery?: Resolver<ResolversTypes['DeletePayload'], ParentType, ContextType, RequireFields<MutationDeleteGalleryArgs, 'id'>>;
  deleteMedia?: Resolver<ResolversTypes['DeletePayload'], ParentType, ContextType, RequireFields<MutationDeleteMediaArgs, 'id'>>;
  deleteMenu?: Resolver<ResolversTypes['DeletePayload'], ParentType, ContextType, RequireFields<MutationDeleteMenuArgs, 'id'>>;
  deletePage?: Resolver<ResolversTypes['DeletePayload'], ParentType, ContextType, RequireFields<MutationDeletePageArgs, 'id'>>;
  deleteTag?: Resolver<ResolversTypes['DeletePayload'], ParentType, ContextType, RequireFields<MutationDeleteTagArgs, 'id'>>;
  publishArticle?: Resolver<ResolversTypes['Article'], ParentType, ContextType, RequireFields<MutationPublishArticleArgs, 'id'>>;
  publishPage?: Resolver<ResolversTypes['Page'], ParentType, ContextType, RequireFields<MutationPublishPageArgs, 'id'>>;
  restoreArticleRevision?: Resolver<ResolversTypes['Article'], ParentType, ContextType, RequireFields<MutationRestoreArticleRevisionArgs, 'id' | 'revision'>>;
  restorePageRevision?: Resolver<ResolversTypes['Page'], ParentType, ContextType, RequireFields<MutationRestorePageRevisionArgs, 'id' | 'revision'>>;
  unpublishArticle?: Resolver<ResolversTypes['Article'], ParentType, ContextType, RequireFields<MutationUnpublishArticleArgs, 'id'>>;
  unpublishPage?: Resolver<ResolversTypes['Page'], ParentType, ContextType, RequireFields<MutationUnpublishPageArgs, 'id'>>;
  updateArticle?: Resolver<ResolversTypes['Article'], ParentType, ContextType, RequireFields<MutationUpdateArticleArgs, 'id' | 'input'>>;
  updateAuthor?: Resolver<ResolversTypes['Author'], ParentType, ContextType, RequireFields<MutationUpdateAuthorArgs, 'id' | 'input'>>;
  updateCategory?: Resolver<ResolversTypes['Category'], ParentType, ContextType, RequireFields<MutationUpdateCategoryArgs, 'id' | 'input'>>;
  updateEdition?: Resolver<ResolversTypes['Edition'], ParentType, ContextType, RequireFields<MutationUpdateEditionArgs, 'code' | 'input'>>;
  updateGallery?: Resolver<ResolversTypes['Gallery'], ParentType, ContextType, RequireFields<MutationUpdateGalleryArgs, 'id' | 'input'>>;
  updateMedia?: Resolver<ResolversTypes['Media'], ParentType, ContextType, RequireFields<MutationUpdateMediaArgs, 'id' | 'input'>>;
  updateMenu?: Resolver<ResolversTypes['Menu'], ParentType, ContextType, RequireFields<MutationUpdateMenuArgs, 'id' | 'input'>>;
  updatePage?: Resolver<ResolversTypes['Page'], ParentType, ContextType, RequireFields<MutationUpdatePageArgs, 'id' | 'input'>>;
  updateSettings?: Resolver<ResolversTypes['SiteSettings'], ParentType, ContextType, RequireFields<MutationUpdateSettingsArgs, 'edition' | 'input'>>;
  updateTag?: Resolver<ResolversTypes['Tag'], ParentType, ContextType, RequireFields<MutationUpdateTagArgs, 'id' | 'input'>>;
};

export type NodeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Node'] = ResolversParentTypes['Node']> = {
  __resolveType: TypeResolveFn<'Article' | 'Author' | 'Category' | 'Edition' | 'Gallery' | 'Media' | 'Menu' | 'Page' | 'Tag', ParentType, ContextType>;
};

export type PageResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Page'] = ResolversParentTypes['Page']> = {
  body?: Resolver<ResolversTypes['String'], ParentType, ContextType, RequireFields<PageBodyArgs, 'format'>>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  databaseId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  direction?: Resolver<ResolversTypes['Direction'], ParentType, ContextType>;
  edition?: Resolver<ResolversTypes['Edition'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  publishedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  seo?: Resolver<ResolversTypes['Seo'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ContentStatus'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  translations?: Resolver<Array<ResolversTypes['Page']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type PageConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageConnection'] = ResolversParentTypes['PageConnection']> = {
  edges?: Resolver<Array<ResolversTypes['PageEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Page']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type PageEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageEdge'] = ResolversParentTypes['PageEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Page'], ParentType, ContextType>;
};

export type PageInfoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = {
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type QueryResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = {
  article?: Resolver<Maybe<ResolversTypes['Article']>, ParentType, ContextType, Partial<QueryArticleArgs>>;
  articles?: Resolver<ResolversTypes['ArticleConnection'], ParentType, ContextType, RequireFields<QueryArticlesArgs, 'orderBy'>>;
  author?: Resolver<Maybe<ResolversTypes['Author']>, ParentType, ContextType, Partial<QueryAuthorArgs>>;
  authors?: Resolver<ResolversTypes['AuthorConnection'], ParentType, ContextType, Partial<QueryAuthorsArgs>>;
  categories?: Resolver<ResolversTypes['CategoryConnection'], ParentType, ContextType, Partial<QueryCategoriesArgs>>;
  category?: Resolver<Maybe<ResolversTypes['Category']>, ParentType, ContextType, Partial<QueryCategoryArgs>>;
  edition?: Resolver<Maybe<ResolversTypes['Edition']>, ParentType, ContextType, RequireFields<QueryEditionArgs, 'code'>>;
  editions?: Resolver<Array<ResolversTypes['Edition']>, ParentType, ContextType>;
  galleries?: Resolver<ResolversTypes['GalleryConnection'], ParentType, ContextType, Partial<QueryGalleriesArgs>>;
  gallery?: Resolver<Maybe<ResolversTypes['Gallery']>, ParentType, ContextType, Partial<QueryGalleryArgs>>;
  media?: Resolver<Maybe<ResolversTypes['Media']>, ParentType, ContextType, RequireFields<QueryMediaArgs, 'id'>>;
  mediaItems?: Resolver<ResolversTypes['MediaConnection'], ParentType, ContextType, Partial<QueryMediaItemsArgs>>;
  menu?: Resolver<Maybe<ResolversTypes['Menu']>, ParentType, ContextType, RequireFields<QueryMenuArgs, 'edition' | 'location'>>;
  menus?: Resolver<Array<ResolversTypes['Menu']>, ParentType, ContextType, RequireFields<QueryMenusArgs, 'edition'>>;
  node?: Resolver<Maybe<ResolversTypes['Node']>, ParentType, ContextType, RequireFields<QueryNodeArgs, 'id'>>;
  nodes?: Resolver<Array<Maybe<ResolversTypes['Node']>>, ParentType, ContextType, RequireFields<QueryNodesArgs, 'ids'>>;
  page?: Resolver<Maybe<ResolversTypes['Page']>, ParentType, ContextType, Partial<QueryPageArgs>>;
  pages?: Resolver<ResolversTypes['PageConnection'], ParentType, ContextType, Partial<QueryPagesArgs>>;
  search?: Resolver<ResolversTypes['SearchConnection'], ParentType, ContextType, RequireFields<QuerySearchArgs, 'orderBy' | 'query'>>;
  searchSuggestions?: Resolver<Array<ResolversTypes['SearchSuggestion']>, ParentType, ContextType, RequireFields<QuerySearchSuggestionsArgs, 'first' | 'query'>>;
  settings?: Resolver<Maybe<ResolversTypes['SiteSettings']>, ParentType, ContextType, RequireFields<QuerySettingsArgs, 'edition'>>;
  tag?: Resolver<Maybe<ResolversTypes['Tag']>, ParentType, ContextType, Partial<QueryTagArgs>>;
  tags?: Resolver<ResolversTypes['TagConnection'], ParentType, ContextType, Partial<QueryTagsArgs>>;
};

export type RenditionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Rendition'] = ResolversParentTypes['Rendition']> = {
  bytes?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  height?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  mimeType?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  width?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type SearchConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SearchConnection'] = ResolversParentTypes['SearchConnection']> = {
  edges?: Resolver<Array<ResolversTypes['SearchEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Article']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type SearchEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SearchEdge'] = ResolversParentTypes['SearchEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  highlight?: Resolver<ResolversTypes['SearchHighlight'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Article'], ParentType, ContextType>;
};

export type SearchHighlightResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SearchHighlight'] = ResolversParentTypes['SearchHighlight']> = {
  snippet?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SearchSuggestionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SearchSuggestion'] = ResolversParentTypes['SearchSuggestion']> = {
  article?: Resolver<ResolversTypes['Article'], ParentType, ContextType>;
  highlight?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SeoResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Seo'] = ResolversParentTypes['Seo']> = {
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type SiteSettingsResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SiteSettings'] = ResolversParentTypes['SiteSettings']> = {
  copyright?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  edition?: Resolver<ResolversTypes['Edition'], ParentType, ContextType>;
  socialLinks?: Resolver<Array<ResolversTypes['SocialLink']>, ParentType, ContextType>;
  tagline?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  title?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
};

export type SocialLinkResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['SocialLink'] = ResolversParentTypes['SocialLink']> = {
  network?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  url?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
};

export type SourceResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Source'] = ResolversParentTypes['Source']> = {
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  publishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  url?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
};

export type TagResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['Tag'] = ResolversParentTypes['Tag']> = {
  articles?: Resolver<ResolversTypes['ArticleConnection'], ParentType, ContextType, RequireFields<TagArticlesArgs, 'orderBy'>>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  databaseId?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  edition?: Resolver<ResolversTypes['Edition'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  slug?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  __isTypeOf?: IsTypeOfResolverFn<ParentType, ContextType>;
};

export type TagConnectionResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TagConnection'] = ResolversParentTypes['TagConnection']> = {
  edges?: Resolver<Array<ResolversTypes['TagEdge']>, ParentType, ContextType>;
  nodes?: Resolver<Array<ResolversTypes['Tag']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
};

export type TagEdgeResolvers<ContextType = GraphQLContext, ParentType extends ResolversParentTypes['TagEdge'] = ResolversParentTypes['TagEdge']> = {
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Tag'], ParentType, ContextType>;
};

export type Resolvers<ContextType = GraphQLContext> = {
  Article?: ArticleResolvers<ContextType>;
  ArticleConnection?: ArticleConnectionResolvers<ContextType>;
  ArticleEdge?: ArticleEdgeResolvers<ContextType>;
  Author?: AuthorResolvers<ContextType>;
  AuthorConnection?: AuthorConnectionResolvers<ContextType>;
  AuthorEdge?: AuthorEdgeResolvers<ContextType>;
  Category?: CategoryResolvers<ContextType>;
  CategoryConnection?: CategoryConnectionResolvers<ContextType>;
  CategoryEdge?: CategoryEdgeResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DeletePayload?: DeletePayloadResolvers<ContextType>;
  Edition?: EditionResolvers<ContextType>;
  Gallery?: GalleryResolvers<ContextType>;
  GalleryConnection?: GalleryConnectionResolvers<ContextType>;
  GalleryEdge?: GalleryEdgeResolvers<ContextType>;
  GalleryItem?: GalleryItemResolvers<ContextType>;
  Media?: MediaResolvers<ContextType>;
  MediaConnection?: MediaConnectionResolvers<ContextType>;
  MediaEdge?: MediaEdgeResolvers<ContextType>;
  Menu?: MenuResolvers<ContextType>;
  MenuItem?: MenuItemResolvers<ContextType>;
  MenuTarget?: MenuTargetResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Node?: NodeResolvers<ContextType>;
  Page?: PageResolvers<ContextType>;
  PageConnection?: PageConnectionResolvers<ContextType>;
  PageEdge?: PageEdgeResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Rendition?: RenditionResolvers<ContextType>;
  SearchConnection?: SearchConnectionResolvers<ContextType>;
  SearchEdge?: SearchEdgeResolvers<ContextType>;
  SearchHighlight?: SearchHighlightResolvers<ContextType>;
  SearchSuggestion?: SearchSuggestionResolvers<ContextType>;
  Seo?: SeoResolvers<ContextType>;
  SiteSettings?: SiteSettingsResolvers<ContextType>;
  SocialLink?: SocialLinkResolvers<ContextType>;
  Source?: SourceResolvers<ContextType>;
  Tag?: TagResolvers<ContextType>;
  TagConnection?: TagConnectionResolvers<ContextType>;
  TagEdge?: TagEdgeResolvers<ContextType>;
};

