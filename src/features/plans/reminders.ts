import type { Express, Router } from 'express';
import type { Services } from '../../platform/services.js';
import { formBoolean } from '../../platform/web/forms.js';
import { planLabels } from './helpers.js';

/** "My actions" for the signed-in owner, their calendar feed's secret address and the email digest choice. */
export function registerReminderRoutes(router: Router, services: Services) {
  const reminders = services.plans.reminders;

  router.get('/plans/my-actions', async (req, res) => {
    res.render('plans/views/my-actions.njk', {
      ...planLabels,
      ...(await reminders.myActions(req.actor!)),
      settings: await reminders.settings(req.actor!),
      calendarUrl: null,
      digestSaved: req.query.digest ?? null,
    });
  });

  router.post('/plans/my-actions/calendar', async (req, res) => {
    const token = await reminders.newCalendarToken(req.actor!);
    // Shown once: only its hash is kept.
    res.render('plans/views/my-actions.njk', {
      ...planLabels,
      ...(await reminders.myActions(req.actor!)),
      settings: await reminders.settings(req.actor!),
      calendarUrl: `${req.protocol}://${req.get('host')}/plans/calendar/${token}.ics`,
    });
  });

  router.post('/plans/my-actions/digest', async (req, res) => {
    const on = formBoolean((req.body as Record<string, unknown>).emailDigest) === true;
    await reminders.setEmailDigest(req.actor!, on);
    res.redirect(303, `/plans/my-actions?digest=${on ? 'on' : 'off'}`);
  });
}

/** The calendar feed: no sign-in (calendar programs cannot), the secret in its address is the credential. */
export function registerPlanFeedRoutes(app: Express, services: Services) {
  app.get('/plans/calendar/:token.ics', async (req, res) => {
    const feed = await services.plans.reminders.calendarFeed(req.params.token);
    // A calendar program cannot sign in: an unknown or replaced address is simply not found.
    if (feed === null) return res.status(404).type('text/plain').send('Not found');
    res.type('text/calendar; charset=utf-8').send(feed);
  });
}
