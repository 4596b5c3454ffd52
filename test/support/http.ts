import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/** A JSON answer: the status and the parsed body. */
export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** The app listening on a loopback port, so that requests really run at the same time. */
export async function listen(app: Express) {
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** One API call with a bearer token (none: anonymous). */
export async function call(
  base: string,
  token: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(text) as Record<string, unknown>;
  } catch {
    parsed = { text };
  }
  return { status: response.status, body: parsed };
}

/** Fires `n` copies of a call at once and counts the answers by status. */
export async function race(n: number, fire: (i: number) => Promise<Answer>) {
  const answers = await Promise.all(Array.from({ length: n }, (_, i) => fire(i)));
  const byStatus: Record<number, number> = {};
  for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  return { answers, byStatus };
}
