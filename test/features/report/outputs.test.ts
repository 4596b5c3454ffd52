import ExcelJS from 'exceljs';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answers, auditEvents, cases } from '../../../src/platform/db/core-tables.js';
import { ForbiddenError, ValidationError } from '../../../src/platform/errors.js';
import { hackneySeed, percentOf } from '../../domain/report/fixture.js';
import { atStage } from '../../support/stages.js';
import { openReportWorld, type ReportWorld } from './world.js';

let r: ReportWorld;

beforeAll(async () => {
  r = await openReportWorld();
}, 120_000);
afterAll(async () => {
  await r.world.close();
});

async function sheetsOf(buffer: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows = (name: string) => {
    const sheet = workbook.getWorksheet(name);
    expect(sheet, `sheet ${name}`).toBeDefined();
    const all: unknown[][] = [];
    sheet!.eachRow((row) => all.push((row.values as unknown[]).slice(1)));
    return all;
  };
  return { names: workbook.worksheets.map((w) => w.name), rows };
}

describe('the data annexe', () => {
  it('holds the same ratings and key-question figures as the ratings service, readable with any spreadsheet reader', async () => {
    const { body } = await r.world.services.report.download(r.lead, r.inspectionId, 'xlsx');
    const rating = await r.world.services.ratings.ratings(r.lead, r.inspectionId);
    const { names, rows } = await sheetsOf(body);
    expect(names).toEqual(['Ratings', 'Key questions', 'Discretion', 'Sample', 'Diversity']);
    const ratings = rows('Ratings');
    expect(ratings[1]).toEqual(['Overall', rating.service, '', '', rating.overall]);
    expect(ratings[2]![4]).toBe(rating.score);
    for (const standard of rating.standards)
      expect(ratings.find((row) => row[0] === standard.id)?.[4], standard.id).toBe(standard.rating);
    const keyQuestions = rows('Key questions');
    expect(keyQuestions[0]).toEqual([
      'Standard',
      'Key question',
      'Text',
      'Relevant cases',
      "Number 'Yes'",
      "% 'Yes'",
      'Band',
      'Band rating',
      'Limiting',
    ]);
    const expected = rating.standards
      .filter((s) => s.assessment === 'caseBased')
      .flatMap((s) =>
        s.keyQuestions.map((kq) => [
          s.id,
          kq.id,
          kq.text,
          kq.relevant,
          kq.yes,
          kq.percent,
          kq.band,
          kq.rating,
          kq.limiting,
        ]),
      );
    expect(keyQuestions.slice(1)).toEqual(expected);
    // And the seed report's published percentages, key question by key question.
    for (const [standardId, figures] of Object.entries(hackneySeed.keyQuestions))
      expect(
        keyQuestions.filter((row) => row[0] === standardId).map((row) => row[5]),
        standardId,
      ).toEqual(figures.map((f) => ('percent' in f ? f.percent : null)));
    const discretion = rows('Discretion');
    expect(discretion.find((row) => row[0] === '3.3')?.slice(3, 6)).toEqual([true, 'Good', 'Outstanding']);
  });

  it('holds the sample facts and the diversity of the cases inspected, as the report prints them', async () => {
    const { body } = await r.world.services.report.download(r.inspector, r.inspectionId, 'xlsx');
    const { names, rows } = await sheetsOf(body);
    expect(names).toEqual(expect.arrayContaining(['Sample', 'Diversity']));
    const { model } = await r.world.services.report.report(r.inspector, r.inspectionId);
    const sample = rows('Sample');
    expect(sample[0]).toEqual(['Fact', 'Kind of case', 'Value']);
    for (const domain of model.facts.domains) {
      expect(sample).toContainEqual(['Cases inspected', domain.label, domain.cases]);
      for (const disposal of domain.disposals)
        expect(sample).toContainEqual([`Cases inspected: ${disposal.label}`, domain.label, disposal.count]);
    }
    expect(sample).toContainEqual(['Interviews with case managers', '', model.facts.caseManagerInterviews]);
    const diversity = rows('Diversity');
    const tallied = model.facts.domains.flatMap((d) => d.diversity.sex.map((t) => [d.label, 'Sex', t.label, t.count]));
    expect(tallied.length).toBeGreaterThan(0);
    for (const row of tallied) expect(diversity).toContainEqual(row);
  });

  it('adds the prompt sheet when the report shows prompt tables, and writes the key questions as CSV', async () => {
    await r.world.services.report.saveProse(r.inspector, r.inspectionId, {
      keyQuestionFormat: 'counts',
      showPromptTables: true,
    });
    const { body } = await r.world.services.report.download(r.inspector, r.inspectionId, 'xlsx');
    const { names, rows } = await sheetsOf(body);
    expect(names).toContain('Prompts');
    expect(rows('Prompts').length).toBeGreaterThan(20);
    expect(rows('Prompts')[0]?.slice(0, 3)).toEqual(['Standard', 'Key question', 'Sub-sample']);
    const csv = (await r.world.services.report.download(r.inspector, r.inspectionId, 'csv')).body.toString('utf8');
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe("Standard,Key question,Text,Relevant cases,Number 'Yes',% 'Yes',Band,Band rating,Limiting");
    expect(lines.filter((l) => l.startsWith('2.2,2.2.2,'))[0]).toMatch(/,53,Too few,Requires improvement,true$/);
    const html = (await r.world.services.report.download(r.inspector, r.inspectionId, 'html')).body.toString('utf8');
    expect(html).toContain('Relevant cases');
    await r.world.services.report.saveProse(r.inspector, r.inspectionId, {
      keyQuestionFormat: 'percentages',
      showPromptTables: false,
    });
  });

  it('records every download on the audit trail', async () => {
    const before = await r.world.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'report.download'));
    await r.world.services.report.download(r.inspector, r.inspectionId, 'csv');
    const after = await r.world.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'report.download'));
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({
      userId: r.inspector.id,
      inspectionId: r.inspectionId,
      after: { format: 'csv', status: 'draft' },
    });
  });
});

describe('publishing', () => {
  it('is for the lead inspector only', async () => {
    await expect(r.world.services.report.publish(r.inspector, r.inspectionId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(r.world.services.report.publish(r.boardMember, r.inspectionId)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('freezes the figures and text: a later answer change makes a new draft, the published version stays', async () => {
    const published = await r.world.services.report.publish(r.lead, r.inspectionId);
    expect(published.versionNumber).toBe(1);
    const now = await r.world.services.report.report(r.lead, r.inspectionId);
    expect(now.state).toMatchObject({ status: 'published', versionNumber: 1 });
    // Once published, the inspection is past the stage of publishing.
    await expect(r.world.services.report.publish(r.lead, r.inspectionId)).rejects.toBeInstanceOf(ForbiddenError);
    await atStage(r.world, r.inspectionId, 'factualAccuracy');
    await expect(r.world.services.report.publish(r.lead, r.inspectionId)).rejects.toBeInstanceOf(ValidationError);
    await atStage(r.world, r.inspectionId, 'published');

    // An inspector changes court cases' answers to 2.1.1 from yes to no after publication.
    const db = r.world.database.db;
    const courtCases = await db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.inspectionId, r.inspectionId), eq(cases.domain, 'court')));
    await db
      .update(answers)
      .set({ answer: 'no' })
      .where(
        and(
          inArray(
            answers.caseId,
            courtCases.map((c) => c.id),
          ),
          eq(answers.questionId, '2.1.1'),
        ),
      );

    const draft = await r.world.services.report.report(r.lead, r.inspectionId);
    expect(draft.state).toMatchObject({ status: 'draft', versionNumber: 2 });
    const kq = (model: typeof draft.model) => model.domains[1]!.standards[0]!.keyQuestions[0]!.percent;
    expect(kq(draft.model)).toBe(0);
    const first = await r.world.services.report.report(r.boardMember, r.inspectionId, 1);
    expect(first.state.status).toBe('published');
    expect(kq(first.model)).toBe(percentOf(hackneySeed.keyQuestions['2.1']![0]!));
    expect(first.model.ratingsBox.score).toBe(hackneySeed.score);
    const { body } = await r.world.services.report.download(r.boardMember, r.inspectionId, 'csv', 1);
    expect(body.toString('utf8')).toContain(
      `2.1,2.1.1,Does assessment sufficiently analyse how to support the child's desistance?,`,
    );
    expect(body.toString('utf8').split('\r\n')[1]).toMatch(/,76,Reasonable majority,Good,false$/);

    // Nothing changes once published: a correction reopens factual accuracy first.
    await expect(r.world.services.report.publish(r.lead, r.inspectionId)).rejects.toBeInstanceOf(ForbiddenError);
    await atStage(r.world, r.inspectionId, 'factualAccuracy');
    const second = await r.world.services.report.publish(r.lead, r.inspectionId);
    expect(second.versionNumber).toBe(2);
    const { versions } = await r.world.services.report.versions(r.boardMember, r.inspectionId);
    expect(versions.map((v) => v.versionNumber)).toEqual([2, 1]);
  });
});
