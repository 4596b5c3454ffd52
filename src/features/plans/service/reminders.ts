import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNotNull, or, sql } from 'drizzle-orm';
import ical from 'ical-generator';
import type { Database } from '../../../platform/db/connect.js';
import { improvementPlans, planReminderSettings } from '../tables.js';
import { memberships, organisations, teamMembers, users } from '../../../platform/db/core-tables.js';
import { statusLabels } from '../../../domain/plans/model.js';
import { addMonths } from '../../../domain/plans/months.js';
import { actionAsOf, type ActionAsOf } from '../../../domain/plans/progress.js';
import { recordAudit, type Actor } from '../../../platform/audit.js';
import { t, withLanguage } from '../../../platform/i18n/index.js';
import { languageOf, type Mailer } from '../../../platform/mail.js';
import { UnavailableError } from '../../../platform/errors.js';
import { todayInLondon } from './access.js';
import { loadAreas } from './load.js';
import { systemClock, type Clock } from '../../../platform/clock.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface MyAction {
  planId: string;
  planTitle: string;
  serviceName: string;
  areaNumber: number;
  action: ActionAsOf;
}

/** Whether the user owns the action: an owner written as their display name or their email, in any case. */
const owns = (user: { displayName: string; email: string }, owners: readonly string[]) =>
  owners.some((o) => [user.displayName.toLowerCase(), user.email.toLowerCase()].includes(o.trim().toLowerCase()));

/**
 * Owners' reminders: their actions due soon and overdue, a calendar feed, and a daily email digest sent by the
 * mailer (none without one). The feed and the emails are in the language their owner chose.
 */
export function createPlanReminderService(db: Database, clock: Clock = systemClock, mailer: Mailer | null = null) {
  /** Every open action the user owns in plans they may see, as of the day. */
  async function actionsOwnedBy(
    user: { id: string; displayName: string; email: string; isAdmin: boolean },
    asOf: string,
  ) {
    const plans = await db
      .select({ id: improvementPlans.id, title: improvementPlans.title, serviceName: organisations.name })
      .from(improvementPlans)
      .innerJoin(organisations, eq(organisations.id, improvementPlans.organisationId))
      .where(
        user.isAdmin
          ? undefined
          : or(
              sql`exists (select 1 from ${memberships} where ${memberships.userId} = ${user.id} and ${memberships.organisationId} = ${improvementPlans.organisationId})`,
              sql`exists (select 1 from ${teamMembers} where ${teamMembers.userId} = ${user.id} and ${teamMembers.inspectionId} = ${improvementPlans.inspectionId})`,
            ),
      );
    const mine: MyAction[] = [];
    for (const plan of plans)
      for (const area of await loadAreas(db, plan.id))
        for (const action of area.actions)
          if (owns(user, action.owners))
            mine.push({
              planId: plan.id,
              planTitle: plan.title,
              serviceName: plan.serviceName,
              areaNumber: area.number,
              action: actionAsOf(action, asOf),
            });
    return mine;
  }

  /** Overdue, and due within the next month, each by target date. */
  async function myActions(user: Actor, asOf = todayInLondon(clock.now())) {
    const open = (await actionsOwnedBy(user, asOf)).filter((m) => m.action.status !== 'completed');
    const byTarget = (a: MyAction, b: MyAction) => (a.action.targetDate ?? '').localeCompare(b.action.targetDate ?? '');
    const until = addMonths(asOf, 1);
    return {
      asOf,
      until,
      overdue: open.filter((m) => m.action.targetDate && m.action.targetDate < asOf).sort(byTarget),
      dueSoon: open
        .filter((m) => m.action.targetDate && m.action.targetDate >= asOf && m.action.targetDate <= until)
        .sort(byTarget),
      other: open.filter((m) => !m.action.targetDate || m.action.targetDate > until),
    };
  }

  return {
    myActions,

    async settings(user: Actor) {
      const [row] = await db.select().from(planReminderSettings).where(eq(planReminderSettings.userId, user.id));
      return { hasCalendar: Boolean(row?.calendarTokenHash), emailDigest: row?.emailDigest ?? false };
    },

    /** A new secret address for the user's calendar feed (the old one stops working); shown once. */
    async newCalendarToken(user: Actor): Promise<string> {
      const token = randomBytes(24).toString('base64url');
      await db.transaction(async (tx) => {
        await tx
          .insert(planReminderSettings)
          .values({ userId: user.id, calendarTokenHash: sha256(token) })
          .onConflictDoUpdate({
            target: planReminderSettings.userId,
            set: { calendarTokenHash: sha256(token), updatedAt: clock.now() },
          });
        await recordAudit(tx, user, { action: 'plan.calendar.token', subjectType: 'user', subjectId: user.id });
      });
      return token;
    },

    /** Stops the user's calendar feed (signing out everywhere); a new address can be made afterwards. */
    async endCalendarFeed(user: Actor) {
      await db.transaction(async (tx) => {
        const ended = await tx
          .update(planReminderSettings)
          .set({ calendarTokenHash: null, updatedAt: clock.now() })
          .where(and(eq(planReminderSettings.userId, user.id), isNotNull(planReminderSettings.calendarTokenHash)))
          .returning({ userId: planReminderSettings.userId });
        if (ended.length)
          await recordAudit(tx, user, { action: 'plan.calendar.end', subjectType: 'user', subjectId: user.id });
      });
    },

    async setEmailDigest(user: Actor, on: boolean) {
      await db.transaction(async (tx) => {
        await tx
          .insert(planReminderSettings)
          .values({ userId: user.id, emailDigest: on })
          .onConflictDoUpdate({
            target: planReminderSettings.userId,
            set: { emailDigest: on, updatedAt: clock.now() },
          });
        await recordAudit(tx, user, {
          action: 'plan.digest.set',
          subjectType: 'user',
          subjectId: user.id,
          after: { emailDigest: on },
        });
      });
    },

    /** The iCalendar feed of the token's owner: one all-day event per open action on its target date. */
    async calendarFeed(token: string): Promise<string | null> {
      const [row] = await db
        .select({ user: users })
        .from(planReminderSettings)
        .innerJoin(users, eq(users.id, planReminderSettings.userId))
        .where(eq(planReminderSettings.calendarTokenHash, sha256(token)));
      if (!row || row.user.disabledAt) return null;
      const user = row.user;
      const owned = await actionsOwnedBy(user, todayInLondon(clock.now()));
      // A calendar program sends no language: the feed is written in the one its owner chose.
      return withLanguage(languageOf(user), () => {
        const calendar = ical({
          name: t('yj-inspect: improvement plan actions'),
          prodId: { company: 'yj-inspect', product: 'plans' },
        });
        for (const mine of owned)
          if (mine.action.targetDate && mine.action.status !== 'completed')
            calendar.createEvent({
              id: `${mine.action.id}@yj-inspect`,
              start: new Date(`${mine.action.targetDate}T00:00:00Z`),
              allDay: true,
              summary: t('Due: {{text}}', { text: mine.action.text.slice(0, 120) }),
              description: t('{{service}}, {{plan}}, area {{number}}. Status: {{status}}.', {
                service: mine.serviceName,
                plan: mine.planTitle,
                number: mine.areaNumber,
                status: t(statusLabels[mine.action.status]),
              }),
            });
        return calendar.toString();
      });
    },

    /**
     * The daily digest: to each user who asked for it and owns overdue or soon-due actions, one email.
     * Returns the addresses written to.
     */
    async sendDigest(asOf = todayInLondon(clock.now())): Promise<string[]> {
      if (!mailer) throw new UnavailableError('no mail server is set up (YJ_SMTP_URL): the digest cannot be sent');
      const wanted = await db
        .select({ user: users })
        .from(planReminderSettings)
        .innerJoin(users, eq(users.id, planReminderSettings.userId))
        .where(eq(planReminderSettings.emailDigest, true));
      const sent: string[] = [];
      for (const { user } of wanted) {
        if (user.disabledAt) continue;
        const { overdue, dueSoon } = await myActions({ ...user }, asOf);
        if (!overdue.length && !dueSoon.length) continue;
        // Written in the recipient's language, whoever runs the digest.
        const mail = withLanguage(languageOf(user), () => {
          const line = (m: MyAction) =>
            t('- {{date}}: {{text}} ({{service}}, {{plan}}, area {{number}}; {{status}})', {
              date: m.action.targetDate,
              text: m.action.text,
              service: m.serviceName,
              plan: m.planTitle,
              number: m.areaNumber,
              status: t(statusLabels[m.action.status]),
            });
          const text = [
            t('Your improvement plan actions as at {{date}}.', { date: asOf }),
            '',
            ...(overdue.length ? [t('Overdue ({{n}}):', { n: overdue.length }), ...overdue.map(line), ''] : []),
            ...(dueSoon.length
              ? [t('Due within a month ({{n}}):', { n: dueSoon.length }), ...dueSoon.map(line), '']
              : []),
            t('Update them in yj-inspect under "My actions". You get this email because you asked for it there.'),
          ].join('\n');
          const subject = t('Improvement plan: {{overdue}} overdue, {{soon}} due soon', {
            overdue: overdue.length,
            soon: dueSoon.length,
          });
          return { subject, text };
        });
        await mailer.transport.sendMail({ from: mailer.from, to: user.email, subject: mail.subject, text: mail.text });
        sent.push(user.email);
      }
      return sent;
    },
  };
}
