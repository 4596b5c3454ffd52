import type { RequestHandler } from 'express';
import { unstorableFields } from '../../../domain/input/text.js';
import { ValidationError } from '../../errors.js';

/**
 * Every text that reaches a page or an API operation, in its body (JSON, form or multipart fields) or its query,
 * passes the one text rule first: a NUL, a lone surrogate or a non-character is a 400 naming the field, never
 * a 500 from the database nor a U+FFFD put in silently.
 */
export const refuseUnstorableText: RequestHandler = (req, _res, next) => {
  const fields = { ...unstorableFields(req.query), ...unstorableFields(req.body) };
  next(Object.keys(fields).length ? new ValidationError(fields) : undefined);
};
