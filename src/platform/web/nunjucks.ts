import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import nunjucks from 'nunjucks';
import { longDate, longDateTime } from '../../domain/dates.js';
import { clientMessagesJson, currentLanguage, t, translator } from '../i18n/index.js';
import { frameworkHoldsLanguage, translateFrameworksWith } from '../framework-registry.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
/** Templates live beside the TypeScript (src/platform/web/views, src/features/<feature>/views), found from src/ and dist/ alike. */
const webRoot = here('../../../src/');

/** The one template environment: the pages, and the report written outside a request (command line, PDF), share it. */
export function createViewEnvironment(options: { reloadTemplates?: boolean } = {}): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader(
      [
        `${webRoot}platform/web/views`,
        `${webRoot}features`,
        here('../../../node_modules/govuk-frontend/dist'),
        here('../../../node_modules/@ministryofjustice/frontend'),
      ],
      // Templates are read once; YJ_RELOAD_TEMPLATES=1 (config.ts) re-reads them while editing.
      { noCache: options.reloadTemplates ?? false },
    ),
    { autoescape: true, throwOnUndefined: false },
  );
  /** The message in the page's language, its English sentence the key; values fill its placeholders (docs/welsh.md). */
  env.addGlobal('t', t);
  /** The words the browser's scripts write, in the page's language, as JSON for <body data-app-messages>. */
  env.addGlobal('clientMessagesJson', clientMessagesJson);
  /** The page's language, 'en' or 'cy'. */
  env.addGlobal('currentLanguage', currentLanguage);
  // A framework's own words in Welsh are data (docs/frameworks.md): each framework loaded adds them to t().
  translateFrameworksWith(translator());
  /** Whether a framework (or a framework key) holds its words in a language: frameworks/views/language-notice.njk. */
  env.addGlobal('frameworkHoldsLanguage', frameworkHoldsLanguage);
  /** "2023-01-16" or a Date as "16 January 2023" (in Welsh "16 Ionawr 2023"). */
  env.addFilter('govukDate', (value: string | Date | null | undefined) =>
    value ? longDate(value, { language: currentLanguage() }) : '',
  );
  env.addFilter('govukDateTime', (value: Date | null | undefined) =>
    value ? longDateTime(value, currentLanguage()) : '',
  );
  return env;
}

export function configureViews(app: Express, options: { reloadTemplates: boolean }): nunjucks.Environment {
  const env = createViewEnvironment(options);
  env.express(app);
  app.set('view engine', 'njk');
  return env;
}
