import { z } from 'zod';

/**
 * The attributes recorded for each case, with the words the forms show. The reports describe the sample
 * by sex, ethnicity group (white; Black, Asian and minority ethnic, by group) and disability.
 */
export const caseAttributeOptions = {
  sex: { male: 'Male', female: 'Female', unknown: 'Not known' },
  ethnicityGroup: {
    white: 'White',
    black: 'Black or Black British',
    asian: 'Asian or Asian British',
    mixed: 'Mixed or multiple ethnic groups',
    other: 'Other ethnic group',
    unknown: 'Not recorded',
  },
  disability: { yes: 'Yes', no: 'No', unknown: 'Not known' },
  lookedAfter: { yes: 'Yes', no: 'No', unknown: 'Not known' },
  ageBand: { '10-14': '10 to 14', '15-17': '15 to 17', '18+': '18 or over' },
  rosh: { low: 'Low', medium: 'Medium', high: 'High', veryHigh: 'Very high' },
  swb: { low: 'Low', medium: 'Medium', high: 'High', veryHigh: 'Very high' },
} as const;

export type CaseAttribute = keyof typeof caseAttributeOptions;

const optional = <T extends Record<string, string>>(options: T, label: string) =>
  z
    .enum(Object.keys(options) as [keyof T & string, ...(keyof T & string)[]], {
      error: `Select the ${label} from the list`,
    })
    .nullish();

/** Case factors, posted as yes / no / unknown (not known: the inspector's answers decide). */
export const factorFields = [
  {
    field: 'childSafetyFactors',
    factorId: 'childSafety',
    legend: 'Are there factors related to keeping the child safe?',
  },
  {
    field: 'otherPeopleSafetyFactors',
    factorId: 'otherPeopleSafety',
    legend: 'Are there factors related to keeping other people safe?',
  },
  { field: 'reviewRequired', factorId: 'reviewRequired', legend: 'Did changes in the case require a review?' },
  {
    field: 'reviewDesistance',
    factorId: 'reviewDesistance',
    legend: 'Were there changes in factors related to desistance?',
  },
  {
    field: 'reviewChildSafety',
    factorId: 'reviewChildSafety',
    legend: 'Were there changes in factors related to keeping the child safe?',
  },
  {
    field: 'reviewOtherPeopleSafety',
    factorId: 'reviewOtherPeopleSafety',
    legend: 'Were there changes in factors related to keeping other people safe?',
  },
] as const;

export type FactorField = (typeof factorFields)[number]['field'];

/** The factor fields of the framework's case factors, in the forms' order. */
export const factorFieldsOf = (caseFactors: readonly { id: string }[]) =>
  factorFields.filter((f) => caseFactors.some((c) => c.id === f.factorId));

const factor = z.boolean().nullish();

/** A case as the forms, the CSV import and the API give it. Checked against the framework by the service. */
export const caseInputSchema = z.object({
  ref: z
    .string()
    .trim()
    .min(1, 'Enter a case reference')
    .max(40, 'Case reference must be 40 characters or fewer')
    .regex(/^[A-Za-z0-9][A-Za-z0-9/_.-]*$/, 'Case reference must be letters, digits, and / _ . - only (never a name)'),
  domain: z.string().min(1, 'Select the kind of case'),
  disposal: z.string().nullish(),
  sex: optional(caseAttributeOptions.sex, 'sex'),
  ethnicityGroup: optional(caseAttributeOptions.ethnicityGroup, 'ethnicity group'),
  disability: optional(caseAttributeOptions.disability, 'disability'),
  lookedAfter: optional(caseAttributeOptions.lookedAfter, 'looked-after status'),
  ageBand: optional(caseAttributeOptions.ageBand, 'age band'),
  rosh: optional(caseAttributeOptions.rosh, 'risk of serious harm classification'),
  swb: optional(caseAttributeOptions.swb, 'safety and wellbeing classification'),
  childSafetyFactors: factor,
  otherPeopleSafetyFactors: factor,
  reviewRequired: factor,
  reviewDesistance: factor,
  reviewChildSafety: factor,
  reviewOtherPeopleSafety: factor,
  caseManagerInterviewed: z.boolean().default(false),
});

export type CaseInput = z.input<typeof caseInputSchema>;
export type CaseAttributes = z.output<typeof caseInputSchema>;
