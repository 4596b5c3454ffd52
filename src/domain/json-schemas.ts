import { z } from 'zod';
import { findingsFileSchema } from './findings/schema.js';
import { frameworkFileSchema } from './framework/schema.js';

/** The JSON Schemas published in schemas/, generated from the zod schemas that validate the files. */
export function jsonSchemas(): Record<string, object> {
  const schema = (title: string, zodSchema: z.ZodType) => ({
    title,
    ...z.toJSONSchema(zodSchema, { target: 'draft-2020-12', io: 'input' }),
  });
  return {
    'findings.schema.json': schema('yj-inspect findings file', findingsFileSchema),
    'framework.schema.json': schema('yj-inspect framework version', frameworkFileSchema),
  };
}
