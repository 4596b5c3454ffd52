// The resolve hook behind module-log.ts; it runs on Node's loader thread, so it writes each line at once.
import { appendFileSync } from 'node:fs';
import type { ResolveHook } from 'node:module';

let log = '';

export function initialize(file: string): void {
  log = file;
}

export const resolve: ResolveHook = async (specifier, context, nextResolve) => {
  const resolved = await nextResolve(specifier, context);
  appendFileSync(log, `${context.parentURL ?? ''}\t${resolved.url}\n`);
  return resolved;
};
