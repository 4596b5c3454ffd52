import type { IsoDate } from '../dates.js';
import {
  areaHeadingOf,
  type ActionDates,
  type ActionStatus,
  type AreaHeading,
  type PlanAction,
  type PlanArea,
  type ProgressNote,
  type Rag,
} from './model.js';
import { monthEnds } from './months.js';
import { ragOf } from './rag.js';

/** The plan as it stood on a date: each action's status then, its RAG then, its latest note by then. */

export interface ActionAsOf extends ActionDates {
  id: string;
  text: string;
  owners: string[];
  statusText: string;
  targets: string[];
  rag: Rag;
  ragReason: string;
  latestNote: ProgressNote | null;
}

export interface AreaAsOf extends AreaHeading {
  actions: ActionAsOf[];
}

export interface RagCounts {
  red: number;
  amber: number;
  green: number;
  completed: number;
  total: number;
}

export interface ProgressReport {
  asOf: IsoDate;
  /** Areas in number order, grouped under their domain headings in the order they first appear. */
  domains: { domain: string; areas: AreaAsOf[]; counts: RagCounts }[];
  counts: RagCounts;
}

/** The status on a date: the latest status change on or before it; before any, not started. */
export function statusAsOf(action: Pick<PlanAction, 'statusChanges'>, asOf: IsoDate): ActionStatus {
  let latest: PlanAction['statusChanges'][number] | undefined;
  for (const change of action.statusChanges)
    if (
      change.date <= asOf &&
      (!latest ||
        change.date > latest.date ||
        (change.date === latest.date && change.recordedAt.getTime() >= latest.recordedAt.getTime()))
    )
      latest = change;
  return latest?.status ?? 'notStarted';
}

export function actionAsOf(action: PlanAction, asOf: IsoDate): ActionAsOf {
  const status = statusAsOf(action, asOf);
  const completionDate =
    status === 'completed' && action.completionDate && action.completionDate <= asOf ? action.completionDate : null;
  const dates: ActionDates = {
    status,
    commencementDate: action.commencementDate,
    targetDate: action.targetDate,
    completionDate,
  };
  const { rag, reason } = ragOf(dates, asOf);
  const notes = action.notes.filter((n) => n.date <= asOf && n.note !== '');
  return {
    id: action.id,
    text: action.text,
    owners: action.owners,
    statusText: action.statusText,
    targets: action.targets,
    ...dates,
    rag,
    ragReason: reason,
    latestNote: notes.reduce<ProgressNote | null>((latest, n) => (!latest || n.date >= latest.date ? n : latest), null),
  };
}

export function countRag(actions: readonly Pick<ActionAsOf, 'rag' | 'status'>[]): RagCounts {
  const counts: RagCounts = { red: 0, amber: 0, green: 0, completed: 0, total: actions.length };
  for (const action of actions) {
    counts[action.rag] += 1;
    if (action.status === 'completed') counts.completed += 1;
  }
  return counts;
}

export function progressReport(areas: readonly PlanArea[], asOf: IsoDate): ProgressReport {
  const domains: ProgressReport['domains'] = [];
  for (const area of [...areas].sort((a, b) => a.number - b.number)) {
    const asOfArea: AreaAsOf = {
      ...areaHeadingOf(area),
      actions: [...area.actions].sort((a, b) => a.position - b.position).map((a) => actionAsOf(a, asOf)),
    };
    const group = domains.find((d) => d.domain === area.domain);
    if (group) group.areas.push(asOfArea);
    else domains.push({ domain: area.domain, areas: [asOfArea], counts: countRag([]) });
  }
  for (const group of domains) group.counts = countRag(group.areas.flatMap((a) => a.actions));
  return { asOf, domains, counts: countRag(domains.flatMap((d) => d.areas.flatMap((a) => a.actions))) };
}

/** Completed and RAG counts at each month end from `from` to `to` (the last point is `to` itself). */
export function progressOverTime(areas: readonly PlanArea[], from: IsoDate, to: IsoDate) {
  const points = monthEnds(from, to).filter((d) => d < to);
  points.push(to);
  const actions = areas.flatMap((a) => a.actions);
  return points.map((date) => ({ date, ...countRag(actions.map((a) => actionAsOf(a, date))) }));
}
