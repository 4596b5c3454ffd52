import type { Request, Response, Router } from 'express';
import { ValidationError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { csvFrom } from '../../platform/web/upload.js';
import { formErrors, formText, saveOrRedisplay } from '../../platform/web/forms.js';
import { nationalChart } from './chart.js';
import { shippedNationalFile } from './shipped.js';

export function registerNationalRoutes(router: Router, services: Services) {
  router.get('/national', async (req, res) => {
    const query = req.query as Record<string, string | undefined>;
    const score = query.score && /^\d{1,2}$/.test(query.score) ? Number(query.score) : null;
    const view = await services.national.view(req.actor!, { score, laRef: query.service ?? null });
    res.render('national/views/national.njk', {
      ...view,
      chart: view.current ? nationalChart(view.distribution, view.standing?.score ?? null) : null,
      canImport: req.actor!.isAdmin,
    });
  });

  async function renderImport(req: Request, res: Response, errors?: ReturnType<typeof formErrors>) {
    const view = await services.national.view(req.actor!);
    res.render('national/views/import.njk', { current: view.current, caveats: view.caveats, errors });
  }

  router.get('/national/import', async (req, res) => {
    services.national.demandImport(req.actor!);
    await renderImport(req, res);
  });

  router.post('/national/import', async (req, res) => {
    services.national.demandImport(req.actor!);
    const body = req.body as Record<string, unknown>;
    const shipped = formText(body.from) === 'shipped';
    const given: { field: string; text?: string; error?: string } = shipped
      ? { field: 'csvFile', ...shippedNationalFile() }
      : csvFrom(req, res);
    await saveOrRedisplay(
      res,
      async () => {
        if (given.text === undefined) throw new ValidationError({ [given.field]: given.error ?? 'Select a CSV file' });
        const source = shipped ? shippedNationalFile().source : (req.file?.originalname ?? 'pasted CSV');
        await services.national.importFile(req.actor!, given.text, source);
        return '/national';
      },
      // The file's problems (line and column) are shown on the field the file came in by.
      (errors, error) =>
        renderImport(req, res, error.fields.file ? formErrors({ [given.field]: error.fields.file }) : errors),
    );
  });
}
