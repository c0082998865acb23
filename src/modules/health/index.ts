/* The health module's one door: liveness and readiness, outside /v1. */
export { healthRoutes } from './routes.js'
