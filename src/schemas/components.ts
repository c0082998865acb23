import { ArticleOut } from '../modules/articles/schemas.js'
import { Author } from '../modules/authors/schemas.js'
import { Category, CategoryNode } from '../modules/categories/schemas.js'
import { Edition } from '../modules/editions/schemas.js'
import { Media } from '../modules/media/schemas.js'
import { Tag } from '../modules/tags/schemas.js'
import { Gallery } from '../modules/galleries/schemas.js'
import { Menu, MenuItem } from '../modules/menus/schemas.js'
import { Page } from '../modules/pages/schemas.js'
import { SiteSettings } from '../modules/settings/schemas.js'
import { SearchHit, SearchSuggestion } from '../search/schemas.js'
import { Change } from '../modules/changes/schemas.js'
import { Problem } from './common.js'
import { commentComponentSchemas } from '../modules/comments/index.js'
import { contactComponentSchemas } from '../modules/contact/index.js'
import { WebhookDelivery, WebhookEndpoint } from '../webhooks/schemas.js'

/** Schemas registered once with `addSchema`: routes `$ref` them and OpenAPI lists them as named components. */
export const componentSchemas = [Problem, Edition, Media, ArticleOut, Category, CategoryNode, Author, Tag, Gallery, Page, MenuItem, Menu, SiteSettings, SearchHit, SearchSuggestion, Change, WebhookEndpoint, WebhookDelivery, ...commentComponentSchemas, ...contactComponentSchemas]
