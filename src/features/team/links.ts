import type { Request } from 'express';

/** The address the browser used; invitation links start with it when YJ_PUBLIC_URL is not set. */
export const requestOrigin = (req: Pick<Request, 'protocol' | 'get'>) =>
  `${req.protocol}://${req.get('host') ?? 'localhost'}`;
