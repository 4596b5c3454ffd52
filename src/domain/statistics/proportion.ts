import jStat from 'jstat';

/** A proportion with its interval, all as fractions of one. */
export interface ProportionInterval {
  estimate: number;
  lower: number;
  upper: number;
}

export interface DifferenceInterval {
  /** The later proportion minus the earlier. */
  difference: number;
  lower: number;
  upper: number;
  /** The interval leaves out zero: the change is larger than chance alone would explain. */
  beyondChance: boolean;
}

/** Each level's z, once: a trend page asks for the same 95% some thousands of times. */
const zByConfidence = new Map<number, number>();

/** z for a two-sided confidence level, from jStat's normal quantile. */
export function zFor(confidence: number): number {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`a confidence level must be between 0 and 1, not ${confidence}`);
  let z = zByConfidence.get(confidence);
  if (z === undefined) {
    z = jStat.normal.inv(1 - (1 - confidence) / 2, 0, 1);
    if (zByConfidence.size < 100) zByConfidence.set(confidence, z);
  }
  return z;
}

/** The Wilson score interval for yes out of relevant (SciPy's proportion_ci(method='wilson')). */
export function wilsonInterval(yes: number, relevant: number, confidence = 0.95): ProportionInterval {
  if (!Number.isInteger(yes) || !Number.isInteger(relevant) || yes < 0 || relevant < 1 || yes > relevant) {
    throw new RangeError(`a proportion needs 0 <= yes <= relevant and relevant >= 1, not ${yes} of ${relevant}`);
  }
  const z = zFor(confidence);
  const p = yes / relevant;
  const z2 = z * z;
  const denominator = 1 + z2 / relevant;
  const centre = (p + z2 / (2 * relevant)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / relevant + z2 / (4 * relevant * relevant))) / denominator;
  // The bounds at 0 and 1 are exact; clamping removes the last-digit rounding past them.
  return {
    estimate: p,
    lower: yes === 0 ? 0 : Math.max(0, centre - half),
    upper: yes === relevant ? 1 : Math.min(1, centre + half),
  };
}

/**
 * Newcombe's hybrid score interval for the difference of two independent proportions (Newcombe 1998,
 * method 10): the Wilson bounds of each proportion combined, later minus earlier.
 */
export function newcombeDifference(
  earlier: { yes: number; relevant: number },
  later: { yes: number; relevant: number },
  confidence = 0.95,
): DifferenceInterval {
  const a = wilsonInterval(later.yes, later.relevant, confidence);
  const b = wilsonInterval(earlier.yes, earlier.relevant, confidence);
  const difference = a.estimate - b.estimate;
  const lower = difference - Math.sqrt((a.estimate - a.lower) ** 2 + (b.upper - b.estimate) ** 2);
  const upper = difference + Math.sqrt((a.upper - a.estimate) ** 2 + (b.estimate - b.lower) ** 2);
  return { difference, lower, upper, beyondChance: lower > 0 || upper < 0 };
}
