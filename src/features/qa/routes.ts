import type { Request, Response, Router } from 'express';
import { createHash } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import { frameworkIds, getFramework } from '../../platform/framework-registry.js';
import { ValidationError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { formErrors, formText, saveOrRedisplay } from '../../platform/web/forms.js';
import { caseSelections, programmeFrequencies } from './tables.js';
import { trendChart } from './chart.js';
import { trendWorkbook, trendRows } from './trend-export.js';
import { boardReportWorkbook } from './board.js';
import { htmlToPdf } from '../plans/index.js';
import { agreementOverRounds } from '../moderation/index.js';
import { currentLanguage } from '../../platform/i18n/index.js';

const frequencyLabels: Record<(typeof programmeFrequencies)[number], string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  halfYearly: 'Every six months',
  yearly: 'Yearly',
};
const selectionLabels: Record<(typeof caseSelections)[number], string> = {
  perCaseManager: 'A number of cases per case manager',
  sample: 'A sample drawn from the population',
  byHand: 'Chosen by hand',
};

/** A form field that may come once, many times or not at all, as strings. */
const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '');

export function registerQaRoutes(router: Router, services: Services) {
  async function renderNewProgramme(
    req: Request,
    res: Response,
    values: Record<string, unknown>,
    errors?: ReturnType<typeof formErrors>,
  ) {
    const organisationId = String(req.params.organisationId);
    const auditors = await services.qaProgrammes.auditorsOf(req.actor!, organisationId);
    const own = await services.frameworks.list(req.actor!, organisationId);
    const frameworks = [
      ...frameworkIds().map((id) => ({ id, title: getFramework(id).title })),
      ...own.map((f) => ({ id: f.key, title: `${f.title} (version ${f.version})` })),
    ];
    const chosen =
      frameworks.find((f) => f.id === formText(values.framework)) ??
      frameworks.find((f) => f.id === frameworkIds().at(-1))!;
    const framework = getFramework(chosen.id);
    res.render('qa/views/programme-new.njk', {
      organisationId,
      auditors,
      frameworks,
      standards: framework.standards.filter((s) => s.assessment === 'caseBased'),
      frequencyLabels,
      selectionLabels,
      values: { ...values, standards: list(values.standards), auditors: list(values.auditors) },
      errors,
    });
  }

  router.get('/services/:organisationId/qa', async (req, res) => {
    const programmes = await services.qaProgrammes.list(req.actor!, req.params.organisationId);
    res.render('qa/views/programmes.njk', { organisationId: req.params.organisationId, programmes, frequencyLabels });
  });

  router.get('/services/:organisationId/qa/programmes/new', async (req, res) => {
    await renderNewProgramme(req, res, { frequency: 'quarterly', framework: frameworkIds().at(-1) });
  });

  router.post('/services/:organisationId/qa/programmes', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    const input = {
      title: formText(body.title) ?? '',
      framework: formText(body.framework) ?? '',
      frequency: formText(body.frequency) ?? '',
      standards: body.scope === 'some' ? list(body.standards) : [],
      selection: formText(body.selection) ?? '',
      perCaseManager: formText(body.perCaseManager),
      confidence: formText(body.confidence),
      margin: formText(body.marginPoints) === undefined ? undefined : Number(formText(body.marginPoints)) / 100,
      auditors: list(body.auditors),
    };
    await saveOrRedisplay(
      res,
      async () =>
        `/qa/programmes/${(await services.qaProgrammes.create(req.actor!, req.params.organisationId, input as never)).id}`,
      (errors) => renderNewProgramme(req, res, body, errors),
    );
  });

  async function renderProgramme(
    req: Request,
    res: Response,
    values: Record<string, unknown>,
    errors?: ReturnType<typeof formErrors>,
  ) {
    const { programme, rounds } = await services.qaProgrammes.rounds(req.actor!, String(req.params.programmeId));
    res.render('qa/views/programme.njk', { programme, rounds, frequencyLabels, selectionLabels, values, errors });
  }

  router.get('/qa/programmes/:programmeId', async (req, res) => {
    await renderProgramme(req, res, {});
  });

  router.post('/qa/programmes/:programmeId/rounds', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    await saveOrRedisplay(
      res,
      async () => {
        await services.qaProgrammes.startRound(req.actor!, req.params.programmeId, {
          periodStart: formText(body.periodStart) ?? '',
          population: formText(body.population) ?? '',
          refs: formText(body.refs) ?? '',
        });
        return `/qa/programmes/${req.params.programmeId}`;
      },
      (errors) => renderProgramme(req, res, body, errors),
    );
  });

  router.post('/qa/rounds/:roundId/close', async (req, res) => {
    const round = await services.qaProgrammes.closeRound(req.actor!, req.params.roundId);
    res.redirect(303, `/qa/programmes/${round.programmeId}`);
  });

  router.get('/qa/rounds/:roundId/feedback', async (req, res) => {
    const feedback = await services.qaFeedback.ofRound(req.actor!, req.params.roundId);
    res.render('qa/views/round-feedback.njk', feedback);
  });

  async function renderMine(
    req: Request,
    res: Response,
    errorsFor?: { caseId: string; errors: ReturnType<typeof formErrors>; values: Record<string, unknown> },
  ) {
    const held = await services.qaFeedback.mine(req.actor!);
    res.render('qa/views/my-feedback.njk', { held, errorsFor });
  }

  router.get('/qa/feedback', async (req, res) => {
    await renderMine(req, res);
  });

  router.post('/qa/feedback/:caseId', async (req, res) => {
    const body = req.body as Record<string, unknown>;
    await saveOrRedisplay(
      res,
      async () => {
        await services.qaFeedback.respond(req.actor!, req.params.caseId, {
          status: formText(body.status) as never,
          response: formText(body.response) ?? '',
        });
        return '/qa/feedback';
      },
      (errors) => renderMine(req, res, { caseId: req.params.caseId, errors, values: body }),
    );
  });

  async function trendsOf(req: Request) {
    const query = req.query as Record<string, string | undefined>;
    const n = query.n === undefined || query.n === '' ? undefined : Number(query.n);
    return services.qaTrends.trends(req.actor!, String(req.params.organisationId), {
      frameworkId: query.framework,
      sampled: n,
    });
  }

  // Parts of the trend page as rendered (each trend's chart and table, each standard's prediction, the head of
  // the predictions), kept by everything the part shows (its figures, the service in its links, the page it is
  // on, the language): a view after one answer changed renders only the parts whose figures changed.
  const fragments = new Map<string, string>();
  const fragmentLimit = 1000;
  const render = (req: Request, view: string, context: object) =>
    new Promise<string>((resolve, reject) =>
      req.app.render(view, context, (error, html) => (error ? reject(error) : resolve(html))),
    );
  async function fragment(req: Request, view: string, key: string, context: () => object) {
    // Rendered in the request's language: a Welsh page never gets an English chart.
    const whole = `${currentLanguage()}|${view}|${key}`;
    let html = fragments.get(whole);
    if (html === undefined) {
      // Kept as one flat string, not the template's thousands of joined pieces, which every page sent would
      // walk again to write them out.
      html = Buffer.from(await render(req, view, context())).toString();
      if (fragments.size >= fragmentLimit) fragments.delete(fragments.keys().next().value!);
    } else fragments.delete(whole);
    fragments.set(whole, html);
    return html;
  }
  // The trend service keeps its figures frozen, the same objects from view to view: a figure's digest is kept
  // beside it, and written out again only for a figure the service computed anew. (The figures themselves,
  // 10 KB a trend, were hashed again by the map on every view.)
  const digests = new WeakMap<object, string>();
  function digestOf(figures: object) {
    let digest = digests.get(figures);
    if (digest === undefined) {
      digest = createHash('sha256').update(JSON.stringify(figures)).digest('base64url');
      digests.set(figures, digest);
    }
    return digest;
  }

  router.get('/services/:organisationId/qa/trends', async (req, res) => {
    const organisationId = String(req.params.organisationId);
    // The access check is the trends'; the rest of the page is read beside them, and shown only if it passes.
    const [trends, agreement, national] = await Promise.allSettled([
      trendsOf(req),
      services.moderation.agreementByRound(req.actor!, organisationId),
      services.national.standingOfService(
        services.inspections.organisationOf(organisationId).then((organisation) => organisation.name),
      ),
    ]);
    if (trends.status === 'rejected') {
      if (!(trends.reason instanceof ValidationError)) throw trends.reason;
      res.status(400);
      res.render('qa/views/trends.njk', {
        organisationId,
        trends: [],
        charts: [],
        predictions: [],
        errors: formErrors(trends.reason.fields),
        query: req.query,
      });
      return;
    }
    if (agreement.status === 'rejected') throw agreement.reason;
    if (national.status === 'rejected') throw national.reason;
    const result = trends.value;
    const asked = (req.query as Record<string, string | undefined>).standard;
    const shownStandard = asked && result.framework.standardById.has(asked) ? asked : null;
    // The standards on the page; a standard's key questions on its own (?standard=2.1): at 32 rounds the
    // whole set is a megabyte of tables.
    const shown = result.trends.filter((t) =>
      shownStandard
        ? t.id === shownStandard || (t.kind === 'keyQuestion' && t.id.startsWith(`${shownStandard}.`))
        : t.kind === 'standard',
    );
    const framework = result.framework;
    const [charts, predictionsHead, predictionsHtml] = await Promise.all([
      Promise.all(
        shown.map(async (trend) => ({
          trend,
          html: await fragment(
            req,
            'qa/views/trend-chart.njk',
            `${organisationId}|${shownStandard !== null}|${framework.id}|${digestOf(trend)}`,
            () => ({ organisationId, standard: shownStandard, trend, chart: trendChart(framework, trend) }),
          ),
        })),
      ),
      fragment(
        req,
        'qa/views/trend-predictions-head.njk',
        `${organisationId}|${result.sampled}|${result.sampledFrom}`,
        () => ({
          organisationId,
          sampled: result.sampled,
          sampledFrom: result.sampledFrom,
          assumptions: result.assumptions,
        }),
      ),
      Promise.all(
        result.predictions.map((p) =>
          fragment(
            req,
            'qa/views/trend-prediction.njk',
            `${framework.id}|${p.standard.id}|${p.round.label}|${digestOf(p.prediction)}|${digestOf(p.nextBand)}`,
            () => ({ p }),
          ),
        ),
      ),
    ]);
    res.render('qa/views/trends.njk', {
      organisationId,
      ...result,
      agreement: agreementOverRounds(agreement.value),
      national: national.value,
      standard: shownStandard,
      charts,
      predictionsHead,
      predictionsHtml,
      query: req.query,
    });
  });

  router.get('/services/:organisationId/qa/trends.csv', async (req, res) => {
    const { trends } = await trendsOf(req);
    res
      .type('text/csv')
      .attachment('qa-trends.csv')
      .send(stringify(trendRows(trends), { header: true }));
  });

  router.get('/services/:organisationId/qa/trends.xlsx', async (req, res) => {
    const { trends } = await trendsOf(req);
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment('qa-trends.xlsx')
      .send(await trendWorkbook(trends));
  });

  /** The quarter asked for, or the current one. */
  const quarterOf = (req: Request) => {
    const asked = (req.query as Record<string, string | undefined>).quarter;
    if (asked !== undefined) return asked.trim();
    const today = services.clock.now();
    return `${today.getUTCFullYear()}-Q${Math.floor(today.getUTCMonth() / 3) + 1}`;
  };

  router.get('/services/:organisationId/qa/board-report', async (req, res) => {
    const quarter = quarterOf(req);
    try {
      const report = await services.qaBoard.report(req.actor!, req.params.organisationId, quarter);
      res.render('qa/views/board-report.njk', { organisationId: req.params.organisationId, ...report });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      res.status(400);
      res.render('qa/views/board-report.njk', {
        organisationId: req.params.organisationId,
        quarter,
        errors: formErrors(error.fields),
      });
    }
  });

  router.get('/services/:organisationId/qa/board-report.pdf', async (req, res) => {
    const report = await services.qaBoard.report(req.actor!, req.params.organisationId, quarterOf(req));
    const html = await new Promise<string>((resolve, reject) =>
      req.app.render('qa/views/board-report-print.njk', report, (error, out) => (error ? reject(error) : resolve(out))),
    );
    res
      .type('application/pdf')
      .attachment(`qa-report-${report.quarter}.pdf`)
      .send(await htmlToPdf(services.pdf, html));
  });

  router.get('/services/:organisationId/qa/board-report.xlsx', async (req, res) => {
    const report = await services.qaBoard.report(req.actor!, req.params.organisationId, quarterOf(req));
    res
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .attachment(`qa-report-${report.quarter}.xlsx`)
      .send(await boardReportWorkbook(report));
  });
}
