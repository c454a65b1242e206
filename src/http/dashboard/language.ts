import type { Request, Response } from 'express';
import { readCookie } from '../cookies';

/** The dashboard is in Indonesian; English is one click away for officers and visitors who need it. */
export type PageLanguage = 'id' | 'en';

export const LANGUAGE_COOKIE = 'pendamping_lang';
const ONE_YEAR_MS = 365 * 24 * 3_600_000;

/** The language a request's pages are written in: the chosen one, else Indonesian. */
export function pageLanguageOf(request: Request): PageLanguage {
  return readCookie(request, LANGUAGE_COOKIE) === 'en' ? 'en' : 'id';
}

/**
 * Picks the text for the page's language. Both are written side by side where they are used, so a
 * page can never show a label that was forgotten in the other language.
 */
export type Translate = (indonesian: string, english: string) => string;

export const translator =
  (language: PageLanguage): Translate =>
  (indonesian, english) =>
    language === 'en' ? english : indonesian;

/** Only a dashboard page of this site may be returned to, never another site (no open redirect). */
export function dashboardPathOrHome(candidate: unknown, home: string): string {
  return typeof candidate === 'string' &&
    /^\/dashboard(\/[A-Za-z0-9_\-/.%?=&]*)?$/.test(candidate) &&
    !candidate.includes('//')
    ? candidate
    : home;
}

/**
 * GET /dashboard/bahasa?ke=en&kembali=/dashboard/...: a preference, not an action on data, so a link
 * rather than a form; it changes nothing but this cookie.
 */
export function switchLanguage(home: string) {
  return (request: Request, response: Response) => {
    const language: PageLanguage = request.query.ke === 'en' ? 'en' : 'id';
    response.cookie(LANGUAGE_COOKIE, language, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      maxAge: ONE_YEAR_MS,
    });
    response.redirect(303, dashboardPathOrHome(request.query.kembali, home));
  };
}
