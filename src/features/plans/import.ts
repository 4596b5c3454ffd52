import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import {
  importFields,
  guessMapping,
  type ColumnMapping,
  type ImportProblem,
  type ImportTable,
} from '../../domain/plans/table-import.js';
import { ForbiddenError, ValidationError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { whoMay } from '../../policy/policy.js';
import { PlanImportError, readTable } from './service/transfer.js';
import { formErrors, type FormErrors, saveOrRedisplay, typedText } from '../../platform/web/forms.js';
import { uploadError } from '../../platform/web/upload.js';
import { dateFrom, partsOf, type Body } from './form-values.js';
import { planLabels, planPath } from './helpers.js';
import { t } from '../../platform/i18n/index.js';

type PlanParams = { planId: string };

/** The table carried from the upload to the mapping step, checked again when it comes back. */
const tableSchema = z.object({
  headers: z.array(z.string()).max(100),
  rows: z.array(z.object({ line: z.int(), cells: z.array(z.string()).max(100) })).max(5_000),
});

/** "Line 3: Target date "soon" is not a date (Target date)", in the page's language. */
function problemText(p: ImportProblem): string {
  const field = importFields.find((f) => f.field === p.field);
  const message = t(p.message);
  return field
    ? t('Line {{line}}: {{message}} ({{field}})', { line: p.line, message, field: t(field.label) })
    : t('Line {{line}}: {{message}}', { line: p.line, message });
}

/** Import a plan from CSV or XLSX: upload, map columns to fields, then all or nothing with errors by line. */
export function registerPlanImportRoutes(router: Router, services: Services) {
  /** Importing writes the plan: the upload and mapping steps need the right to edit it, like the import itself. */
  async function editablePlan(req: Request<PlanParams>) {
    const found = await services.plans.plans.plan(req.actor!, req.params.planId);
    if (!found.can.edit) throw new ForbiddenError(whoMay('plan.edit'));
    return found;
  }

  async function renderUpload(req: Request<PlanParams>, res: Response, asAt: unknown, errors?: FormErrors) {
    const found = await editablePlan(req);
    res.render('plans/views/import.njk', { ...planLabels, ...found, asAtParts: asAt ?? partsOf(found.today), errors });
  }

  async function renderMapping(
    req: Request<PlanParams>,
    res: Response,
    model: {
      table: ImportTable;
      mapping: ColumnMapping;
      asAt: string;
      problems?: ImportProblem[];
      errors?: FormErrors;
    },
  ) {
    const found = await editablePlan(req);
    res.render('plans/views/import-mapping.njk', {
      ...planLabels,
      ...found,
      ...model,
      tableJson: JSON.stringify(model.table),
      fields: importFields.map((f) => ({
        ...f,
        items: [
          {
            value: '',
            text: f.required ? t('Choose a column') : t('Not in the file'),
            selected: model.mapping[f.field] === undefined,
          },
          ...model.table.headers.map((h, i) => ({
            value: String(i),
            text: h || t('Column {{n}}', { n: i + 1 }),
            selected: model.mapping[f.field] === i,
          })),
        ],
      })),
      preview: model.table.rows.slice(0, 5),
      problemList: model.problems?.slice(0, 50).map(problemText),
      moreProblems: Math.max(0, (model.problems?.length ?? 0) - 50),
    });
  }

  router.get('/plans/:planId/import', (req, res) => renderUpload(req, res, undefined));

  router.post('/plans/:planId/import', async (req: Request<PlanParams>, res) => {
    const asAt = dateFrom(req.body as Body, 'asAt');
    const refused = uploadError(res);
    const file = req.file && req.file.size > 0 ? req.file : undefined;
    const fail = (fields: Record<string, string>) => {
      res.status(400);
      return renderUpload(req, res, asAt.parts, formErrors(fields));
    };
    if (refused) return fail({ file: refused });
    if (!file) return fail({ file: 'Select a CSV or XLSX file' });
    try {
      const table = await readTable({ name: file.originalname, bytes: file.buffer });
      return renderMapping(req, res, { table, mapping: guessMapping(table.headers), asAt: asAt.value });
    } catch (error) {
      if (error instanceof ValidationError) return fail(error.fields);
      throw error;
    }
  });

  router.post('/plans/:planId/import/confirm', async (req: Request<PlanParams>, res) => {
    const body = req.body as Body;
    let table: ImportTable;
    try {
      table = tableSchema.parse(JSON.parse(typedText(body.table)));
    } catch {
      res.status(400);
      return renderUpload(req, res, undefined, formErrors({ file: 'The upload was lost: select the file again' }));
    }
    const mapping: ColumnMapping = {};
    for (const { field } of importFields) {
      const value = typedText((body.mapping as Body | undefined)?.[field]);
      if (/^\d+$/.test(value) && Number(value) < table.headers.length) mapping[field] = Number(value);
    }
    const asAt = typedText(body.asAt);
    await saveOrRedisplay(
      res,
      async () => {
        const count = await services.plans.transfer.importTable(req.actor!, req.params.planId, table, mapping, asAt);
        return `${planPath(req.params.planId)}?imported=${count}`;
      },
      async (fieldErrors, error) => {
        const problems = error instanceof PlanImportError ? error.problems : undefined;
        const errors: FormErrors = problems
          ? {
              list: problems.slice(0, 50).map((p) => ({
                text: problemText(p),
                href: importFields.some((f) => f.field === p.field) ? `#mapping-${p.field}` : '#import-problems',
              })),
              byField: {},
            }
          : fieldErrors;
        return renderMapping(req, res, { table, mapping, asAt, problems, errors });
      },
    );
  });
}
