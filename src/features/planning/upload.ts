import { uploadReader } from '../../platform/web/upload.js';

/** A population file may be large: a year of a big service's cases, with every column. */
export const maxPopulationBytes = 20 * 1024 * 1024;

/** The population forms' upload; the mapping step sends the file back as a field, as large as the file. */
export const populationUpload = uploadReader({
  path: /^\/inspections\/[^/]+\/population(\/import)?$/,
  field: 'csvFile',
  maxBytes: maxPopulationBytes,
  fieldBytes: maxPopulationBytes,
  what: 'one CSV file',
  fields: 30,
});
