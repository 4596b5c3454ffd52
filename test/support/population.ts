/**
 * An eligible population as a case management system might export it: its own headers, a byte-order mark,
 * Windows line ends, a quoted note with a line break, and dates as Excel writes them (serials and DD/MM/YYYY).
 */
export const cmsHeader =
  'Child ID,Case Type,Outcome,Start Date,Gender,Ethnicity,Disability,LAC,Age,RoSH,SWB,Case Worker,Local Authority,Notes';

const courtDisposals = ['Referral order', 'YRO', 'Custodial sentence (detention and training order)'];
const outOfCourtDisposals = ['Youth caution', 'Community resolution', 'YCC'];
const levels = ['Low', 'Medium', 'High', 'Very high'];

/** Excel's serial day number of an ISO date. */
export const excelSerial = (iso: string) =>
  Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);

/** `court` court cases, `outOfCourt` out-of-court and `resettlement` resettlement cases, all in the window 2021-08-09 to 2022-06-03. */
export function cmsRows(court: number, outOfCourt: number, resettlement: number): string[] {
  const rows: string[] = [];
  const add = (i: number, type: string, outcome: string) => {
    const month = 1 + (i % 5); // January to May 2022
    const day = 1 + (i % 27);
    const date =
      i % 2 === 0
        ? `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/2022`
        : String(excelSerial(`2022-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`));
    const note = i % 7 === 0 ? '"Transferred in,\nsee file"' : '';
    rows.push(
      [
        `YJ-${String(i).padStart(4, '0')}`,
        type,
        outcome,
        date,
        i % 5 === 0 ? 'Female' : 'Male',
        ['White', 'Black', 'Asian', 'Mixed'][i % 4],
        i % 6 === 0 ? 'Yes' : 'No',
        i % 8 === 0 ? 'Yes' : 'No',
        String(12 + (i % 6)),
        levels[i % 3],
        levels[(i + 1) % 4],
        `Worker ${1 + (i % 4)}`,
        'Hackney',
        note,
      ].join(','),
    );
  };
  let i = 1;
  for (let n = 0; n < court; n++, i++) add(i, 'Court', courtDisposals[i % 3]!);
  for (let n = 0; n < outOfCourt; n++, i++) add(i, 'Out of court', outOfCourtDisposals[i % 3]!);
  for (let n = 0; n < resettlement; n++, i++) add(i, 'Resettlement', 'Release from custody');
  return rows;
}

/** The file as bytes would arrive: BOM, CRLF. */
export const cmsFile = (rows: readonly string[]) => `\uFEFF${[cmsHeader, ...rows].join('\r\n')}\r\n`;

/** The mapping a person chooses for the export above (the form's fields). */
export const cmsMapping = {
  'map-ref': 'Child ID',
  'map-domain': 'Case Type',
  'map-disposal': 'Outcome',
  'map-startDate': 'Start Date',
  'map-sex': 'Gender',
  'map-ethnicity': 'Ethnicity',
  'map-disability': 'Disability',
  'map-lookedAfter': 'LAC',
  'map-age': 'Age',
  'map-rosh': 'RoSH',
  'map-swb': 'SWB',
  'map-caseManager': 'Case Worker',
  'map-localAuthority': 'Local Authority',
};
