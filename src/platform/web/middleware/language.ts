import type { Request, RequestHandler } from 'express';
import { isLanguage, languageNames, languages, translator, withLanguage, type Language } from '../../i18n/index.js';

export interface LanguageOptions {
  production: boolean;
  /** Remembers a signed-in user's choice of language (the accounts feature's users.setLanguage). */
  remember: (req: Request, language: Language) => Promise<void>;
}

const yearMs = 365 * 86_400_000;

/** The page's own address with `lang` set: the toggle keeps the user on the page they are reading. */
function hrefIn(req: Request, language: Language): string {
  const url = new URL(req.originalUrl, 'http://page.invalid');
  url.searchParams.set('lang', language);
  return `${url.pathname}${url.search}`;
}

/**
 * The page's language (i18next-http-middleware's detector: ?lang=, the user's own choice, the cookie), kept for
 * everything the request renders; the toggle's links; and, when ?lang= is given, the choice remembered in a
 * cookie and, for a signed-in user, in their account.
 *
 * The detector is asked directly, not through the package's middleware: that one makes a copy of the i18next
 * instance for every request (cloneInstance and changeLanguage, a fifth of a small page's time), for req.t and
 * req.i18n, which nothing here uses (t() reads the language kept for the request).
 */
export function language(options: LanguageOptions): RequestHandler {
  const detector = translator().i18n.services.languageDetector as { detect(req: Request, res: unknown): unknown };
  return async (req, res, next) => {
    const detected = detector.detect(req, res);
    const chosen: Language = isLanguage(detected) ? detected : 'en';
    // As the package's middleware: the response says its language (a supported code, which the detector checked).
    if (typeof detected === 'string') res.set('Content-Language', detected);
    const asked = req.query.lang;
    if (typeof asked === 'string' && isLanguage(asked)) {
      res.cookie('lang', asked, {
        httpOnly: true,
        sameSite: 'lax',
        secure: options.production,
        path: '/',
        maxAge: yearMs,
      });
      if (req.actor && req.actor.language !== asked) await options.remember(req, asked);
    }
    res.locals.t = translator().t;
    res.locals.htmlLang = chosen;
    res.locals.languageToggle = languages.map((code) => ({
      code,
      name: languageNames[code],
      href: hrefIn(req, code),
      current: code === chosen,
    }));
    withLanguage(chosen, next);
  };
}
