import { and, asc, desc, eq, or } from 'drizzle-orm';
import type { Database } from '../../platform/db/connect.js';
import { recordAudit, type Actor } from '../../platform/audit.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { frameworkIds, getFramework, registerStoredFramework } from '../../platform/framework-registry.js';
import { InputError, parseJson } from '../../domain/input/input-error.js';
import { parseFramework } from '../../domain/framework/load.js';
import type { Framework } from '../../domain/framework/model.js';
import type { FrameworkFile } from '../../domain/framework/schema.js';
import { organisationWith } from '../../policy/policy.js';
import { serviceFrameworks } from './tables.js';

/** A stored version's key: the framework id, the version and the service, so two services never clash. */
const keyOf = (organisationId: string, frameworkId: string, version: number) =>
  `${frameworkId}@v${version}.${organisationId.slice(0, 8)}`;

/** The file checked as the rating engine needs it; a problem names the JSON path (`$.domains[0].standards[1].id`). */
function parseFile(text: string, source: string): Framework {
  try {
    return parseFramework(parseJson(text, source), source);
  } catch (error) {
    if (error instanceof InputError) throw new ValidationError({ file: error.where ? `${error.where}: ${error.problem}` : error.problem });
    throw error;
  }
}

/** JSON with its keys in order, so that a file read back from jsonb (which reorders keys) compares equal. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );

/**
 * What a version is: the file without its languages (`languages`, `translations`, `review`) and its `$schema`.
 * A translation added or corrected changes no rating, so it is not a new version: inspections on the version
 * find its Welsh at once (docs/frameworks.md).
 */
export const ratedContent = (file: unknown): string => {
  const { languages: _l, translations: _t, review: _r, $schema: _s, ...rated } = file as FrameworkFile;
  return canonical(rated);
};

export function createFrameworkService(db: Database) {
  const register = (row: typeof serviceFrameworks.$inferSelect) =>
    registerStoredFramework(row.key, parseFramework(row.content, `framework ${row.key}`));

  return {
    /** Registers every stored version with the framework registry: at start-up, before any request. */
    async loadAll() {
      for (const row of await db.select().from(serviceFrameworks)) register(row);
    },

    /** A service's own versions and those published for all, newest first. */
    async list(actor: Actor, organisationId: string) {
      await organisationWith(db, actor, organisationId, 'qa.view');
      return db
        .select({
          key: serviceFrameworks.key,
          organisationId: serviceFrameworks.organisationId,
          frameworkId: serviceFrameworks.frameworkId,
          version: serviceFrameworks.version,
          title: serviceFrameworks.title,
          published: serviceFrameworks.published,
        })
        .from(serviceFrameworks)
        .where(or(eq(serviceFrameworks.organisationId, organisationId), eq(serviceFrameworks.published, true)))
        .orderBy(asc(serviceFrameworks.frameworkId), desc(serviceFrameworks.version));
    },

    /**
     * Adds a file: the same text as the latest version is that version; one that differs only in its languages
     * (a Welsh translation added or corrected) updates that version in place (`translated`); any other change
     * is the next version.
     */
    async add(actor: Actor, organisationId: string, text: string, source = 'framework file') {
      await organisationWith(db, actor, organisationId, 'framework.add');
      if (!text.trim()) throw new ValidationError({ file: 'Choose or paste a framework file (JSON)' });
      const framework = parseFile(text, source);
      if (frameworkIds().includes(framework.id))
        throw new ValidationError({ file: `$.id: "${framework.id}" is a shipped framework; give the service's own file an id of its own` });
      return db.transaction(async (tx) => {
        const [latest] = await tx
          .select()
          .from(serviceFrameworks)
          .where(and(eq(serviceFrameworks.organisationId, organisationId), eq(serviceFrameworks.frameworkId, framework.id)))
          .orderBy(desc(serviceFrameworks.version))
          .limit(1);
        if (latest && latest.source === text) return { ...latest, created: false, translated: false };
        if (latest && ratedContent(latest.content) === ratedContent(framework.file)) {
          const [row] = await tx
            .update(serviceFrameworks)
            .set({ content: framework.file, source: text })
            .where(eq(serviceFrameworks.key, latest.key))
            .returning();
          const languagesOf = (file: unknown) => (file as FrameworkFile).languages ?? ['en'];
          await recordAudit(tx, actor, {
            action: 'framework.translate',
            subjectType: 'framework',
            subjectId: latest.key,
            before: { languages: languagesOf(latest.content) },
            after: { languages: framework.languages },
          });
          register(row!);
          return { ...row!, created: false, translated: true };
        }
        const version = (latest?.version ?? 0) + 1;
        const [row] = await tx
          .insert(serviceFrameworks)
          .values({
            key: keyOf(organisationId, framework.id, version),
            organisationId,
            frameworkId: framework.id,
            version,
            title: framework.title,
            content: framework.file,
            source: text,
            createdBy: actor.id,
          })
          .returning();
        await recordAudit(tx, actor, {
          action: 'framework.add',
          subjectType: 'framework',
          subjectId: row!.key,
          after: { key: row!.key, frameworkId: row!.frameworkId, version, title: row!.title },
        });
        register(row!);
        return { ...row!, created: true, translated: false };
      });
    },

    async publish(actor: Actor, key: string) {
      const [row] = await db.select().from(serviceFrameworks).where(eq(serviceFrameworks.key, key));
      if (!row) throw new NotFoundError('framework not found');
      await organisationWith(db, actor, row.organisationId, 'framework.publish');
      await db.transaction(async (tx) => {
        await tx.update(serviceFrameworks).set({ published: true }).where(eq(serviceFrameworks.key, key));
        await recordAudit(tx, actor, { action: 'framework.publish', subjectType: 'framework', subjectId: key, before: { published: row.published }, after: { published: true } });
      });
    },

    /**
     * A framework version to show its words: a shipped one, or the service's own or one published for all. The
     * service's list page links here; an unknown key, or one the service may not use, is not found.
     */
    async show(actor: Actor, organisationId: string, key: string) {
      await organisationWith(db, actor, organisationId, 'qa.view');
      if (frameworkIds().includes(key)) return { key, version: null, framework: getFramework(key) };
      const [row] = await db
        .select()
        .from(serviceFrameworks)
        .where(and(eq(serviceFrameworks.key, key), or(eq(serviceFrameworks.organisationId, organisationId), eq(serviceFrameworks.published, true))));
      if (!row) throw new NotFoundError('framework not found');
      return { key, version: row.version, framework: getFramework(key) };
    },

    /** Whether a service may use the framework: shipped, its own, or published for all. */
    async usableBy(organisationId: string, key: string): Promise<boolean> {
      if (frameworkIds().includes(key)) return true;
      const [row] = await db
        .select({ key: serviceFrameworks.key })
        .from(serviceFrameworks)
        .where(and(eq(serviceFrameworks.key, key), or(eq(serviceFrameworks.organisationId, organisationId), eq(serviceFrameworks.published, true))));
      return row !== undefined;
    },
  };
}

export type FrameworkService = ReturnType<typeof createFrameworkService>;
