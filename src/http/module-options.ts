/**
 * What the composition root gives every module's REST plugin, once for the whole /v1 scope: the
 * app's one set of services (each plugin takes the ones it names) and the public base URL that
 * links and Location headers are built on.
 */
export interface ModuleOptions<S> {
  services: S
  baseUrl: string
}
