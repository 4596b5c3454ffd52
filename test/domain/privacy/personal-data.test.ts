import { describe, expect, it } from 'vitest';
import { personalDataHints, personalDataWarning } from '../../../src/domain/privacy/personal-data.js';

const now = new Date('2024-06-01T12:00:00Z');
const found = (text: string) => personalDataHints(text, now).map((h) => `${h.kind}: ${h.found}`);

describe('personal data in free text', () => {
  it.each([
    ['DOB 14/03/2008, seen weekly', ['dateOfBirth: DOB', 'dateOfBirth: 14/03/2008']],
    ['d.o.b. recorded on AssetPlus', ['dateOfBirth: d.o.b.']],
    ['The child was born on 3 March 2009 in Hackney', ['dateOfBirth: born on', 'dateOfBirth: 3 March 2009']],
    ['Date of birth: 2010-11-02', ['dateOfBirth: Date of birth', 'dateOfBirth: 2010-11-02']],
    ['Birthday March 14, 2007 mentioned in plan', ['dateOfBirth: Birthday', 'dateOfBirth: March 14, 2007']],
    ['Assessment dated 12/01/24 recorded', []],
    ['Plan reviewed on 14 March 2023 and 2023-05-02', []],
    ['Met Mr Jones, the case manager', ['name: Mr Jones']],
    ['Spoke with John Smith about the plan', ['name: John Smith']],
    ['The boy, known as Kai, attends school', ['name: known as Kai']],
    ['A child called Priya Shah was assessed', ['name: called Priya Shah']],
    ['Referral Order panel met; Youth Justice Service plan in place', []],
    ['Case manager interviewed. Good work with CAMHS and the Probation Service.', []],
    ['The Youth Offending Team worked with Children’s Services in March.', []],
    ['Child B (ref HK-014) engaged well in ETE', []],
    ['NHS number 943 476 5919 on the health referral', ['nhsNumber: 943 476 5919']],
    ['Reference 943 476 5918 in the plan', []],
    ['PNC 08/123456X shows two previous cautions', ['pnc: 08/123456X']],
    ['NI number AB 12 34 56 C on file', ['nationalInsurance: AB 12 34 56 C']],
    ['Mum on 07700 900123 most evenings', ['phone: 07700 900123']],
    ['Lives at 14 Acacia Avenue, E8 1AB', ['address: 14 Acacia Avenue', 'address: E8 1AB']],
    ['Seen 3 times in 12 weeks; 2.1 rated 65%', []],
  ])('%s', (text, expected) => {
    expect(found(text)).toEqual(expected);
  });

  it('words the warning by what it found', () => {
    expect(personalDataWarning(personalDataHints('Call 07700 900123 at 14 Acacia Avenue', now))).toContain(
      'This may contain a phone number or an address',
    );
    expect(personalDataWarning([])).toBeNull();
    expect(personalDataWarning(personalDataHints('Met Mr Jones', now))).toBe(
      'This may contain a name (“Mr Jones”). Case notes must be pseudonymous: use the case reference instead.',
    );
    expect(personalDataWarning(personalDataHints('John Smith, DOB 01/02/2009', now))).toContain(
      'a name or a date of birth (“John Smith”, “DOB”, “01/02/2009”)',
    );
  });
});
