/** What a service tells its callers went wrong; the web and the API turn these into pages and JSON. */

/** The thing does not exist, or the user may not know it exists: the same answer either way. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  constructor(what = 'not found') {
    super(what);
  }
}

/** The user may see the thing but not do this to it. */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
}

/** The credential no longer holds (a token revoked, a session ended): sign in again, or use another token. */
export class UnauthorizedError extends Error {
  override name = 'UnauthorizedError';
}

/** Input that breaks a rule, by field: `{ "answers[2.1.1]": "Select yes, no or not applicable" }`. */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(readonly fields: Record<string, string>) {
    super(
      Object.entries(fields)
        .map(([field, message]) => `${field}: ${message}`)
        .join('; '),
    );
  }
}

/** A save based on an out-of-date version: nothing was written. `current` is what is stored now. */
export class ConflictError<T = unknown> extends Error {
  override name = 'ConflictError';
  constructor(
    message: string,
    readonly current: T,
  ) {
    super(message);
  }
}

/** Something the operation needs is not installed or not reachable here (Chromium for PDFs). */
export class UnavailableError extends Error {
  override name = 'UnavailableError';
}
