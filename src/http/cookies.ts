import type { Request, Response } from 'express';

export const SESSION_COOKIE = 'pendamping_session';

/** Reads one cookie of the request; the header is parsed here, there being no other use for a parser. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0 || part.slice(0, separator).trim() !== name) continue;
    const value = part.slice(separator + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export type CookieSecurity = 'auto' | 'true' | 'false';

export interface CookieOptions {
  security: CookieSecurity;
}

/**
 * HttpOnly (no script reads it), SameSite=Lax (not sent with another site's form posts or fetches),
 * Secure behind TLS: always with `true`, with `auto` when the request came over https (directly, or as
 * a proxy trusted through TRUST_PROXY says).
 */
export function setSessionCookie(
  request: Request,
  response: Response,
  options: CookieOptions,
  value: string,
  maxAgeMs: number,
): void {
  response.cookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure(request, options),
    path: '/',
    maxAge: maxAgeMs,
  });
}

export function clearSessionCookie(request: Request, response: Response, options: CookieOptions): void {
  response.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecure(request, options),
    path: '/',
  });
}

function isSecure(request: Request, { security }: CookieOptions): boolean {
  return security === 'true' || (security === 'auto' && request.secure);
}
