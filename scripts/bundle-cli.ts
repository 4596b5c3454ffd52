/**
 * Bundles the command line's pure path (the dispatcher, `rate`, `frameworks`, `sample`, the domain and the
 * few pure packages they use) into a handful of files in dist/cli-bundle, which bin/yj-inspect.js runs.
 *
 * Why: Node loads an ES module graph file by file. Unbundled, `rate` opens about 130 files, 95 of them zod's
 * (64 are locales that nothing here uses); on a loaded machine those opens are most of its time. Bundled,
 * it opens six, and zod's locales are left out.
 *
 * What is not bundled: the commands that open the database (they stay in dist/cli/commands and keep their
 * own module graph), and the two modules whose error classes cross between the two (`instanceof` must see
 * one class): src/domain/input/input-error.ts and src/cli/io.ts.
 */
import { rmSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Modules (under src/, as .js specifiers) loaded from `externalDir` instead of being bundled. */
const unbundled = [
  /^cli\/commands\/(server|accounts|plans|report|frameworks-add|database|team|national)\.js$/,
  /^domain\/input\/input-error\.js$/,
  /^cli\/io\.js$/,
];

/** The packages the pure commands use (test/cli/loaded-modules.test.ts lists the same). */
const bundledPackages = /^(zod|jsonc-parser|csv-parse|csv-stringify)(\/|$)/;

export interface BundleOptions {
  /** Where the bundle goes; two folders below the root, as dist/cli is, so `../../package.json` still works. */
  outdir: string;
  /** The compiled tree (dist) the unbundled modules are loaded from (src for a test run under tsx). */
  externalDir: string;
}

export async function bundleCli({ outdir, externalDir }: BundleOptions): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    entryPoints: [`${root}src/cli/bin.ts`],
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minifySyntax: true,
    minifyWhitespace: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'yj-inspect',
        setup(b) {
          // zod's `locales` namespace (64 files) is exported but never used here; English is loaded on its own.
          b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
            args.importer.includes('/node_modules/zod/') ? { path: 'zod-locales', namespace: 'empty' } : undefined,
          );
          b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {};', loader: 'js' }));
          // Only the pure packages are bundled; any other (a command added without being listed below) stays in
          // node_modules, where its own files (wasm, templates) are.
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            bundledPackages.test(args.path) ? undefined : { path: args.path, external: true },
          );
          b.onResolve({ filter: /^\./ }, (args) => {
            const fromSrc = relative(`${root}src`, fileURLToPath(new URL(args.path, `file://${args.resolveDir}/`)));
            if (!unbundled.some((pattern) => pattern.test(fromSrc))) return undefined;
            const path = relative(outdir, `${externalDir}/${fromSrc}`);
            return { path: path.startsWith('.') ? path : `./${path}`, external: true };
          });
        },
      },
    ],
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  await bundleCli({ outdir: `${root}dist/cli-bundle`, externalDir: `${root}dist` });
