import type { Request, RequestHandler, Response } from 'express';
import multer from 'multer';
import { formText } from './forms.js';

/** A multipart form with one file: where it is posted, its file field and what it may hold. */
export interface UploadForm {
  path: RegExp;
  field: string;
  maxBytes: number;
  /** What the form takes, for its message: "one CSV file". */
  what: string;
  /** How many other fields it posts. */
  fields: number;
  /** The largest other field: a step that sends the file back as a field needs the file's size. */
  fieldBytes?: number;
}

const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/**
 * The one upload reader: reads the form (multipart), and only it, into memory within its limits. Mounted
 * before the CSRF check, which needs the form's `_csrf` field, and only for a signed-in user. A file too
 * large or a form of the wrong shape becomes a message on the form (`uploadError`), not an error page.
 */
export function uploadReader(form: UploadForm): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    limits: {
      fileSize: form.maxBytes,
      fieldSize: form.fieldBytes ?? 64 * 1024,
      files: 1,
      fields: form.fields,
      parts: form.fields + 1,
    },
  }).single(form.field);
  return (req, res, next) => {
    if (res.locals.uploadRead === true || req.method !== 'POST' || !form.path.test(req.path)) return next();
    if (req.authenticatedBy !== 'session' || !req.is('multipart/form-data')) return next();
    res.locals.uploadRead = true;
    parse(req, res, (error: unknown) => {
      if (!(error instanceof multer.MulterError)) return next(error);
      const tooLarge = error.code === 'LIMIT_FILE_SIZE' || error.code === 'LIMIT_FIELD_VALUE';
      res.locals.uploadError = tooLarge
        ? `The selected file must be smaller than ${megabytes(form.maxBytes)}`
        : `Upload ${form.what}`;
      next();
    });
  };
}

/** Why the upload could not be read, if it could not. */
export const uploadError = (res: Response) => res.locals.uploadError as string | undefined;

/** The CSV the person gave: an uploaded file (`csvFile`) or pasted text (`csvText`), one of the two, as UTF-8 text. */
export function csvFrom(req: Request, res: Response): { field: 'csvFile' | 'csvText'; text?: string; error?: string } {
  const refused = uploadError(res);
  if (refused) return { field: 'csvFile', error: refused };
  const file = req.file && (req.file.originalname || req.file.size > 0) ? req.file : undefined;
  const pasted = formText((req.body as Record<string, unknown> | undefined)?.csvText);
  if (file && pasted) return { field: 'csvText', error: 'Upload a file or paste the CSV, not both' };
  if (pasted) return { field: 'csvText', text: pasted };
  if (!file) return { field: 'csvFile', error: 'Select a CSV file, or paste the CSV into the box' };
  if (!/\.(csv|txt)$/i.test(file.originalname)) return { field: 'csvFile', error: 'The selected file must be a CSV' };
  if (file.size === 0) return { field: 'csvFile', error: 'The selected file is empty' };
  try {
    return { field: 'csvFile', text: new TextDecoder('utf-8', { fatal: true }).decode(file.buffer) };
  } catch {
    return { field: 'csvFile', error: 'The selected file must be saved as "CSV UTF-8" (a spreadsheet can save it so)' };
  }
}
