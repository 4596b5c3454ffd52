import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../src/domain/json-schemas.js';

describe('the JSON Schemas in schemas/', () => {
  it.each(Object.entries(jsonSchemas()))(
    '%s is up to date with the validation code (npm run schemas)',
    (name, schema) => {
      const committed = JSON.parse(readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8')) as object;
      expect(committed).toEqual(schema);
    },
  );
});
