/** Domain errors thrown by services. HTTP and GraphQL layers map them; services never know about either. */
export interface FieldProblem { name: string, reason: string }

export abstract class DomainError extends Error {
  abstract readonly code: string
}

export class NotFoundError extends DomainError {
  readonly code = 'QUIRE_NOT_FOUND'
  constructor (readonly resource: string, readonly key: string | number) {
    super(`${resource} ${JSON.stringify(String(key))} was not found`)
  }
}

export class InvalidInputError extends DomainError {
  readonly code = 'QUIRE_INVALID_INPUT'
  constructor (message: string, readonly errors: FieldProblem[] = []) {
    super(message)
  }
}

export class ConflictError extends DomainError {
  readonly code = 'QUIRE_CONFLICT'
}

export class ForbiddenError extends DomainError {
  readonly code = 'QUIRE_FORBIDDEN'
}

/** No credentials, or credentials that are not (or no longer) valid: HTTP 401. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'QUIRE_UNAUTHENTICATED'
}

/** A well-formed request that the resource's current state does not allow, e.g. publishing an archived article. */
export class UnprocessableError extends DomainError {
  readonly code = 'QUIRE_UNPROCESSABLE'
}

/**
 * The write names no expected version (If-Match, expectedVersion) where the server requires one
 * (REQUIRE_IF_MATCH): HTTP 428 (RFC 6585), GraphQL PRECONDITION_REQUIRED.
 */
export class PreconditionRequiredError extends DomainError {
  readonly code = 'QUIRE_PRECONDITION_REQUIRED'
}

/** Too many submissions from one client or to one target in the current window (public forms): HTTP 429. */
export class RateLimitedError extends DomainError {
  readonly code = 'QUIRE_RATE_LIMITED'
  constructor (message: string, readonly retryAfterSeconds: number) {
    super(message)
  }
}

/** The client's expected version (If-Match, expectedVersion) is not the current one. */
export class PreconditionFailedError extends DomainError {
  readonly code = 'QUIRE_PRECONDITION_FAILED'
  constructor (message: string, readonly currentVersion: number) {
    super(message)
  }
}

/** An uploaded file whose bytes are of a type Quire does not accept (SVG, HTML, an archive …): HTTP 415. */
export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'QUIRE_UNSUPPORTED_MEDIA_TYPE'
}

/** An upload larger than its kind allows: HTTP 413. */
export class PayloadTooLargeError extends DomainError {
  readonly code = 'QUIRE_PAYLOAD_TOO_LARGE'
}

/** An upload of an accepted type that cannot be used: truncated, its name contradicting its bytes, too many pixels: HTTP 422. */
export class InvalidFileError extends DomainError {
  readonly code = 'QUIRE_INVALID_FILE'
}
