import { z } from 'zod';

/** How the framework's inspections size and select their case samples, as Annexe 1 states it. */
export const samplingRuleSchema = z.strictObject({
  confidencePercent: z.int().min(1).max(99),
  marginOfErrorPoints: z.int().min(1).max(50),
  /** Court sized on the court population first, out-of-court derived from the split (Merton Annexe 1). */
  sizing: z.enum(['courtFirst', 'combined']),
  split: z.strictObject({ courtPercent: z.int().min(0).max(100), outOfCourtPercent: z.int().min(0).max(100) }),
  /** How old a disposal may be, in months before fieldwork, for its case to be selected. */
  caseWindows: z.record(z.string(), z.strictObject({ fromMonths: z.int().min(0), toMonths: z.int().min(1) })),
  stratifiedBy: z.array(z.string().min(1)).min(1),
});

export type SamplingRule = z.infer<typeof samplingRuleSchema>;
