import type { IsoDate } from '../dates.js';

/** The improvement plan's words: action statuses, RAG, and the shapes the pure rules work on. */

export const actionStatuses = ['notStarted', 'inProgress', 'completed', 'ongoing', 'blocked'] as const;
export type ActionStatus = (typeof actionStatuses)[number];

export const statusLabels: Record<ActionStatus, string> = {
  notStarted: 'Not started',
  inProgress: 'In progress',
  completed: 'Completed',
  ongoing: 'Ongoing',
  blocked: 'Blocked',
};

export type Rag = 'red' | 'amber' | 'green';
export const ragLabels: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

/** What the RAG rules need of an action. */
export interface ActionDates {
  status: ActionStatus;
  commencementDate: IsoDate | null;
  targetDate: IsoDate | null;
  completionDate: IsoDate | null;
}

/** A dated status change (a progress update that changed the status, or the status an action was added with). */
export interface StatusChange {
  date: IsoDate;
  status: ActionStatus;
  /** Breaks ties between changes on the same date: the later record wins. */
  recordedAt: Date;
}

/** A progress note, dated. */
export interface ProgressNote {
  date: IsoDate;
  note: string;
  evidenceLink: string;
  byName: string;
}

export interface PlanAction extends ActionDates {
  id: string;
  position: number;
  text: string;
  owners: string[];
  statusText: string;
  targets: string[];
  statusChanges: StatusChange[];
  notes: ProgressNote[];
}

/** What an area of a plan says of itself, apart from its actions. */
export interface AreaHeading {
  id: string;
  number: number;
  domain: string;
  standardId: string | null;
  text: string;
  source: string;
}

export interface PlanArea extends AreaHeading {
  actions: PlanAction[];
}

/** The heading fields of an area (or of a stored row that has more). */
export const areaHeadingOf = (area: AreaHeading): AreaHeading => ({
  id: area.id,
  number: area.number,
  domain: area.domain,
  standardId: area.standardId,
  text: area.text,
  source: area.source,
});
