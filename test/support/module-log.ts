// Records every module the process resolves, as "importer<TAB>module" lines in the file YJ_MODULE_LOG names:
// `node --import tsx --import ./test/support/module-log.ts ...` shows what a command really loads.
import { register } from 'node:module';

if (process.env.YJ_MODULE_LOG) register('./module-log-hooks.ts', import.meta.url, { data: process.env.YJ_MODULE_LOG });
