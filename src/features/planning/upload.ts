import type { RequestHandler } from 'express';
import multer from 'multer';

/** A population file may be large: a year of a big service's cases, with every column. */
export const maxPopulationBytes = 20 * 1024 * 1024;

const populationPaths = /^\/inspections\/[^/]+\/population(\/import)?$/;
const parseUpload = multer({
  storage: multer.memoryStorage(),
  // The mapping step sends the file back as a field: the field limit is the file's.
  limits: { fileSize: maxPopulationBytes, fieldSize: maxPopulationBytes, files: 1, fields: 30, parts: 32 },
}).single('csvFile');

/**
 * Reads the population forms (multipart), and only them: mounted before the CSRF check, which needs the
 * form's `_csrf` field, and only for a signed-in user. A file too large becomes a message on the form.
 */
export const populationUpload: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || !populationPaths.test(req.path) || req.authenticatedBy !== 'session') return next();
  if (!req.is('multipart/form-data')) return next();
  parseUpload(req, res, (error: unknown) => {
    if (!(error instanceof multer.MulterError)) return next(error);
    res.locals.populationUploadError =
      error.code === 'LIMIT_FILE_SIZE' || error.code === 'LIMIT_FIELD_VALUE'
        ? 'The selected file must be smaller than 20 MB'
        : 'Upload one CSV file';
    next();
  });
};
