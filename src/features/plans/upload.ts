import type { RequestHandler } from 'express';
import multer from 'multer';

const importPath = /^\/plans\/[^/]+\/import$/;
const parseUpload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: 2 * 1024 * 1024, fieldSize: 64 * 1024, files: 1, fields: 6, parts: 7 },
}).single('file');

/**
 * Reads the plan-import form (multipart), and only it, before the app's CSRF check (which needs its _csrf
 * field); only a signed-in user's upload. A file too large becomes a message on the form.
 */
export const planImportUpload: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST' || !importPath.test(req.path) || req.authenticatedBy !== 'session') return next();
  parseUpload(req, res, (error: unknown) => {
    if (!(error instanceof multer.MulterError)) return next(error);
    res.locals.planImportUploadError =
      error.code === 'LIMIT_FILE_SIZE' ? 'The selected file must be smaller than 2 MB' : 'Upload one CSV or XLSX file';
    next();
  });
};
