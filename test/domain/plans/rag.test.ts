import { describe, expect, it } from 'vitest';
import type { ActionDates } from '../../../src/domain/plans/model.js';
import { ragOf } from '../../../src/domain/plans/rag.js';

const action = (
  status: ActionDates['status'],
  targetDate: string | null,
  commencementDate: string | null = null,
): ActionDates => ({
  status,
  targetDate,
  commencementDate,
  completionDate: status === 'completed' ? '2024-01-10' : null,
});

/** The RAG rules at their date boundaries: each row is the action, the day, and the RAG a board should see. */
describe('RAG from status and dates, as of a date', () => {
  it.each([
    // overdue: the target date has passed (the target day itself is not overdue)
    ['in progress, target yesterday', action('inProgress', '2024-03-31'), '2024-04-01', 'red', 'Overdue'],
    ['in progress, target today', action('inProgress', '2024-04-01'), '2024-04-01', 'green', 'On track'],
    ['ongoing, target passed', action('ongoing', '2024-01-31'), '2024-02-01', 'red', 'Overdue'],
    ['ongoing, no target', action('ongoing', null), '2030-01-01', 'green', 'Ongoing'],
    ['not started, target passed', action('notStarted', '2024-03-31'), '2024-04-01', 'red', 'Overdue'],
    ['blocked, target passed', action('blocked', '2024-03-31'), '2024-04-01', 'red', 'Overdue'],
    ['blocked, not yet due', action('blocked', '2024-12-31'), '2024-04-01', 'amber', 'Blocked'],
    // due within a month and not started: target on or before the same day next month
    [
      'not started, due in exactly a month',
      action('notStarted', '2024-05-01'),
      '2024-04-01',
      'amber',
      'Due within a month and not started',
    ],
    [
      'not started, due a month and a day away',
      action('notStarted', '2024-05-02'),
      '2024-04-01',
      'green',
      'Not yet due to start',
    ],
    [
      'not started, due today',
      action('notStarted', '2024-04-01'),
      '2024-04-01',
      'amber',
      'Due within a month and not started',
    ],
    [
      'not started, 31 January to 29 February (leap year)',
      action('notStarted', '2024-02-29'),
      '2024-01-31',
      'amber',
      'Due within a month and not started',
    ],
    [
      'not started, 31 January to 1 March',
      action('notStarted', '2024-03-01'),
      '2024-01-31',
      'green',
      'Not yet due to start',
    ],
    ['in progress, due within a month', action('inProgress', '2024-04-15'), '2024-04-01', 'green', 'On track'],
    // not started after its commencement date
    [
      'not started, commenced yesterday',
      action('notStarted', null, '2024-03-31'),
      '2024-04-01',
      'amber',
      'Not started by its commencement date',
    ],
    [
      'not started, commences today',
      action('notStarted', null, '2024-04-01'),
      '2024-04-01',
      'green',
      'Not yet due to start',
    ],
    // completed is green whatever the dates
    ['completed, target long past', action('completed', '2020-01-01'), '2024-04-01', 'green', 'Completed'],
  ])('%s', (_name, given, asOf, rag, reason) => {
    expect(ragOf(given, asOf)).toEqual({ rag, reason });
  });
});
