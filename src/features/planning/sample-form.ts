import { defaultStrata, stratumVariableNames } from '../../domain/sampling/strata.js';
import type { DrawInput } from './service/schemas.js';
import { formText } from '../../platform/web/forms.js';

/** The sample forms as typed: percentages and points, the split, the strata, the seed and a chosen size. */
export interface SampleFormValues {
  confidence: string;
  margin: string;
  split: string;
  sizing: string;
  court: string;
  outOfCourt: string;
  size: string;
  seed: string;
  strata: string[];
}

export const defaultSampleValues: SampleFormValues = {
  confidence: '80',
  margin: '5',
  split: 'ratio',
  sizing: '',
  court: '',
  outOfCourt: '',
  size: '',
  seed: '',
  strata: [...defaultStrata],
};

/** From a query string or a posted form; anything not given keeps its default. */
export function sampleValuesFrom(source: Record<string, unknown>, strataGiven = false): SampleFormValues {
  const text = (name: keyof SampleFormValues) => {
    const value = source[name];
    return typeof value === 'string' ? value.trim() : undefined;
  };
  const strata = [source.strata].flat().filter((s): s is string => typeof s === 'string');
  return {
    confidence: text('confidence') ?? defaultSampleValues.confidence,
    margin: text('margin') ?? defaultSampleValues.margin,
    split: text('split') ?? defaultSampleValues.split,
    sizing: text('sizing') ?? defaultSampleValues.sizing,
    court: text('court') ?? '',
    outOfCourt: text('outOfCourt') ?? '',
    size: text('size') ?? '',
    seed: text('seed') ?? '',
    strata: strataGiven || strata.length > 0 ? strata : defaultSampleValues.strata,
  };
}

/** A number typed in a box: "80", "80%", " 5 "; NaN when it is not one. */
const numberIn = (value: string) => (value === '' ? NaN : Number(value.replace(/%$/, '').trim()));

/** The service's input from the typed values, with the problems the service cannot see (words for numbers). */
export function sampleInputFrom(values: SampleFormValues): {
  input: DrawInput & { size?: number };
  errors: Record<string, string>;
} {
  const errors: Record<string, string> = {};
  const percent = (name: 'confidence' | 'margin', words: string) => {
    const n = numberIn(values[name]);
    if (Number.isNaN(n)) errors[name] = `Enter the ${words} as a number, like ${defaultSampleValues[name]}`;
    return n / 100;
  };
  const whole = (name: 'court' | 'outOfCourt' | 'size' | 'seed', words: string) => {
    const n = numberIn(values[name]);
    if (Number.isNaN(n) || !Number.isInteger(n)) errors[name] = `Enter ${words} as a whole number`;
    return n;
  };
  const input: DrawInput & { size?: number } = {
    confidence: percent('confidence', 'confidence level'),
    margin: percent('margin', 'margin of error'),
    strata: values.strata.filter((s) => (stratumVariableNames as string[]).includes(s)) as DrawInput['strata'],
  };
  if (values.split === 'proportional') input.split = { kind: 'proportional' };
  else if (values.split === 'byHand')
    input.split = {
      kind: 'byHand',
      court: whole('court', 'the number of court cases'),
      outOfCourt: whole('outOfCourt', 'the number of out-of-court cases'),
    };
  else if (values.split === 'ratio') input.split = { kind: 'ratio', court: 60, outOfCourt: 40 };
  else errors.split = 'Select how to split the sample between court and out-of-court cases';
  if (values.sizing === 'courtFirst' || values.sizing === 'combined') input.sizing = values.sizing;
  else if (values.sizing !== '') errors.sizing = 'Select how to size the sample';
  if (formText(values.size)) input.size = whole('size', 'the sample size');
  if (formText(values.seed)) input.seed = whole('seed', 'the seed');
  return { input, errors };
}

/** The service's field names as the form's: split.court is the court box. */
export function formFieldsOf(fields: Record<string, string>): Record<string, string> {
  const named: Record<string, string> = {};
  for (const [field, message] of Object.entries(fields)) {
    const name = field.replace(/^split\./, '').replace(/^strata\.\d+$/, 'strata');
    named[name] ??= message;
  }
  return named;
}
