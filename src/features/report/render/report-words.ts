import { currentLanguage, t, translator } from '../../../platform/i18n/index.js';
import type { ReportModel } from '../../../domain/report/model.js';
import { monthNamesIn } from '../../../domain/dates.js';

const englishMonths: readonly string[] = monthNamesIn.en;
const welshMonths = monthNamesIn.cy;
/** The counts the reports write in words (domain/report/document.ts, countInWords), and their Welsh. */
const numberWords: Record<string, string> = {
  no: 'dim',
  one: 'un',
  two: 'dau',
  three: 'tri',
  four: 'pedwar',
  five: 'pump',
  six: 'chwech',
  seven: 'saith',
  eight: 'wyth',
  nine: 'naw',
};
const numberWord = new RegExp(`\\b(${Object.keys(numberWords).join('|')})\\b`, 'gi');
const englishDate = new RegExp(`\\b(\\d{1,2} )?(${englishMonths.join('|')}) (\\d{4})\\b`, 'g');

/**
 * The framework's report sentences that carry values (the background paragraph, the ratings box's fieldwork line,
 * the acknowledgement of who led the inspection, the recommendations' introduction and headings, the domain and
 * standard introductions that count, the prompt tables' sub-samples, the methodology annexe's counted paragraphs,
 * and the key-question table's lead before its footnote), as the catalogue holds them: `{name}` written
 * `{{name}}`. A report's model is frozen in English when it is published, so its Welsh
 * edition is made from the finished English sentence: t() finds the values by these patterns.
 */
export const filledFrameworkSentences = [
  'We conducted fieldwork in {{service}} (YJS) over a period of a week, beginning on {{firstWeek}}.',
  'We conducted fieldwork in {{service}} (YJS) over a period of two weeks, week commencing {{firstWeek}} and week commencing {{secondWeek}}.',
  'We inspected cases where the sentence or licence began between {{from}} and {{to}}; out-of-court disposals that were delivered between {{from}} and {{to}}; and resettlement cases that were sentenced or released between {{from}} and {{to}}.',
  'We also conducted {{caseManagerInterviews}} interviews with case managers.',
  'Fieldwork started {{month}}',
  'This inspection was led by HM Inspector {{leadInspector}}, supported by a team of inspectors and colleagues from across the inspectorate.',
  '{{actor}} should:',
  'The {{service}} should:',
  'The {{service}} Management Board should:',
  'As a result of our inspection findings, we have made {{count}} recommendations that we believe, if implemented, will have a positive impact on the quality of youth offending services in {{place}}. This will improve the lives of the children in contact with youth offending services, and better protect the public.',
  'To inspect organisational delivery, we reviewed written evidence submitted in advance by the YJS and conducted {{meetings}} meetings, including with staff, volunteers, managers, board members, and partnership staff and their managers. Key findings about organisational delivery were as follows.',
  'We inspected the quality of policy and provision in place for resettlement work, using evidence from documents, meetings, and interviews. To illustrate that work, we inspected {{resettlementCases}} cases managed by the YJS that had received a custodial sentence. Our key findings were as follows.',
  'Our rating',
  'Of the {{relevant}} cases inspected:',
  'Of the {{relevant}} cases where there were factors related to keeping the child safe:',
  'Of the {{relevant}} cases where there were factors related to keeping other people safe:',
  'Of the {{relevant}} cases where there were changes in factors related to desistance:',
  'Of the {{relevant}} cases where there were changes in factors related to keeping the child safe:',
  'Of the {{relevant}} cases where there were changes in factors related to keeping other people safe:',
  'Of the {{relevant}} cases with factors related to keeping the child safe:',
  'Of the {{relevant}} cases with factors related to keeping other people safe:',
  'Of the {{relevant}} cases with youth conditional cautions:',
  'Of the {{relevant}} cases with factors relevant to keeping the child safe:',
  'Of the {{relevant}} cases with factors relevant to keeping other people safe:',
  'Of the {{relevant}} cases with factors related to the safety of the child:',
  'Of the {{relevant}} cases with factors related to the safety of other people:',
  'During the main fieldwork phase, we conducted {{caseManagerInterviews}} interviews with case managers. We held various meetings, which allowed us to triangulate evidence and information. In total, we conducted {{meetings}} meetings, which included meetings with managers, partner organisations and staff. The evidence collected under this domain was judged against our published ratings characteristics.',
  'We completed case assessments, examining case files and interviewing case managers. {{CourtCases}} of the cases selected were those of children who had received court disposals {{courtFromMonths}} to {{courtToMonths}} months earlier, enabling us to examine work in relation to assessing, planning, implementing and reviewing. Where necessary, interviews with other people closely involved in the case also took place.',
  'We completed case assessments, examining case files and interviewing case managers. {{OutOfCourtCases}} of the cases selected were those of children who had received out-of-court disposals {{outOfCourtFromMonths}} to {{outOfCourtToMonths}} months earlier. This enabled us to examine work in relation to assessing, planning, implementing and joint working. Where necessary, interviews with other people closely involved in the case also took place.',
  'In some areas of this report, data may have been split into smaller sub-samples – for example, male/female cases. Where this is the case, the margin of error for the sub-sample findings may be higher than {{marginOfErrorPoints}}.',
] as const;

/**
 * A sentence of the report's model in the language being written: t(), and in Welsh the values the patterns
 * leave as they were written in Welsh too: its English dates ("06 February 2023", "January 2023") and its counts
 * in words ("six"). A sentence t() does not hold stays as it was (in English).
 */
export function reportText(text: string | null | undefined): string {
  if (text === null || text === undefined) return '';
  const translated = t(text);
  if (currentLanguage() !== 'cy' || translated === text) return translated;
  return translated
    .replace(
      englishDate,
      (_whole, day: string | undefined, month: string, year: string) =>
        `${day ? `${Number(day)} ` : ''}${welshMonths[englishMonths.indexOf(month)]} ${year}`,
    )
    .replace(numberWord, (word: string) => {
      const welsh = numberWords[word.toLowerCase()]!;
      return word.charAt(0) === word.charAt(0).toUpperCase() ? welsh.charAt(0).toUpperCase() + welsh.slice(1) : welsh;
    });
}

/**
 * The key-question table's lead around its footnote ("Our rating¹ for assessment is based on the following key
 * questions:"): in English as the model holds it; in another language with the standard's own title in it.
 */
export function keyQuestionLead(standard: { title: string }, lead: { before: string; after: string }) {
  if (currentLanguage() === 'en') return lead;
  return {
    before: t(lead.before),
    after: t(' for {{standard}} is based on the following key questions:', { standard: t(standard.title) }),
  };
}

/**
 * The methodology's paragraphs: in English as the model holds them (frozen when published); in another language
 * written again from the model's figures, which the model holds beside them.
 */
export function methodologyParagraphs(model: ReportModel): string[] {
  const m = model.methodology;
  if (currentLanguage() === 'en') return m.paragraphs;
  const standards = model.domains.flatMap((d) => d.standards);
  const idsOf = (assessment: 'caseBased' | 'judged') =>
    standards
      .filter((s) => s.assessment === assessment)
      .map((s) => s.id)
      .join(', ');
  const conditions = [
    t('the lowest percentage is within {{points}} percentage points of a band boundary', {
      points: m.discretion.boundaryMarginPoints,
    }),
    ...(m.discretion.considerOneCaseChange ? [t('a different judgement in one case would change the rating')] : []),
    t('the rating rests on a sample or sub-sample of {{cases}} cases or fewer', {
      cases: m.discretion.smallSampleMaxCases,
    }),
  ];
  const separately = m.separatelyRated.map((s) => `${s.id} ${t(s.title)}`).join(', ');
  const scoring = t(
    'Each standard scores by its rating. The overall rating is the sum of the scores of the {{count}} standards in the overall score, 0 to {{max}}, placed in a band. There is no weighting and no limiting standard.',
    { count: m.standardsInScore, max: m.maxScore },
  );
  return [
    t(
      "This inspection used {{framework}}. The case-based standards ({{caseBased}}) are rated from the inspection of cases; the other standards ({{judged}}) are rated by the inspectors' judgement on the evidence against the published ratings characteristics.",
      { framework: t(m.frameworkTitle), caseBased: idsOf('caseBased'), judged: idsOf('judged') },
    ),
    t(
      "For each key question of a case-based standard, the percentage of relevant cases answered 'Yes' is worked out and {{rounding}}. Only cases to which the question applies count: the number of relevant cases is the denominator. The whole percentage is placed in a band.",
      { rounding: t(m.rounding) },
    ),
    t(
      'Each key question is an integral part of the standard, so a case-based standard takes the band of its lowest key question, shown in bold in the tables.',
    ),
    t(
      'The ratings panel considers professional discretion when {{conditions}}. It weighs the sizes of the sub-samples and the other key questions; when discretion is applied, the report says so in a footnote.',
      { conditions: conditions.join(t('; or ')) },
    ),
    m.separatelyRated.length === 0
      ? scoring
      : `${scoring} ${
          m.separatelyRated.length === 1
            ? t('{{standards}} is rated separately and does not influence the overall rating.', {
                standards: separately,
              })
            : t('{{standards}} are rated separately and do not influence the overall rating.', {
                standards: separately,
              })
        }`,
  ];
}

/**
 * Whether the report is written in a language its framework holds no words in (its standards' titles): the
 * report then says that the framework's words are shown in English (docs/welsh.md).
 */
export function frameworkUntranslated(model: ReportModel): boolean {
  const language = currentLanguage();
  if (language === 'en') return false;
  const titles = model.domains.flatMap((d) => d.standards.map((s) => s.title));
  return titles.length > 0 && !titles.some((title) => translator().has(title, language));
}
