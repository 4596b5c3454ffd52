import type { Queryable } from './db/connect.js';
import { auditEvents } from './db/core-tables.js';

/** Who is acting, as every service operation receives it. */
export interface Actor {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  /** The interface language the user chose, if any ('en' or 'cy'). */
  language?: string | null;
  /** The request's correlation id, for the audit trail. */
  requestId?: string;
  /** How the request signed in, so that a write can check in its own statement that it still holds. */
  credential?: Credential;
}

/** A session cookie's or bearer token's sha256, as stored. */
export interface Credential {
  kind: 'session' | 'token';
  hash: string;
  /**
   * Taken from the process's memory of a token seen in the last minute, without asking the database: only a
   * write that checks the credential in its own statement (credentialIsLive) may act on it.
   */
  remembered?: true;
}

export interface AuditEvent {
  action: string;
  subjectType: string;
  subjectId: string;
  inspectionId?: string | null;
  before?: unknown;
  after?: unknown;
  /** The request's id when there is no actor to carry it (a failed sign-in, a user created by sign-on). */
  requestId?: string | undefined;
}

/** Appends to the audit trail, inside the caller's transaction so that the change and its record go together. */
export async function recordAudit(tx: Queryable, actor: Actor | null, event: AuditEvent): Promise<void> {
  await tx.insert(auditEvents).values({
    userId: actor?.id ?? null,
    action: event.action,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    inspectionId: event.inspectionId ?? null,
    before: event.before ?? null,
    after: event.after ?? null,
    requestId: actor?.requestId ?? event.requestId ?? null,
  });
}
