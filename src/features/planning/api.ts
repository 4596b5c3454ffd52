import type { Services } from '../../platform/services.js';
import type { Endpoint, RequestBody } from '../../platform/web/api/openapi.js';

/** Keeps each endpoint's body type tied to its handler (as routes.ts does). */
const endpoint = <K extends RequestBody | undefined = undefined>(definition: Endpoint<K>) =>
  definition as unknown as Endpoint;

/** Planning an inspection (issue 5): the eligible population, the sample size, the draw, and using it. */
export function planningEndpoints(services: Services): Endpoint[] {
  return [
    endpoint({
      method: 'post',
      path: '/inspections/:id/population',
      operationId: 'importPopulation',
      summary: 'Imports the eligible population from CSV text: every row checked, all stored or nothing',
      description:
        'The CSV goes in `csv` (header row first). `mapping` names, for each of our fields, the header that holds ' +
        "it; left out, the service's remembered mapping or matching header names are used. Problems come back as " +
        '400 with `error.fields` "csv.0", "csv.1" … each naming the line. A population a sample was drawn from ' +
        'is replaced only with `replace: true`.',
      body: 'PopulationImport',
      status: 201,
      response: 'PopulationImported',
      errors: [400, 401, 403, 404],
      handle: ({ actor, param, body }) => services.planning.importPopulation(actor, param('id'), body),
    }),
    endpoint({
      method: 'post',
      path: '/inspections/:id/sample-size',
      operationId: 'sampleSize',
      summary: 'The sample size for a confidence level and margin, its split, and the formula with its numbers',
      description:
        'Changes nothing. Proportions: confidence 0.8 and margin 0.05 by default; `size` asks for the margin a chosen size achieves.',
      body: 'SampleSizeQuery',
      response: 'SampleSize',
      errors: [400, 401, 403, 404],
      handle: async ({ actor, param, body }) => {
        const { inspection: _inspection, ...size } = await services.planning.sampleSize(actor, param('id'), body);
        return size;
      },
    }),
    endpoint({
      method: 'post',
      path: '/inspections/:id/sample/draws',
      operationId: 'drawSample',
      summary: 'Draws a stratified sample with its reserve, and records it with its seed',
      description:
        'The same population, options and seed always draw the same sample. Without a seed, one is generated and returned.',
      body: 'DrawSample',
      status: 201,
      response: 'SampleDraw',
      errors: [400, 401, 403, 404],
      handle: ({ actor, param, body }) => services.planning.draw(actor, param('id'), body),
    }),
    endpoint({
      method: 'post',
      path: '/inspections/:id/sample/use',
      operationId: 'useSample',
      summary: "Makes a drawn sample (and every resettlement case) the inspection's cases",
      body: 'UseSample',
      response: 'SampleUsed',
      errors: [400, 401, 403, 404],
      handle: ({ actor, param, body }) => services.planning.useSample(actor, param('id'), body),
    }),
    endpoint({
      method: 'post',
      path: '/inspections/:id/sample/replacements',
      operationId: 'replaceIneligibleCase',
      summary: 'Replaces a case found not eligible with the next case of its reserve list',
      body: 'ReplaceCase',
      status: 201,
      response: 'CaseReplaced',
      errors: [400, 401, 403, 404],
      handle: ({ actor, param, body }) => services.planning.replaceIneligible(actor, param('id'), body),
    }),
  ];
}
