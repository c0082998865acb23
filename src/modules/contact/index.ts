/**
 * The contact form: the module's one door (REST plugin, service factory, OpenAPI components).
 * It shares the comments module's abuse protections and form tokens.
 */
export { contactRoutes } from './routes.js'
export { componentSchemas as contactComponentSchemas } from './schemas.js'
export type { ContactMessage } from './schemas.js'
export { createContactService, type ContactService, type ContactServiceDeps } from './contact-service.js'
