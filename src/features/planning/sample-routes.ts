import type { Request, Response, Router } from 'express';
import { stratumVariableNames } from '../../domain/sampling/strata.js';
import { caseAttributeOptions } from '../cases/index.js';
import { ValidationError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { formErrors, type FormErrors, saveOrRedisplay, typedText } from '../../platform/web/forms.js';
import { formFieldsOf, sampleInputFrom, sampleValuesFrom, type SampleFormValues } from './sample-form.js';

type Params = { inspectionId: string };
const refShape = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$/;

export const strataLabels: Record<string, string> = {
  sex: 'Sex',
  disposal: 'Disposal type',
  ethnicity: 'Ethnicity group',
  disability: 'Disability',
  lookedAfter: 'Looked-after status',
  age: 'Age band',
  rosh: 'Risk of serious harm (RoSH)',
  swb: 'Safety and wellbeing (SWB)',
  localAuthority: 'Local authority',
};

/** The success message a page is sent back with; only ref- and number-shaped values are shown. */
function bannerOf(query: Request['query']): string | undefined {
  const word = (name: string, shape: RegExp) => {
    const value = query[name];
    return typeof value === 'string' && shape.test(value) ? value : undefined;
  };
  if (word('drawn', /^1$/)) return 'Sample drawn';
  const [removed, added] = [word('replaced', refShape), word('by', refShape)];
  if (removed && added) return `Case ${removed} removed as not eligible; reserve case ${added} added in its place`;
  return undefined;
}

export function registerSampleRoutes(router: Router, services: Services) {
  const base = (inspectionId: string) => `/inspections/${inspectionId}`;

  /** The sample-size page: a GET form, so the numbers can be bookmarked and changed freely. */
  router.get('/inspections/:inspectionId/sample-size', async (req: Request<Params>, res) => {
    const values = sampleValuesFrom(req.query);
    const { input, errors } = sampleInputFrom(values);
    const show = (view: object) =>
      res.render('planning/views/sample-size.njk', { values, activeNav: 'inspections', ...view });
    const summary = await services.planning.summary(req.actor!, req.params.inspectionId);
    if (Object.keys(errors).length > 0) {
      res.status(400);
      return show({ inspection: summary.inspection, errors: formErrors(errors) });
    }
    try {
      show(await services.planning.sampleSize(req.actor!, req.params.inspectionId, input));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(400);
      show({ inspection: summary.inspection, errors: formErrors(formFieldsOf(error.fields)) });
    }
  });

  async function renderSample(
    req: Request<Params>,
    res: Response,
    view: { values?: SampleFormValues; errors?: FormErrors; reason?: string; caseId?: string } = {},
  ) {
    const current = await services.planning.current(req.actor!, req.params.inspectionId);
    const options = current.draw?.options as
      | {
          confidence: number;
          margin: number;
          split: { kind: string; court?: number; outOfCourt?: number };
          strata: string[];
        }
      | undefined;
    const values =
      view.values ??
      (options
        ? sampleValuesFrom(
            {
              confidence: String(Math.round(options.confidence * 1e6) / 1e4),
              margin: String(Math.round(options.margin * 1e6) / 1e4),
              split: options.split.kind,
              court: options.split.kind === 'byHand' ? String(options.split.court) : '',
              outOfCourt: options.split.kind === 'byHand' ? String(options.split.outOfCourt) : '',
              strata: options.strata,
            },
            true,
          )
        : sampleValuesFrom({}));
    res.render('planning/views/sample.njk', {
      ...current,
      values,
      strataItems: stratumVariableNames.map((name) => ({
        value: name,
        text: strataLabels[name],
        checked: values.strata.includes(name),
      })),
      strataLabels,
      domainLabels: Object.fromEntries(current.framework.file.caseDomains.map((d) => [d.id, d.label])),
      valueLabels: {
        disposal: Object.fromEntries(current.framework.file.disposalTypes.map((d) => [d.id, d.label])),
        sex: caseAttributeOptions.sex,
        ethnicity: caseAttributeOptions.ethnicityGroup,
        disability: caseAttributeOptions.disability,
        lookedAfter: caseAttributeOptions.lookedAfter,
        rosh: caseAttributeOptions.rosh,
        swb: caseAttributeOptions.swb,
      },
      banner: view.errors ? undefined : bannerOf(req.query),
      errors: view.errors,
      reason: view.reason ?? '',
      caseId: view.caseId ?? '',
      activeNav: 'inspections',
    });
  }

  router.get('/inspections/:inspectionId/sample', (req: Request<Params>, res) => renderSample(req, res));

  router.post('/inspections/:inspectionId/sample/draw', async (req: Request<Params>, res) => {
    const body = req.body as Record<string, unknown>;
    const values = sampleValuesFrom(body, true);
    const { input, errors } = sampleInputFrom({ ...values, size: '' });
    await saveOrRedisplay(
      res,
      async () => {
        if (Object.keys(errors).length > 0) throw new ValidationError(errors);
        await services.planning.draw(req.actor!, req.params.inspectionId, input);
        return `${base(req.params.inspectionId)}/sample?drawn=1`;
      },
      (errors, error) => renderSample(req, res, { values, errors: formErrors(formFieldsOf(error.fields)) }),
    );
  });

  router.post('/inspections/:inspectionId/sample/use', async (req: Request<Params>, res) => {
    const { inspectionId } = req.params;
    await saveOrRedisplay(
      res,
      async () => {
        const { caseCount } = await services.planning.useSample(
          req.actor!,
          inspectionId,
          req.body as { drawId?: unknown },
        );
        return `${base(inspectionId)}/cases?imported=${caseCount}`;
      },
      (errors, error) => renderSample(req, res, { errors: formErrors(formFieldsOf(error.fields)) }),
    );
  });

  router.post('/inspections/:inspectionId/sample/replace', async (req: Request<Params>, res) => {
    const { inspectionId } = req.params;
    const body = req.body as Record<string, unknown>;
    const reason = typedText(body.reason);
    const caseId = typedText(body.caseId);
    await saveOrRedisplay(
      res,
      async () => {
        const done = await services.planning.replaceIneligible(req.actor!, inspectionId, { caseId, reason });
        return `${base(inspectionId)}/sample?replaced=${encodeURIComponent(done.removed)}&by=${encodeURIComponent(done.added)}#replace`;
      },
      (errors) => renderSample(req, res, { errors, reason, caseId }),
    );
  });
}
