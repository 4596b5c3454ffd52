/**
 * Prints the README's access matrix from src/policy/policy.ts, as Prettier formats it, between the markers
 * the README test reads: `npx tsx scripts/access-matrix.ts`.
 */
import { format } from 'prettier';
import { matrixMarkdown } from '../src/policy/policy.js';

const table = await format(matrixMarkdown(), { parser: 'markdown' });
process.stdout.write(`<!-- access-matrix:start -->\n\n${table}\n<!-- access-matrix:end -->\n`);
