import { describe, expect, it } from 'vitest';
import { parseStatusText } from '../../../src/domain/plans/status-words.js';

/**
 * The status column of Ealing's Appendix B, word for word, with the commencement date of its row, read as of
 * 1 March 2024 (the plan went to scrutiny in March 2024).
 */
const asAt = '2024-03-01';

describe('status words into status and dates', () => {
  it.each([
    ['Completed Nov', '2023-09-01', 'completed', null, '2023-11-30', 'fully'],
    ['Oct 2023', '2023-09-01', 'completed', null, '2023-10-31', 'fully'],
    ['Sept 2023', '2023-09-01', 'completed', null, '2023-09-30', 'fully'],
    ['Nov 23', '2023-11-01', 'completed', null, '2023-11-30', 'fully'],
    ['Feb 24', '2023-10-01', 'completed', null, '2024-02-29', 'fully'],
    ['Sept 2024', '2024-01-01', 'inProgress', '2024-09-30', null, 'fully'],
    ['Ongoing', '2023-10-01', 'ongoing', null, null, 'fully'],
    ['In progress', '2023-10-01', 'inProgress', null, null, 'fully'],
    // Reported in progress in February, on a 1 March update: not a February deadline, so not overdue in March.
    ['In progress Feb 2024', '2023-09-01', 'inProgress', null, null, 'fully'],
    ['In progress Feb 24', '2023-09-01', 'inProgress', null, null, 'fully'],
    ['In progress May 24', '2023-09-01', 'inProgress', '2024-05-31', null, 'fully'],
    ['In progress planned April 24', '2023-11-01', 'inProgress', '2024-04-30', null, 'fully'],
    ['Planned for April 24', '2023-09-01', 'notStarted', '2024-04-30', null, 'fully'],
    ['Planned for April 2024', '2024-02-01', 'notStarted', '2024-04-30', null, 'fully'],
    ['Planned for April', '2024-04-01', 'notStarted', '2024-04-30', null, 'fully'],
    ['Planned for August 24', '2024-02-01', 'notStarted', '2024-08-31', null, 'fully'],
    ['Completion in Jan - Ongoing', '2023-10-01', 'ongoing', '2024-01-31', null, 'fully'],
    ['To be completed in April 2024', '2023-12-01', 'inProgress', '2024-04-30', null, 'fully'],
    ['In progress for next strategic plan April 24', '2024-01-01', 'inProgress', null, null, 'partly'],
    [
      'In progress following Awaited OOCD Guidance from YJB in Feb 2024',
      '2023-09-01',
      'inProgress',
      null,
      null,
      'partly',
    ],
    // Six months of funding from January: under way on 1 March, not completed on 31 January.
    ['Jan 24 – 6 months funding', '2023-10-01', 'inProgress', null, null, 'partly'],
    ['workshops delivered by Feb 2024 – YJB Training rollout May 24', '2023-10-01', 'inProgress', null, null, 'not'],
    ['Blocked', '2023-10-01', 'blocked', null, null, 'fully'],
    ['Not started', '2024-04-01', 'notStarted', null, null, 'fully'],
    ['', '2024-06-01', 'notStarted', null, null, 'not'],
  ])('"%s" (commencing %s)', (text, commencementDate, status, targetDate, completionDate, understood) => {
    expect(parseStatusText(text, { commencementDate, asAt })).toEqual({
      status,
      targetDate,
      completionDate,
      understood,
      text,
    });
  });

  it('keeps the words as written, whatever it reads', () => {
    expect(parseStatusText('  In   progress  ', { commencementDate: null, asAt }).text).toBe('In progress');
  });
});

describe('dates written out in full', () => {
  it.each([
    ['Completed 26/09/2023', 'completed', null, '2023-09-26'],
    ['In progress 2024-05-15', 'inProgress', '2024-05-15', null],
    ['31/02/2024', 'inProgress', null, null],
  ])('"%s"', (text, status, targetDate, completionDate) => {
    expect(parseStatusText(text, { commencementDate: '2023-09-01', asAt })).toMatchObject({
      status,
      targetDate,
      completionDate,
    });
  });
});
