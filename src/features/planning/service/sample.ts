import { randomInt } from 'node:crypto';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Database, Queryable } from '../../../platform/db/connect.js';
import { systemClock, type Clock } from '../../../platform/clock.js';
import { cases, users } from '../../../platform/db/core-tables.js';
import { populationCases, sampleDraws, sampleReplacements } from '../tables.js';
import { getFramework } from '../../../platform/framework-registry.js';
import { drawSample } from '../../../domain/sampling/draw.js';
import { compareMix } from '../../../domain/sampling/mix.js';
import { maxSeed } from '../../../domain/sampling/random.js';
import { sampleJson } from '../../../domain/sampling/report.js';
import {
  achievedMargin,
  defaultSizing,
  marginFormula,
  planSampleSize,
  SampleSizeError,
  sizeFormula,
  type Sizing,
} from '../../../domain/sampling/sample-size.js';
import { sizingWords } from '../../../domain/sampling/report.js';
import { defaultStrata, type StratumVariable } from '../../../domain/sampling/strata.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { NotFoundError, ValidationError } from '../../../platform/errors.js';
import { inspectionWith } from '../../../policy/policy.js';
import { asPopulationCase, populationOf } from './population.js';
import {
  drawSchema,
  parseInput,
  sampleSizeSchema,
  useSampleSchema,
  type DrawInput,
  type SampleSizeInput,
} from './schemas.js';
import { replaceIneligible } from './replace.js';
import { caseValuesOf, type DrawResult } from './case-values.js';
import { auditNewCases } from '../../cases/index.js';

const points = (margin: number | null) => (margin === null ? null : Math.round(margin * 10000) / 100);

async function populationCounts(db: Queryable, inspectionId: string) {
  const rows = await db
    .select({ domain: populationCases.domain, count: count() })
    .from(populationCases)
    .where(eq(populationCases.inspectionId, inspectionId))
    .groupBy(populationCases.domain);
  const of = (domain: string) => rows.find((r) => r.domain === domain)?.count ?? 0;
  const court = of('court');
  const outOfCourt = of('outOfCourt');
  return { court, outOfCourt, resettlement: of('resettlement'), total: court + outOfCourt };
}

/** The framework's sizing rule (its `sampling.sizing`), HMIP's court-first rule when it names none. */
function frameworkSizing(frameworkId: string): Sizing {
  return getFramework(frameworkId).file.sampling?.sizing ?? defaultSizing;
}

export function createSampleService(db: Database, clock: Clock = systemClock) {
  return {
    /** The sample needed, its split and the formula with the numbers put in; the margin a chosen size achieves. */
    async sampleSize(actor: Actor, inspectionId: string, input: SampleSizeInput) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'inspection.plan');
      const options = parseInput(sampleSizeSchema, input);
      const population = await populationCounts(db, inspectionId);
      const sizing = options.sizing ?? frameworkSizing(inspection.frameworkId);
      let planned;
      try {
        planned = planSampleSize(population, { ...options, sizing });
      } catch (error) {
        if (error instanceof SampleSizeError) throw new ValidationError({ split: error.message });
        throw error;
      }
      const { required, sizes } = planned;
      const total = sizes.court + sizes.outOfCourt;
      if (options.size !== undefined && options.size > population.total)
        throw new ValidationError({
          size: `The sample size must be ${population.total} or fewer: there are ${population.total} court and out-of-court cases`,
        });
      return {
        inspection,
        options,
        population,
        z: required.z,
        n0: required.n0,
        corrected: required.corrected,
        requiredSize: required.size,
        sizing,
        sizedOn: planned.sizedOn,
        sizingWords: sizingWords(planned),
        sampleSize: { ...sizes, total },
        formula: sizeFormula(required, planned.sizedOn.population, options.margin),
        marginOfError: points(achievedMargin(total, population.total, options.confidence)),
        marginFormula: marginFormula(total, population.total, options.confidence),
        chosen:
          options.size === undefined
            ? null
            : {
                size: options.size,
                marginOfError: points(achievedMargin(options.size, population.total, options.confidence)),
                formula: marginFormula(options.size, population.total, options.confidence),
              },
      };
    },

    /** Draws a stratified sample and records it with its seed; the same options and seed draw the same sample. */
    async draw(actor: Actor, inspectionId: string, input: DrawInput) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'inspection.plan');
      const parsed = parseInput(drawSchema, input);
      const options = { ...parsed, sizing: parsed.sizing ?? frameworkSizing(inspection.frameworkId) };
      const population = await populationOf(db, inspectionId);
      if (population.length === 0) throw new ValidationError({ population: 'Import the eligible population first' });
      const seed = options.seed ?? randomInt(0, maxSeed + 1);
      let result: DrawResult;
      try {
        result = sampleJson(drawSample(population, { ...options, seed }));
      } catch (error) {
        if (error instanceof SampleSizeError) throw new ValidationError({ split: error.message });
        throw error;
      }
      const stored = {
        confidence: options.confidence,
        margin: options.margin,
        split: options.split,
        sizing: options.sizing,
        strata: options.strata,
      };
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(sampleDraws)
          .values({ inspectionId, options: stored, seed, result, drawnBy: actor.id, drawnAt: clock.now() })
          .returning();
        await recordAudit(tx, actor, {
          action: 'sample.draw',
          subjectType: 'sampleDraw',
          subjectId: row!.id,
          inspectionId,
          after: { options: stored, seed, sample: result.sample, reserve: result.reserve },
        });
        return { id: row!.id, drawnAt: row!.drawnAt, ...result };
      });
    },

    /** The latest sample drawn, with the mix compared, the replacements made, and the population it came from. */
    async current(actor: Actor, inspectionId: string) {
      const inspection = await inspectionWith(db, actor, inspectionId, 'inspection.plan');
      const [draw] = await db
        .select({ row: sampleDraws, drawnByName: users.displayName })
        .from(sampleDraws)
        .leftJoin(users, eq(users.id, sampleDraws.drawnBy))
        .where(eq(sampleDraws.inspectionId, inspectionId))
        .orderBy(desc(sampleDraws.drawnAt))
        .limit(1);
      const framework = getFramework(inspection.frameworkId);
      const population = await populationOf(db, inspectionId);
      if (!draw) return { inspection, framework, populationCount: population.length, draw: null };
      const result = draw.row.result as DrawResult;
      const strata = (draw.row.options as { strata: StratumVariable[] }).strata;
      const sampled = new Set(result.sample);
      const sampledDomains = population.filter((c) => c.domain !== 'resettlement');
      const replacements = await db
        .select()
        .from(sampleReplacements)
        .where(eq(sampleReplacements.drawId, draw.row.id))
        .orderBy(asc(sampleReplacements.replacedAt));
      const caseRows = await db
        .select({ id: cases.id, ref: cases.ref, domain: cases.domain })
        .from(cases)
        .where(eq(cases.inspectionId, inspectionId))
        .orderBy(asc(cases.ref));
      return {
        inspection,
        framework,
        populationCount: population.length,
        draw: { ...draw.row, drawnByName: draw.drawnByName, result },
        mix: compareMix(
          sampledDomains,
          sampledDomains.filter((c) => sampled.has(c.ref)),
          strata.length > 0 ? strata : defaultStrata,
        ),
        replacements,
        cases: caseRows,
      };
    },

    /** Makes a drawn sample the inspection's cases: one transaction, each case audited. */
    async useSample(actor: Actor, inspectionId: string, input: { drawId?: unknown }) {
      await inspectionWith(db, actor, inspectionId, 'inspection.plan');
      const { drawId } = parseInput(useSampleSchema, input);
      return db.transaction(async (tx) => {
        const [draw] = await tx
          .select()
          .from(sampleDraws)
          .where(and(eq(sampleDraws.id, drawId), eq(sampleDraws.inspectionId, inspectionId)));
        if (!draw) throw new NotFoundError('sample not found');
        if (draw.usedAt) throw new ValidationError({ drawId: 'This sample is already the inspection’s cases' });
        const [existing] = await tx.select({ n: count() }).from(cases).where(eq(cases.inspectionId, inspectionId));
        if (existing!.n > 0)
          throw new ValidationError({
            drawId: `The inspection already has ${existing!.n} ${existing!.n === 1 ? 'case' : 'cases'}: a sample can become its cases only while it has none`,
          });
        const result = draw.result as DrawResult;
        const refs = [...result.sample, ...result.resettlement];
        const created = [];
        for (let i = 0; i < refs.length; i += 500) {
          const rows = await tx
            .select()
            .from(populationCases)
            .where(
              and(eq(populationCases.inspectionId, inspectionId), inArray(populationCases.ref, refs.slice(i, i + 500))),
            );
          if (rows.length === 0) continue;
          created.push(
            ...(await tx
              .insert(cases)
              .values(rows.map((row) => ({ inspectionId, ...caseValuesOf(asPopulationCase(row)) })))
              .returning()),
          );
        }
        await tx.update(sampleDraws).set({ usedAt: clock.now() }).where(eq(sampleDraws.id, drawId));
        await recordAudit(tx, actor, {
          action: 'sample.use',
          subjectType: 'sampleDraw',
          subjectId: drawId,
          inspectionId,
          after: { cases: created.map((c) => c.ref), seed: draw.seed },
        });
        await auditNewCases(tx, actor, inspectionId, created, 'case.create');
        return { caseCount: created.length };
      });
    },

    replaceIneligible: (actor: Actor, inspectionId: string, input: unknown) =>
      replaceIneligible(db, actor, inspectionId, input),
  };
}
