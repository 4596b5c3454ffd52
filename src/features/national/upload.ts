import { uploadReader } from '../../platform/web/upload.js';

/** The national file is small (83 rows, 25 kB); a newer one will not be a hundred times larger. */
export const maxNationalBytes = 1024 * 1024;

/** The national import's upload: one CSV file, or the CSV pasted. */
export const nationalUpload = uploadReader({
  path: /^\/national\/import$/,
  field: 'csvFile',
  maxBytes: maxNationalBytes,
  fieldBytes: maxNationalBytes,
  what: 'one CSV file',
  fields: 4,
});
