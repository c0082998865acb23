/**
 * Readers' comments: the module's one door. The REST plugin (public reads and submission,
 * moderation, erasure, discussion settings), the service factory, the comment policy the articles
 * module applies, and the OpenAPI component schemas.
 */
export { commentRoutes } from './routes.js'
export { commentResolvers, type CommentConnectionParent, type CommentEdgeParent } from './resolvers.js'
export { commentMutations } from './mutations.js'
export { componentSchemas as commentComponentSchemas } from './schemas.js'
export { createDiscussionSettings, type DiscussionSettingsService } from './settings.js'
export { createFormTokens, checkWindow, countLinks, fingerprintOf, hashIp, isBlocked, normalizedText, refuse, type FormTokens } from './abuse.js'
export type { ImportedComment, CommentSubmission } from './commands.js'
export { createCommentService, type CommentService, type CommentServiceDeps } from './comment-service.js'
