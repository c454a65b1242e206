import type { Request, Response } from 'express';
import { newSecretToken } from '../../auth/secret-tokens';
import { readCookie, type CookieOptions } from '../cookies';
import type { Flash } from './layout';

/**
 * Before sign-in there is no session to hold a CSRF token, so the sign-in form carries one that must
 * match this cookie (double submit): another site can make a browser post the form, but cannot read
 * or set the cookie, so it cannot sign someone in under its own account.
 */
export const SIGN_IN_CSRF_COOKIE = 'pendamping_signin';
const FLASH_COOKIE = 'pendamping_flash';
const SIGN_IN_FORM_MS = 2 * 3_600_000;

/** The token a sign-in form carries: the browser's own while it is well-formed, else a new one. */
export const signInTokenOf = (existing: string | undefined): string =>
  existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : newSecretToken();

/** Sets (or renews) the cookie the sign-in form's token is checked against. */
export const keepSignInToken =
  (token: string) =>
  (request: Request, response: Response, options: CookieOptions): void => {
    response.cookie(SIGN_IN_CSRF_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: secure(request, options),
      path: '/dashboard/masuk',
      maxAge: SIGN_IN_FORM_MS,
    });
  };

export function clearSignInToken(request: Request, response: Response, options: CookieOptions): void {
  response.clearCookie(SIGN_IN_CSRF_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(request, options),
    path: '/dashboard/masuk',
  });
}

/**
 * The phone someone asked a sign-in code for, so that the form for the code is filled in after the
 * redirect without the phone appearing in an address (and so in logs or the browser's history).
 */
const CODE_LOGIN_COOKIE = 'pendamping_signin_login';
const CODE_LOGIN_MS = 10 * 60_000;

export const rememberCodeLogin =
  (login: string) =>
  (request: Request, response: Response, options: CookieOptions): void => {
    response.cookie(CODE_LOGIN_COOKIE, login.slice(0, 200), {
      httpOnly: true,
      sameSite: 'strict',
      secure: secure(request, options),
      path: '/dashboard/masuk',
      maxAge: CODE_LOGIN_MS,
    });
  };

/** The phone a code was asked for, read with the page input's `cookie`. */
export const codeLoginOf = (cookie: (name: string) => string | undefined): string =>
  cookie(CODE_LOGIN_COOKIE) ?? '';

export function forgetCodeLogin(request: Request, response: Response, options: CookieOptions): void {
  response.clearCookie(CODE_LOGIN_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: secure(request, options),
    path: '/dashboard/masuk',
  });
}

/**
 * The message shown once after a form's redirect (post, redirect, get): kept in a short-lived cookie
 * rather than the address, so that reloading or sharing the page does not show it again.
 */
export function setFlash(request: Request, response: Response, options: CookieOptions, flash: Flash): void {
  response.cookie(FLASH_COOKIE, JSON.stringify(flash), {
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(request, options),
    path: '/dashboard',
    maxAge: 60_000,
  });
}

export function takeFlash(request: Request, response: Response, options: CookieOptions): Flash | undefined {
  const stored = readCookie(request, FLASH_COOKIE);
  if (stored === undefined) return undefined;
  response.clearCookie(FLASH_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(request, options),
    path: '/dashboard',
  });
  try {
    const parsed: unknown = JSON.parse(stored);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'kind' in parsed &&
      'text' in parsed &&
      (parsed.kind === 'ok' || parsed.kind === 'error') &&
      typeof parsed.text === 'string'
    ) {
      return { kind: parsed.kind, text: parsed.text.slice(0, 500) };
    }
  } catch {
    // A mangled cookie shows nothing rather than failing the page.
  }
  return undefined;
}

function secure(request: Request, { security }: CookieOptions): boolean {
  return security === 'true' || (security === 'auto' && request.secure);
}
