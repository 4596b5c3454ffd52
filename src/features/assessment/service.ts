import { fieldErrors } from '../../platform/field-errors.js';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../platform/db/connect.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { cases, users } from '../../platform/db/core-tables.js';
import { answerProblem } from '../../domain/findings/check.js';
import type { Framework, KeyQuestion, Standard } from '../../domain/framework/model.js';
import { getFramework } from '../../platform/framework-registry.js';
import { exclusionReason } from '../../domain/rating/applicability.js';
import type { AssessedCase } from '../../domain/rating/types.js';
import type { Actor } from '../../platform/audit.js';
import {
  assessedCaseOf,
  factorFields,
  storedAnswersByCase,
  type CaseRow,
  type CaseService,
  type StoredAnswer,
} from '../cases/index.js';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  UnauthorizedError,
  ValidationError,
} from '../../platform/errors.js';
import { demand, rolesOf, type Permission } from '../../policy/policy.js';
import { isUuid } from '../../policy/access.js';
import { saveStatement, type SaveCondition, type ValidatedAgainst } from './save-statement.js';
import { credentialHolds } from '../accounts/index.js';
import { formAnswers, type CaseQuestion } from './standard-form.js';

export const saveAnswersSchema = z.object({
  answers: z.record(z.string(), z.enum(['yes', 'no', 'n/a'], { error: 'Select yes, no or not applicable' })),
  evidence: z.record(z.string(), z.string().max(10_000, 'Evidence must be 10,000 characters or fewer')).default({}),
  expectedVersion: z.int().positive().optional(),
});
export type SaveAnswers = z.input<typeof saveAnswersSchema>;

export type { StoredAnswer } from '../cases/index.js';

export type { CaseQuestion } from './standard-form.js';

export type StandardStatus = 'notStarted' | 'inProgress' | 'completed' | 'notApplicable';

/** A key question page's questions: its prompts, then the key question itself (the overall judgement). */
export function caseQuestions(keyQuestion: KeyQuestion, assessedCase: AssessedCase): CaseQuestion[] {
  // A prompt cannot apply where its key question does not.
  const keyQuestionReason = keyQuestion.appliesTo ? exclusionReason(keyQuestion.appliesTo, assessedCase) : null;
  return [
    ...keyQuestion.prompts.map((prompt) => ({
      id: prompt.id,
      text: prompt.text,
      kind: 'prompt' as const,
      notApplicableBecause: keyQuestionReason ?? exclusionReason(prompt.appliesTo, assessedCase),
    })),
    { id: keyQuestion.id, text: keyQuestion.text, kind: 'keyQuestion', notApplicableBecause: keyQuestionReason },
  ];
}

const applies = (keyQuestion: KeyQuestion, assessedCase: AssessedCase) =>
  !keyQuestion.appliesTo || exclusionReason(keyQuestion.appliesTo, assessedCase) === null;

/** The case-based standards a case is assessed against: those of its kind of case. */
export const standardsOfCase = (framework: Framework, row: CaseRow) =>
  framework.standards.filter((s) => s.assessment === 'caseBased' && s.caseDomain === row.domain);

/** The standard's key questions for this case, each with its questions, and how far they are answered. */
function standardForCase(standard: Standard, assessedCase: AssessedCase, stored: Record<string, StoredAnswer>) {
  const keyQuestions = standard.keyQuestions.map((keyQuestion) => ({
    keyQuestion,
    applies: applies(keyQuestion, assessedCase),
    questions: caseQuestions(keyQuestion, assessedCase),
  }));
  const expected = keyQuestions.filter((k) => k.applies);
  const answered = expected.filter((k) => stored[k.keyQuestion.id] !== undefined).length;
  const status: StandardStatus =
    expected.length === 0
      ? 'notApplicable'
      : answered === 0
        ? 'notStarted'
        : answered === expected.length
          ? 'completed'
          : 'inProgress';
  // Where the inspector starts: the first key question that may apply (or the first, to say why none does).
  const first = expected[0]?.keyQuestion ?? standard.keyQuestions[0]!;
  return { standard, keyQuestions, expected: expected.length, answered, status, firstKeyQuestionId: first.id };
}

export interface KeyQuestionAnswers {
  /** Posted answers by question id; '' or absent means not answered. */
  answers: Record<string, string>;
  evidence: Record<string, string>;
  expectedVersion: number | undefined;
}

/** A rule of another feature that the save applies in its own statement (moderation's blind rule). */
export interface SaveGuard {
  /** When it holds, the statement writes nothing and `hides` is asked. */
  sql: SaveCondition;
  /** Whether the save is refused after all (ForbiddenError with `message`); if not, it is made without the guard. */
  hides(actor: Actor, caseId: string): Promise<boolean>;
  message: string;
}

export function createAssessmentService(
  db: Database,
  caseService: CaseService,
  options: { saveGuard?: SaveGuard; clock?: Clock } = {},
) {
  const clock = options.clock ?? systemClock;
  async function answersOf(caseId: string): Promise<Record<string, StoredAnswer>> {
    return (await storedAnswersByCase(db, [caseId])).get(caseId)!;
  }

  /** A case with its answers and evidence, and its version for the next save. */
  async function get(actor: Actor, inspectionId: string, caseId: string, permission: Permission = 'case.view') {
    const { inspection, row } = await caseService.caseFor(actor, inspectionId, caseId, permission);
    return {
      inspection,
      framework: getFramework(inspection.frameworkId),
      case: row,
      answers: await answersOf(caseId),
    };
  }

  /** One standard of the case; NotFoundError unless it is a case-based standard of the case's kind. */
  async function standardOfCase(
    actor: Actor,
    inspectionId: string,
    caseId: string,
    standardId: string,
    permission: Permission = 'case.view',
  ) {
    const found = await get(actor, inspectionId, caseId, permission);
    const standard = standardsOfCase(found.framework, found.case).find((s) => s.id === standardId);
    if (!standard) throw new NotFoundError('standard not found');
    return { ...found, ...standardForCase(standard, assessedCaseOf(found.case, {}), found.answers) };
  }

  async function keyQuestionOfCase(
    actor: Actor,
    inspectionId: string,
    caseId: string,
    standardId: string,
    keyQuestionId: string,
    permission: Permission = 'case.view',
  ) {
    const found = await standardOfCase(actor, inspectionId, caseId, standardId, permission);
    const index = found.keyQuestions.findIndex((k) => k.keyQuestion.id === keyQuestionId);
    if (index < 0) throw new NotFoundError('key question not found');
    const { keyQuestion, applies, questions } = found.keyQuestions[index]!;
    // Save and continue skips key questions that cannot apply to the case; null: the standard is done.
    const next = found.keyQuestions.slice(index + 1).find((k) => k.applies)?.keyQuestion.id ?? null;
    return { ...found, keyQuestion, applies, questions, position: index + 1, next };
  }

  const ended = 'Your sign-in has ended, or the token was revoked or may not write: nothing was saved';
  const revoked = 'The bearer token is not valid: it is unknown or was revoked. Nothing was saved';

  // What the last save of each case found, to validate the next one without reading first; the save's own
  // statement refuses to write if the case has changed since (and then its validation is redone).
  const validatedCases = new Map<string, ValidatedAgainst>();
  const remember = (caseId: string, seen: ValidatedAgainst) => {
    validatedCases.delete(caseId);
    validatedCases.set(caseId, seen);
    if (validatedCases.size > 2_000) validatedCases.delete(validatedCases.keys().next().value!);
  };

  function problemsOf(input: SaveAnswers, seen: ValidatedAgainst) {
    const parsed = saveAnswersSchema.safeParse(input);
    if (!parsed.success) return { problems: fieldErrors(parsed.error.issues) };
    const { answers: given, evidence } = parsed.data;
    const framework = getFramework(seen.frameworkId);
    const problems: Record<string, string> = {};
    for (const [questionId, answer] of Object.entries(given)) {
      const problem = answerProblem(framework, caseFactorsOf(seen), questionId, answer);
      if (problem) problems[`answers.${questionId}`] = problem;
    }
    for (const questionId of Object.keys(evidence))
      if (!(questionId in given))
        problems[`evidence.${questionId}`] = `Evidence for ${questionId} needs an answer to ${questionId}`;
    return Object.keys(problems).length > 0 ? { problems } : { problems: null, data: parsed.data };
  }

  /** Reads the case through the access policy: 404 or 403 before anything else, and what to validate against. */
  async function readForSave(actor: Actor, inspectionId: string, caseId: string): Promise<ValidatedAgainst> {
    const { inspection, row } = await caseService.caseFor(actor, inspectionId, caseId, 'case.assess');
    const seen = { frameworkId: inspection.frameworkId } as Record<string, unknown>;
    for (const field of validatedFields) if (field !== 'frameworkId') seen[field] = row[field];
    return seen as ValidatedAgainst;
  }

  /**
   * Saves answers and evidence to a case's key questions and prompts, in one statement (saveStatement): the
   * credential, access, case and version checks, the upsert and the audit event. With an expectedVersion that
   * is no longer current, nothing is written and a ConflictError carries what is stored now.
   */
  async function save(actor: Actor, inspectionId: string, caseId: string, input: SaveAnswers) {
    if (!isUuid(inspectionId) || !isUuid(caseId)) throw new NotFoundError('case not found');
    // A token authentication took from memory is checked by the statement; anything read before it, first.
    const credentialFirst = async () => {
      if (actor.credential?.remembered && !(await credentialHolds(db, actor, clock.now())))
        throw new UnauthorizedError(revoked);
    };
    let seen = validatedCases.get(caseId);
    if (!seen) {
      await credentialFirst();
      seen = await readForSave(actor, inspectionId, caseId);
    }
    let guard = options.saveGuard?.sql;
    for (let attempt = 0; ; attempt++) {
      const checked = problemsOf(input, seen);
      if (checked.problems) {
        // Access first: someone who may not assess learns nothing from the validation of what they sent.
        await credentialFirst();
        const fresh = await readForSave(actor, inspectionId, caseId);
        throw new ValidationError(problemsOf(input, fresh).problems ?? checked.problems);
      }
      const { answers: given, evidence, expectedVersion } = checked.data;
      const rows = Object.keys(given).map((questionId) => ({
        question_id: questionId,
        answer: given[questionId]!,
        evidence: evidence[questionId] ?? '',
      }));
      const outcome = await saveStatement(
        db,
        actor,
        { inspectionId, caseId, expectedVersion, at: clock.now() },
        seen,
        rows,
        guard,
      );
      // A token taken from memory that no longer holds: as if authentication had found it revoked (401).
      if (!outcome.live)
        throw actor.credential?.remembered ? new UnauthorizedError(revoked) : new ForbiddenError(ended);
      if (!outcome.found) throw new NotFoundError('case not found');
      if (outcome.guarded) {
        if (await options.saveGuard!.hides(actor, caseId)) throw new ForbiddenError(options.saveGuard!.message);
        guard = undefined;
        continue;
      }
      const { roles, version: _version, stage, ...found } = outcome.found;
      demand(rolesOf(actor, roles), 'case.assess', 'case not found', stage);
      remember(caseId, found);
      if (outcome.savedVersion !== null) return { version: outcome.savedVersion };
      if (!sameCase(found, seen) && attempt < 2) {
        // The case changed since validation: validate again against it as it is now.
        seen = found;
        continue;
      }
      if (expectedVersion === undefined) throw new Error('the save wrote nothing, although no version was expected');
      const current = await currentVersion(db, caseId);
      throw new ConflictError(
        `Someone else saved this case (now version ${current}) after you opened it (version ${expectedVersion}). Nothing you entered was saved.`,
        { version: current, answers: await answersOf(caseId) },
      );
    }
  }

  return {
    get,

    /** The case's page: the case, who it is allocated to, and its standards with their progress. */
    async overview(actor: Actor, inspectionId: string, caseId: string) {
      const found = await get(actor, inspectionId, caseId);
      const [allocated] = found.case.allocatedTo
        ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, found.case.allocatedTo))
        : [];
      const assessedCase = assessedCaseOf(found.case, {});
      return {
        ...found,
        allocatedName: allocated?.name ?? null,
        standards: standardsOfCase(found.framework, found.case).map((s) =>
          standardForCase(s, assessedCase, found.answers),
        ),
      };
    },

    standard: standardOfCase,
    keyQuestion: keyQuestionOfCase,

    /**
     * Saves one key question page: the key question's own answer is required where it may apply, prompts
     * are optional, and evidence needs an answer beside it. Only this key question's questions are taken.
     */
    async saveKeyQuestion(
      actor: Actor,
      inspectionId: string,
      caseId: string,
      standardId: string,
      keyQuestionId: string,
      input: KeyQuestionAnswers,
    ) {
      const page = await keyQuestionOfCase(actor, inspectionId, caseId, standardId, keyQuestionId, 'case.assess');
      const { given, evidence, problems } = formAnswers(page.questions, input, true);
      if (input.expectedVersion === undefined)
        problems.version = 'The page was incomplete: reload it and enter your answers again';
      if (Object.keys(problems).length > 0) throw new ValidationError(problems);
      // A key question that cannot apply has nothing to save; the case's version stays as it is.
      if (Object.keys(given).length === 0) return { version: page.case.version, next: page.next };
      const { version } = await save(actor, inspectionId, caseId, {
        answers: given,
        evidence,
        expectedVersion: input.expectedVersion,
      });
      return { version, next: page.next };
    },

    save,
  };
}

async function currentVersion(tx: Pick<Database, 'select'>, caseId: string): Promise<number> {
  const [row] = await tx.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
  return row!.version;
}

export type AssessmentService = ReturnType<typeof createAssessmentService>;

const validatedFields = [
  'frameworkId',
  'domain',
  'disposal',
  ...factorFields.map((f) => f.field),
  'swb',
  'rosh',
] as const satisfies readonly (keyof ValidatedAgainst)[];

const sameCase = (a: ValidatedAgainst, b: ValidatedAgainst) => validatedFields.every((field) => a[field] === b[field]);

/** The case as the rules that check an answer see it. */
const caseFactorsOf = (seen: ValidatedAgainst) => assessedCaseOf({ ref: '', ...seen }, {});
