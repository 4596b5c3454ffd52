import type { RequestHandler } from 'express';
import multer from 'multer';

/** The largest case CSV a person may upload. */
export const maxUploadBytes = 2 * 1024 * 1024;

const importPath = /^\/inspections\/[^/]+\/cases\/import$/;
const parseUpload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: maxUploadBytes, fieldSize: maxUploadBytes, files: 1, fields: 5, parts: 6 },
}).single('csvFile');

/**
 * Reads the case-import form (multipart), and only it. The app mounts it before the CSRF check, which needs
 * the form's `_csrf` field; only a signed-in user's upload is read. A file too large becomes a message on
 * the form, not an error page.
 */
export const caseImportUpload: RequestHandler = (req, res, next) => {
  const parsed = res.locals.caseImportParsed === true;
  if (parsed || req.method !== 'POST' || !importPath.test(req.path) || req.authenticatedBy !== 'session') return next();
  res.locals.caseImportParsed = true;
  parseUpload(req, res, (error: unknown) => {
    if (!(error instanceof multer.MulterError)) return next(error);
    res.locals.caseImportUploadError =
      error.code === 'LIMIT_FILE_SIZE' ? 'The selected file must be smaller than 2 MB' : 'Upload one CSV file';
    next();
  });
};
