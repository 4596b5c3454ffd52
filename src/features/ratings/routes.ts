import type { Request, Response, Router } from 'express';
import { monthYear } from '../../domain/dates.js';
import { currentLanguage, t } from '../../platform/i18n/index.js';
import type { Services } from '../../platform/services.js';
import { moderationSummary } from '../moderation/index.js';
import { type FormErrors, saveOrRedisplay, typedText } from '../../platform/web/forms.js';
import {
  answerText,
  neighbouringRatings,
  panelStandards,
  rationaleLead,
  ratingsBox,
  ratingsPath,
  ratingTagClasses,
  reasonText,
  workingsPath,
} from './view-model.js';
import { registerPanelMeetingRoutes } from './panel-routes.js';

/** The month of the main fieldwork week, as the report's ratings box prints it (ratingsBoxMonth), in the page's language. */
function fieldworkMonthIn(inspection: { fieldworkStart: string | null; secondWeekStart: string | null }) {
  const mainWeek = inspection.secondWeekStart ?? inspection.fieldworkStart;
  return mainWeek ? monthYear(mainWeek, currentLanguage()) : null;
}

type StandardParams = { inspectionId: string; standardId: string };
const withdraw = 'withdraw';
const stands = 'stands';

export function registerRatingRoutes(router: Router, services: Services) {
  // Before /ratings/:standardId, which would take "panel-meetings" for a standard.
  registerPanelMeetingRoutes(router, services);
  router.get('/inspections/:inspectionId/ratings', async (req, res) => {
    const { inspectionId } = req.params;
    const { inspection, framework, rating, setAside, service, considered, toConsider } =
      await services.ratings.ratingsOfService(req.actor!, inspectionId);
    // Only a standard id of this framework is echoed back in the success banner.
    const decided = rating.standards.find((s) => s.id === req.query.decision);
    res.render('ratings/views/ratings.njk', {
      inspection,
      framework,
      rating,
      service,
      fieldwork: fieldworkMonthIn(inspection),
      box: ratingsBox(framework, rating, inspectionId),
      caseBased: rating.standards.filter((s) => s.assessment === 'caseBased'),
      panel: panelStandards(rating, setAside),
      considered,
      toConsider,
      setAside,
      decided,
      tagClasses: ratingTagClasses(framework),
      reasonText: reasonText.bind(null, framework),
      ratingsPath: ratingsPath(inspectionId),
      moderation: await moderationSummary(services.database.db, inspectionId),
      activeNav: 'inspections',
    });
  });

  router.get('/inspections/:inspectionId/ratings/:standardId', async (req, res) => {
    const { inspectionId, standardId } = req.params;
    const workings = await services.ratings.standardWorkings(req.actor!, inspectionId, standardId);
    res.render('ratings/views/standard.njk', {
      ...workings,
      historyVisible: await services.auditTrail.mayReadHistory(req.actor!, inspectionId),
      tagClasses: ratingTagClasses(workings.framework),
      reasonText: reasonText.bind(null, workings.framework),
      ratingsPath: ratingsPath(inspectionId),
      workingsPath: workingsPath(inspectionId, standardId),
      activeNav: 'inspections',
    });
  });

  router.get('/inspections/:inspectionId/ratings/:standardId/key-questions/:keyQuestionId', async (req, res) => {
    const { inspectionId, standardId, keyQuestionId } = req.params;
    const found = await services.ratings.keyQuestionCases(req.actor!, inspectionId, standardId, keyQuestionId);
    res.render('ratings/views/key-question.njk', {
      ...found,
      cases: found.cases.map((c) => ({
        ...c,
        answerText: answerText(c.doesNotApply, c.answer),
        prompts: c.prompts.map((p) => ({ ...p, answerText: answerText(p.doesNotApply, p.answer) })),
      })),
      ratingsPath: ratingsPath(inspectionId),
      workingsPath: workingsPath(inspectionId, standardId),
      activeNav: 'inspections',
    });
  });

  /** The ratings panel's form, from what is stored or from what the user just posted. */
  async function renderDiscretion(
    req: Request<StandardParams>,
    res: Response,
    posted?: { rating: string; rationale: string; errors: FormErrors },
  ) {
    const { inspectionId, standardId } = req.params;
    const workings = await services.ratings.standardWorkings(req.actor!, inspectionId, standardId, 'discretion.decide');
    const { framework, result, inForce } = workings;
    const choices: { value: string; text: string; checked: boolean; hint?: { text: string } }[] = [];
    if (result.computedRating)
      choices.push({
        value: stands,
        text: t(`The rating stands: ${result.computedRating}`),
        hint: { text: t('The panel considered discretion and keeps the computed rating. The report has no footnote.') },
        checked: posted?.rating === stands,
      });
    for (const r of neighbouringRatings(framework, result.computedRating))
      choices.push({
        value: r,
        text: t(`Moved one band: ${r}`),
        hint: { text: t('The report says so in a footnote, with the rationale.') },
        checked: posted?.rating === r,
      });
    if (inForce)
      choices.push({
        value: withdraw,
        text:
          inForce.outcome === 'stands'
            ? t('Withdraw the decision in force (the rating stands)')
            : t(`Withdraw the decision in force (moved to ${inForce.rating})`),
        checked: posted?.rating === withdraw,
      });
    res.render('ratings/views/discretion.njk', {
      ...workings,
      choices,
      // The form is for standards the panel may consider, or to undo a decision; errors always show it.
      showForm: result.discretion?.eligible === true || inForce !== null || posted !== undefined,
      rationale: posted?.rationale ?? '',
      rationaleLead: rationaleLead(framework),
      errors: posted?.errors,
      tagClasses: ratingTagClasses(framework),
      reasonText: reasonText.bind(null, framework),
      ratingsPath: ratingsPath(inspectionId),
      workingsPath: workingsPath(inspectionId, standardId),
      activeNav: 'inspections',
    });
  }

  const discretionRoute = '/inspections/:inspectionId/ratings/:standardId/discretion';

  router.get(discretionRoute, async (req, res) => {
    await renderDiscretion(req, res);
  });

  router.post(discretionRoute, async (req, res) => {
    const { inspectionId, standardId } = req.params;
    const body = req.body as Record<string, unknown>;
    const rating = typedText(body.rating);
    const rationale = typedText(body.rationale);
    await saveOrRedisplay(
      res,
      async () => {
        await services.ratings.recordDiscretion(req.actor!, inspectionId, standardId, {
          outcome: rating === withdraw ? 'withdrawn' : rating === stands ? 'stands' : 'moved',
          rating: rating === withdraw || rating === stands ? null : rating,
          rationale,
        });
        return `${ratingsPath(inspectionId)}?decision=${encodeURIComponent(standardId)}`;
      },
      (errors) => renderDiscretion(req, res, { rating, rationale, errors }),
    );
  });
}
