import type { RequestHandler, Response } from 'express';
import type { Services } from '../../services.js';
import { permissionsOn, type Permission } from '../../../policy/policy.js';

/**
 * `permits(permission)` for the views of an inspection's pages: whether the viewer may use a link, button or
 * form there. It is `permissionsOn`, the decision `inspectionWith` makes for the routes, so a page offers
 * exactly what its routes would let the viewer do.
 */
export function permitsOnInspection(services: Services): RequestHandler<{ inspectionId: string }> {
  return async (req, res, next) => {
    if (!req.actor) return next();
    const permitted = await permissionsOn(services.database.db, req.actor, req.params.inspectionId);
    res.locals.permitted = permitted;
    res.locals.permits = (permission: Permission) => permitted.has(permission);
    next();
  };
}

/** What `permitsOnInspection` found the viewer may do on the inspection of this request: read once per request. */
export const permittedOn = (res: Response): ReadonlySet<Permission> =>
  (res.locals.permitted as Set<Permission> | undefined) ?? new Set();
