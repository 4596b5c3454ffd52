import type { Request, Response, Router } from 'express';
import type { Services } from '../../platform/services.js';
import { maxProblemsShown, PopulationImportError, problemText } from './service/population.js';
import type { ColumnMapping, PopulationProblem } from '../../domain/sampling/mapped-population.js';
import { populationColumns } from '../../domain/sampling/population.js';
import { formErrors, type FormErrors, saveOrRedisplay, typedText } from '../../platform/web/forms.js';
import { csvFrom } from '../../platform/web/upload.js';

type Params = { inspectionId: string };

/** Each of our fields as the mapping page names it, and what it holds. */
const fieldHelp: Record<(typeof populationColumns)[number], [string, string]> = {
  ref: ['Case reference', 'Required. Pseudonymous, never a name'],
  domain: ['Kind of case', 'Required. Court, out of court or resettlement'],
  disposal: ['Disposal type', 'Such as Referral order, YRO or Youth caution'],
  startDate: ['Start date', 'When the sentence, licence or disposal began: checked against the case window'],
  sex: ['Sex', 'Male, female or unknown'],
  ethnicity: ['Ethnicity group', 'White, black, asian, mixed, other or unknown'],
  disability: ['Disability', 'Yes, no or unknown'],
  lookedAfter: ['Looked-after status', 'Yes, no or unknown'],
  age: ['Age', 'In whole years, 10 to 25'],
  rosh: ['Risk of serious harm (RoSH)', 'Low, medium, high or very high'],
  swb: ['Safety and wellbeing (SWB)', 'Low, medium, high or very high'],
  caseManager: ['Case manager', 'Who manages the case: for planning interviews'],
  localAuthority: ['Local authority', 'Where the child lives'],
};

/** The mapping chosen on the page: `map-<field>` holds a header, or "" for not imported. */
function mappingFrom(body: Record<string, unknown>): ColumnMapping {
  const mapping: ColumnMapping = {};
  for (const field of populationColumns) {
    const header = body[`map-${field}`];
    if (typeof header === 'string' && header !== '') mapping[field] = header;
  }
  return mapping;
}

function problemErrors(problems: PopulationProblem[]): FormErrors {
  const more = problems.length - maxProblemsShown;
  return {
    list: [
      {
        text: `The file has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}${more > 0 ? ` (the first ${maxProblemsShown} are listed)` : ''}: nothing was imported`,
        href: '#import-problems',
      },
    ],
    byField: {},
  };
}

export function registerPopulationRoutes(router: Router, services: Services) {
  const path = (inspectionId: string) => `/inspections/${inspectionId}/population`;

  async function renderUpload(
    req: Request<Params>,
    res: Response,
    view: { errors?: FormErrors; values?: object } = {},
  ) {
    const summary = await services.planning.summary(req.actor!, req.params.inspectionId);
    const count = req.query.imported;
    const imported = typeof count === 'string' && /^\d{1,6}$/.test(count) ? count : undefined;
    res.render('planning/views/population.njk', {
      ...summary,
      banner: !view.errors && imported ? `${imported} eligible cases imported` : undefined,
      errors: view.errors,
      values: view.values ?? {},
      activeNav: 'inspections',
    });
  }

  async function renderMapping(
    req: Request<Params>,
    res: Response,
    view: {
      csv: string;
      mapping: ColumnMapping;
      headers: string[];
      remembered: boolean;
      errors?: FormErrors;
      problems?: PopulationProblem[];
      replace?: boolean;
    },
  ) {
    const summary = await services.planning.summary(req.actor!, req.params.inspectionId);
    res.render('planning/views/mapping.njk', {
      ...summary,
      ...view,
      fields: populationColumns.map((field) => ({ field, label: fieldHelp[field][0], help: fieldHelp[field][1] })),
      problems: view.problems?.slice(0, maxProblemsShown).map((p) => ({ ...p, text: problemText(p) })),
      moreProblems: Math.max(0, (view.problems?.length ?? 0) - maxProblemsShown),
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/:inspectionId/population', (req: Request<Params>, res) => renderUpload(req, res));

  /** Step 1: the file; its headers go to the mapping step with the proposed mapping. */
  router.post('/inspections/:inspectionId/population', async (req: Request<Params>, res) => {
    const csv = csvFrom(req, res);
    const values = { csvText: (req.body as Record<string, unknown> | undefined)?.csvText };
    if (csv.text === undefined) {
      res.status(400);
      return renderUpload(req, res, { errors: formErrors({ [csv.field]: csv.error ?? 'Select a CSV file' }), values });
    }
    try {
      const proposal = await services.planning.mappingFor(req.actor!, req.params.inspectionId, csv.text);
      await renderMapping(req, res, { csv: csv.text, ...proposal });
    } catch (error) {
      if (!(error instanceof PopulationImportError)) throw error;
      res.status(400);
      await renderUpload(req, res, {
        errors: formErrors({ [csv.field]: error.problems.map(problemText).join('; ') }),
        values,
      });
    }
  });

  /** Step 2: the mapping; every row checked, and all stored or nothing. */
  router.post('/inspections/:inspectionId/population/import', async (req: Request<Params>, res) => {
    const { inspectionId } = req.params;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const csv = typedText(body.csvText);
    const mapping = mappingFrom(body);
    const replace = body.replace === 'yes';
    await saveOrRedisplay(
      res,
      async () => {
        const { imported } = await services.planning.importPopulation(req.actor!, inspectionId, {
          csv,
          mapping,
          replace,
        });
        return `${path(inspectionId)}?imported=${imported}`;
      },
      async (errors, error) => {
        const { headers } = await services.planning
          .mappingFor(req.actor!, inspectionId, csv)
          .catch(() => ({ headers: [] as string[] }));
        const problems = error instanceof PopulationImportError ? error.problems : undefined;
        const fields = Object.fromEntries(
          Object.entries(error.fields).map(([field, message]) => [field.replace(/^mapping\./, 'map-'), message]),
        );
        await renderMapping(req, res, {
          csv,
          mapping,
          headers,
          remembered: false,
          replace,
          problems,
          errors: problems ? problemErrors(problems) : formErrors(fields),
        });
      },
    );
  });
}
