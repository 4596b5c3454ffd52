import { isoDateField } from '../../domain/dates.js';
import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Database, Queryable } from '../../platform/db/connect.js';
import { auditEvents, inspections, users } from '../../platform/db/core-tables.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import type { CaseService } from '../cases/index.js';
import { toCsv } from '../../platform/csv.js';
import { validated } from '../../platform/field-errors.js';
import { can, demand, inspectionWith, rolesFor, type Role } from '../../policy/policy.js';
import { standardOf } from '../judgements/index.js';
import { getFramework } from '../../platform/framework-registry.js';

/** One event as the history pages and the CSV show it. */
export interface TrailEntry {
  id: number;
  at: Date;
  userId: string | null;
  userName: string | null;
  userEmail: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  inspectionId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
}

const isoDate = (label: string) => isoDateField(label).optional();

/** The administrators' filters: all optional, all from a query string. */
export const trailFilterSchema = z
  .object({
    user: z.string().trim().max(200, 'User must be 200 characters or fewer').optional(),
    action: z
      .string()
      .trim()
      .regex(/^[\w.]{0,64}$/, 'Action must be an action name like answers.save')
      .optional(),
    inspection: z.union([z.literal(''), z.uuid('Inspection must be an inspection id')]).optional(),
    from: isoDate('From'),
    to: isoDate('To'),
  })
  .refine((f) => !f.from || !f.to || f.to >= f.from, { path: ['to'], message: 'To must be the same as or after From' });
export type TrailFilters = z.input<typeof trailFilterSchema>;

/** How many events the page shows; the CSV holds every match. */
export const pageLimit = 200;

const columns = {
  id: auditEvents.id,
  at: auditEvents.at,
  userId: auditEvents.userId,
  userName: users.displayName,
  userEmail: users.email,
  action: auditEvents.action,
  subjectType: auditEvents.subjectType,
  subjectId: auditEvents.subjectId,
  inspectionId: auditEvents.inspectionId,
  before: auditEvents.before,
  after: auditEvents.after,
  requestId: auditEvents.requestId,
};

function eventsWhere(db: Queryable, where: SQL | undefined, order: 'asc' | 'desc', limit?: number) {
  const query = db
    .select(columns)
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .where(where)
    .orderBy(order === 'asc' ? asc(auditEvents.id) : desc(auditEvents.id));
  return (limit === undefined ? query : query.limit(limit)) as Promise<TrailEntry[]>;
}

function filterCondition(filters: TrailFilters): SQL | undefined {
  const parsed = validated(trailFilterSchema, filters);
  const { user, action, inspection, from, to } = parsed;
  const nextDay = (day: string) => new Date(new Date(`${day}T00:00:00Z`).getTime() + 86_400_000);
  return and(
    user
      ? sql`(${users.email} = ${user.toLowerCase()} or ${users.displayName} ilike ${user.replace(/[\\%_]/g, '\\$&')})`
      : undefined,
    action ? eq(auditEvents.action, action) : undefined,
    inspection ? eq(auditEvents.inspectionId, inspection) : undefined,
    from ? gte(auditEvents.at, new Date(`${from}T00:00:00Z`)) : undefined,
    to ? lt(auditEvents.at, nextDay(to)) : undefined,
  );
}

/** The whole trail is the administrators': 404 for anyone else, so the page does not exist for them. */
function demandAdministrator(actor: Actor) {
  const roles = new Set<Role>(actor.isAdmin ? ['administrator'] : []);
  demand(roles, 'audit.view');
}

export const csvColumns = [
  'id',
  'at',
  'user_email',
  'user_name',
  'action',
  'subject_type',
  'subject_id',
  'inspection_id',
  'before',
  'after',
  'request_id',
] as const;

export function createAuditTrailService(db: Database, caseService: CaseService) {
  return {
    /** Every event on a case, oldest first: who, when, what, before and after, request id. */
    async caseHistory(actor: Actor, inspectionId: string, caseId: string) {
      const { inspection, row } = await caseService.caseFor(actor, inspectionId, caseId, 'case.view');
      const events = await eventsWhere(
        db,
        and(eq(auditEvents.subjectType, 'case'), eq(auditEvents.subjectId, caseId)),
        'asc',
      );
      return { inspection, case: row, events };
    },

    /** Every event on one standard of an inspection: judgements, evidence notes, discretion. */
    async standardHistory(actor: Actor, inspectionId: string, standardId: string) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'case.view');
      const standard = standardOf(getFramework(inspection.frameworkId), standardId);
      const events = await eventsWhere(
        db,
        and(
          eq(auditEvents.inspectionId, inspectionId),
          eq(auditEvents.subjectType, 'standard'),
          eq(auditEvents.subjectId, standardId),
        ),
        'asc',
      );
      return { inspection, standard, events };
    },

    /** Whether the actor may read the inspection's histories (case.view): pages show the link only then. */
    async mayReadHistory(actor: Actor, inspectionId: string): Promise<boolean> {
      const inspection = await inspectionWith(db, actor, inspectionId, 'inspection.view');
      return can(await rolesFor(db, actor, { organisationId: inspection.organisationId, inspectionId }), 'case.view');
    },

    /** The administrators' search: the newest `pageLimit` events that match, and how many match in all. */
    async search(actor: Actor, filters: TrailFilters) {
      demandAdministrator(actor);
      const where = filterCondition(filters);
      const events = await eventsWhere(db, where, 'desc', pageLimit);
      const [counted] = await db
        .select({ count: sql<number>`count(*)::int` })
        .from(auditEvents)
        .leftJoin(users, eq(users.id, auditEvents.userId))
        .where(where);
      const actions = await db
        .selectDistinct({ action: auditEvents.action })
        .from(auditEvents)
        .orderBy(asc(auditEvents.action));
      const inspectionList = await db
        .select({ id: inspections.id, title: inspections.title })
        .from(inspections)
        .orderBy(asc(inspections.title));
      return {
        events,
        total: Number(counted?.count ?? 0),
        actions: actions.map((a) => a.action),
        inspections: inspectionList,
      };
    },

    /**
     * Every matching event as CSV, oldest first. The export is itself an event, written in the same
     * transaction as the read: a download of the trail is never missing from it.
     */
    async exportCsv(actor: Actor, filters: TrailFilters): Promise<string> {
      demandAdministrator(actor);
      const where = filterCondition(filters);
      return db.transaction(async (tx) => {
        const events = await eventsWhere(tx, where, 'asc');
        await recordAudit(tx, actor, {
          action: 'audit.export',
          subjectType: 'auditTrail',
          subjectId: 'csv',
          after: { filters: trailFilterSchema.parse(filters), rows: events.length },
        });
        const rows = events.map((e) => [
          e.id,
          e.at,
          e.userEmail,
          e.userName,
          e.action,
          e.subjectType,
          e.subjectId,
          e.inspectionId,
          e.before,
          e.after,
          e.requestId,
        ]);
        return toCsv(csvColumns, rows, { quoted: true });
      });
    },
  };
}

export type AuditTrailService = ReturnType<typeof createAuditTrailService>;
