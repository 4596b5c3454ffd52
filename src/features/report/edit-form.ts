import type { Request, Response } from 'express';
import { ForbiddenError } from '../../platform/errors.js';
import type { Services } from '../../platform/services.js';
import { whoMay } from '../../policy/policy.js';
import { saveOrRedisplay, type FormErrors } from '../../platform/web/forms.js';

export type Params = { inspectionId: string };
export type StandardParams = Params & { standardId: string };
export const reportPath = (inspectionId: string) => `/inspections/${inspectionId}/report`;
export const versionField = (value: unknown) =>
  typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : undefined;

export interface Posted<T> {
  values: T;
  errors?: FormErrors;
  conflict?: boolean;
}

/** The edit forms are for those who may edit: a reader gets 403, not a form they cannot send. */
export async function demandEdit(services: Services, req: Request<Params>) {
  if (!(await services.report.abilities(req.actor!, req.params.inspectionId)).edit)
    throw new ForbiddenError(whoMay('report.edit'));
}

/** What every report form page shows: the typed or stored values, errors, a conflict, the version, "saved". */
export function formState(
  req: Request<Params>,
  posted: Posted<Record<string, string>> | undefined,
  stored: Record<string, string>,
  version: number,
) {
  return {
    values: posted?.values ?? stored,
    errors: posted?.errors,
    conflict: posted?.conflict ?? false,
    version,
    saved: req.query.saved === '1' && !posted,
    reportPath: reportPath(req.params.inspectionId),
    activeNav: 'inspections',
  };
}

/** Runs a save; a rule broken or a stale version re-shows the form with what the user typed (the one form helper). */
export const saveOrRerender = (
  res: Response,
  save: () => Promise<unknown>,
  redirect: string,
  rerender: (posted: { errors?: FormErrors; conflict?: boolean }) => Promise<void>,
) =>
  saveOrRedisplay(
    res,
    async () => {
      await save();
      return redirect;
    },
    (errors) => rerender({ errors }),
    () => rerender({ conflict: true }),
  );
