import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../platform/db/connect.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { ValidationError } from '../../platform/errors.js';
import { frameworkIds, getFramework } from '../../platform/framework-registry.js';
import { demand, rolesOf } from '../../policy/policy.js';
import { InputError } from '../../domain/input/input-error.js';
import { nationalCaveats, parseNationalRatings, standingOf } from '../../domain/national/ratings.js';
import { nationalImports, nationalRatings } from './tables.js';

/** The framework the published scores are out of: the 2021 standards (36 points). */
const scoredOn = () => getFramework(frameworkIds().find((id) => id === 'hmip-youth-2021') ?? frameworkIds().at(-1)!);

/**
 * A service's name as the national file writes it: without "YJS", "Youth Justice Service" and the like, and
 * without a suffix such as " - JI" (a joint inspection).
 */
const plainName = (name: string) =>
  name
    .toLowerCase()
    .replace(/\s+-\s+.*$/, '')
    .replace(/\b(yjs|yos|youth (justice|offending) (service|team)s?)\b/g, '')
    .replace(/[^a-z]+/g, ' ')
    .trim();

type Row = typeof nationalRatings.$inferSelect;

export function createNationalService(db: Database) {
  // An import's rows are written with it, in its transaction, and never changed: they are read once per import
  // (and per process), and each service's standing once per import. Which import is the latest is read on
  // every call, so a newer file shows at once, in any process.
  const imported = new Map<string, { rows: Row[]; byName: Map<string, Row>; scores: number[] }>();

  async function latest() {
    const [current] = await db.select().from(nationalImports).orderBy(desc(nationalImports.importedAt)).limit(1);
    if (!current) return null;
    let kept = imported.get(current.id);
    if (!kept) {
      const rows: Row[] = await db.select().from(nationalRatings).where(eq(nationalRatings.importId, current.id));
      rows.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.laName.localeCompare(b.laName));
      const byName = new Map<string, Row>();
      for (const row of rows) if (!byName.has(plainName(row.laName))) byName.set(plainName(row.laName), row);
      // Shared by every request: frozen, so that no caller can change another's.
      for (const row of rows) Object.freeze(row);
      Object.freeze(rows);
      kept = { rows, byName, scores: rows.filter((r) => r.score !== null).map((r) => r.score!) };
      imported.clear();
      imported.set(current.id, kept);
    }
    return { current, ...kept };
  }

  return {
    /**
     * The national view: the distribution of the published overall scores, each inspection's rank, and, for
     * the score asked about, where it stands. The file's caveats go with it.
     */
    async view(_actor: Actor, options: { score?: number | null; laRef?: string | null } = {}) {
      const framework = scoredOn();
      const found = await latest();
      if (!found) return { framework, current: null, rows: [], caveats: nationalCaveats, standing: null, scored: [] };
      const scored = found.rows.filter((r) => r.score !== null);
      const scores = scored.map((r) => r.score!);
      const chosen = options.laRef ? found.rows.find((r) => r.laRef === options.laRef) : undefined;
      const score = options.score ?? chosen?.score ?? null;
      return {
        framework,
        current: found.current,
        rows: found.rows,
        scored,
        caveats: nationalCaveats,
        chosen: chosen ?? null,
        standing: score === null ? null : standingOf(scores, score, framework.maxScore),
        distribution: standingOf(scores, 0, framework.maxScore).distribution,
      };
    },

    /**
     * A service's latest published inspection in the national file, matched by name, with where it stands. The
     * name may be still on its way: the latest import is read beside it.
     */
    async standingOfService(organisationName: string | PromiseLike<string>) {
      const [found, name] = await Promise.all([latest(), organisationName]);
      if (!found) return null;
      const row = found.byName.get(plainName(name));
      if (!row || row.score === null) return row ? { row, standing: null, caveats: nationalCaveats } : null;
      return { row, standing: standingOf(found.scores, row.score, scoredOn().maxScore), caveats: nationalCaveats };
    },

    /**
     * Replaces the national ratings with a newer file of the same shape: every line checked first, then one
     * transaction with its audit event. Administrators only.
     */
    demandImport: (actor: Actor) => demand(rolesOf(actor, []), 'national.import'),

    async importFile(actor: Actor, text: string, source: string) {
      demand(rolesOf(actor, []), 'national.import');
      let parsed;
      try {
        parsed = parseNationalRatings(text, source, scoredOn());
      } catch (error) {
        if (error instanceof InputError)
          throw new ValidationError({ file: error.where ? `${error.where}: ${error.problem}` : error.problem });
        throw error;
      }
      return db.transaction(async (tx) => {
        const [imported] = await tx
          .insert(nationalImports)
          .values({ source, rows: parsed.length, importedBy: actor.id })
          .returning();
        await tx.insert(nationalRatings).values(parsed.map((row) => ({ ...row, importId: imported!.id })));
        await recordAudit(tx, actor, {
          action: 'national.import',
          subjectType: 'nationalImport',
          subjectId: imported!.id,
          after: { source, rows: parsed.length, withCaveats: parsed.filter((r) => r.caveats.length).length },
        });
        return { ...imported!, withCaveats: parsed.filter((r) => r.caveats.length).length };
      });
    },
  };
}

export type NationalService = ReturnType<typeof createNationalService>;
