import { uploadReader } from '../../platform/web/upload.js';

/** The plan import's upload: one CSV or XLSX file. */
export const planImportUpload = uploadReader({
  path: /^\/plans\/[^/]+\/import$/,
  field: 'file',
  maxBytes: 2 * 1024 * 1024,
  what: 'one CSV or XLSX file',
  fields: 6,
});
