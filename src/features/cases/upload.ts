import { uploadReader } from '../../platform/web/upload.js';

/** The largest case CSV a person may upload. */
export const maxUploadBytes = 2 * 1024 * 1024;

/** The case import's upload: one CSV file, or the CSV pasted into a field as large. */
export const caseImportUpload = uploadReader({
  path: /^\/inspections\/[^/]+\/cases\/import$/,
  field: 'csvFile',
  maxBytes: maxUploadBytes,
  fieldBytes: maxUploadBytes,
  what: 'one CSV file',
  fields: 5,
});
