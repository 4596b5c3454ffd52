import type { Request, Response, Router } from 'express';
import { getFramework } from '../../platform/framework-registry.js';
import { CaseImportError, caseCsvColumnHelp, maxProblemsShown, type ImportProblem } from './case-import.js';

import type { Services } from '../../platform/services.js';
import { t } from '../../platform/i18n/index.js';
import { formErrors, type FormErrors, saveOrRedisplay } from '../../platform/web/forms.js';
import { caseImportUpload } from './upload.js';
import { csvFrom } from '../../platform/web/upload.js';

type CsvField = 'csvFile' | 'csvText';

/** A problem as problemText writes it, in the page's language. */
const shownProblem = (p: ImportProblem) =>
  p.column
    ? t('Line {{line}}: {{column}}: {{message}}', { line: p.line, column: p.column, message: t(p.message) })
    : t('Line {{line}}: {{message}}', { line: p.line, message: t(p.message) });

/** Every problem in the summary, linked to the box the CSV came from; the field says nothing was stored. */
function importErrors(field: CsvField, problems: ImportProblem[]): FormErrors {
  const more = problems.length - maxProblemsShown;
  return {
    // In the page's language: each problem's message translated where the catalogue holds it.
    list: problems.slice(0, maxProblemsShown).map((p) => ({ text: shownProblem(p), href: `#${field}` })),
    byField: {
      [field]: {
        // Whole sentences, so that the catalogue holds each with its values.
        text: t(
          problems.length === 1
            ? 'The CSV has a problem: no cases were imported'
            : more > 0
              ? `The CSV has ${problems.length} problems (the first ${maxProblemsShown} are listed): no cases were imported`
              : `The CSV has ${problems.length} problems: no cases were imported`,
        ),
      },
    },
  };
}

export function registerCaseImportRoutes(router: Router, services: Services) {
  async function renderImport(
    req: Request,
    res: Response,
    inspectionId: string,
    form: { values?: Record<string, unknown>; errors?: FormErrors; problems?: ImportProblem[] } = {},
  ) {
    const inspection = await services.inspections.get(req.actor!, inspectionId, 'case.edit');
    const framework = getFramework(inspection.frameworkId);
    const [first, second] = framework.file.caseDomains;
    const disposalOf = (domain?: string) => framework.file.disposalTypes.find((d) => d.caseDomain === domain)?.id ?? '';
    res.render('cases/views/import.njk', {
      inspection,
      columns: caseCsvColumnHelp(framework),
      example: [
        'ref,domain,disposal,sex,ageBand,rosh,swb,childSafetyFactors,caseManagerInterviewed',
        `C-0412,${first?.id},${disposalOf(first?.id)},male,15-17,medium,high,yes,yes`,
        `C-0419,${second?.id ?? first?.id},${disposalOf(second?.id ?? first?.id)},female,10-14,low,low,,no`,
      ].join('\n'),
      values: form.values ?? {},
      errors: form.errors,
      problems: form.problems?.slice(0, maxProblemsShown),
      moreProblems: Math.max(0, (form.problems?.length ?? 0) - maxProblemsShown),
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/:inspectionId/cases/import', async (req, res) => {
    await renderImport(req, res, req.params.inspectionId);
  });

  // The app reads the upload before its CSRF check; here it is a no-op unless that did not happen.
  router.post(
    '/inspections/:inspectionId/cases/import',
    caseImportUpload,
    async (req: Request<{ inspectionId: string }>, res) => {
      const { inspectionId } = req.params;
      const values = { csvText: (req.body as Record<string, unknown> | undefined)?.csvText };
      const csv = csvFrom(req, res);
      if (csv.text === undefined) {
        res.status(400);
        return renderImport(req, res, inspectionId, {
          values,
          errors: formErrors({ [csv.field]: csv.error ?? 'Select a CSV file' }),
        });
      }
      await saveOrRedisplay(
        res,
        async () => {
          const created = await services.cases.importCsv(req.actor!, inspectionId, csv.text!);
          return `/inspections/${inspectionId}/cases?imported=${created.length}`;
        },
        async (errors, error) => {
          const problems = error instanceof CaseImportError ? error.problems : undefined;
          await renderImport(req, res, inspectionId, {
            values,
            problems,
            errors: problems ? importErrors(csv.field, problems) : errors,
          });
        },
      );
    },
  );
}
