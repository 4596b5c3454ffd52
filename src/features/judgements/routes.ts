import type { Request, Response, Router } from 'express';
import { evidenceSources } from './tables.js';
import { t } from '../../platform/i18n/index.js';
import type { Services } from '../../platform/services.js';
import { type FormErrors, saveOrRedisplay, typedText } from '../../platform/web/forms.js';

type StandardParams = { inspectionId: string; standardId: string };

/** What the judgement form holds; a rating of '' is "No rating yet". */
interface JudgementValues {
  rating: string;
  strengths: string;
  areasForImprovement: string;
}

const sourceLabels: Record<(typeof evidenceSources)[number], string> = {
  document: 'Document',
  meeting: 'Meeting',
  interview: 'Interview',
  survey: 'Survey',
};

const judgementPath = (p: StandardParams) => `/inspections/${p.inspectionId}/standards/${p.standardId}/judgement`;

/** The version the form was opened on; absent or malformed means no check (the service decides). */
function versionOf(value: unknown): number | undefined {
  const version = typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined;
  return version;
}

export function registerJudgementRoutes(router: Router, services: Services) {
  /** The judgement page, from what is stored or from what the user just posted to one of its two forms. */
  async function render(
    req: Request<StandardParams>,
    res: Response,
    posted: {
      judgement?: JudgementValues;
      note?: { source: string; note: string };
      errors?: FormErrors;
      conflict?: boolean;
    } = {},
  ) {
    const { inspectionId, standardId } = req.params;
    const found = await services.judgements.judgement(req.actor!, inspectionId, standardId);
    const stored: JudgementValues = {
      rating: found.judgement?.rating ?? '',
      strengths: found.judgement?.strengths ?? '',
      areasForImprovement: found.judgement?.areasForImprovement ?? '',
    };
    const values = posted.judgement ?? stored;
    res.render('judgements/views/judgement.njk', {
      ...found,
      values,
      note: posted.note ?? { source: '', note: '' },
      errors: posted.errors,
      // After a conflict the form carries the version stored now, so saving again is a deliberate choice.
      version: found.judgement?.version ?? 0,
      conflict: posted.conflict ? { yours: values, saved: stored } : null,
      ratingChoices: [
        ...found.framework.ratingScale.map((r) => ({
          value: r.rating,
          text: t(r.rating),
          checked: values.rating === r.rating,
        })),
        { divider: t('or') },
        { value: '', text: t('No rating yet'), checked: values.rating === '' },
      ],
      sourceChoices: evidenceSources.map((s) => ({
        value: s,
        text: t(sourceLabels[s]),
        checked: posted.note?.source === s,
      })),
      sourceLabels,
      saved: !posted.errors && !posted.conflict && req.query.saved === '1',
      added: !posted.errors && !posted.conflict && req.query.added === '1',
      judgementPath: judgementPath(req.params),
      activeNav: 'inspections',
    });
  }

  const route = '/inspections/:inspectionId/standards/:standardId/judgement';

  router.get(route, async (req, res) => {
    await render(req, res);
  });

  router.post(route, async (req, res) => {
    const { inspectionId, standardId } = req.params;
    const body = req.body as Record<string, unknown>;
    const judgement = {
      rating: typedText(body.rating),
      strengths: typedText(body.strengths),
      areasForImprovement: typedText(body.areasForImprovement),
    };
    await saveOrRedisplay(
      res,
      async () => {
        await services.judgements.saveJudgement(req.actor!, inspectionId, standardId, {
          ...judgement,
          rating: judgement.rating === '' ? null : judgement.rating,
          expectedVersion: versionOf(body.expectedVersion),
        });
        return `${judgementPath(req.params)}?saved=1`;
      },
      (errors) => render(req, res, { judgement, errors }),
      () => render(req, res, { judgement, conflict: true }),
    );
  });

  router.post('/inspections/:inspectionId/standards/:standardId/evidence', async (req, res) => {
    const { inspectionId, standardId } = req.params;
    const body = req.body as Record<string, unknown>;
    const note = { source: typedText(body.source), note: typedText(body.note) };
    await saveOrRedisplay(
      res,
      async () => {
        await services.judgements.addEvidenceNote(req.actor!, inspectionId, standardId, {
          source: note.source as (typeof evidenceSources)[number],
          note: note.note,
        });
        return `${judgementPath(req.params)}?added=1#evidence`;
      },
      (errors) => render(req, res, { note, errors }),
    );
  });
}
