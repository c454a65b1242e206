import { createHash, timingSafeEqual } from 'node:crypto';
import { Router, type NextFunction, type Request, type Response } from 'express';
import { inBothLanguages } from '../../i18n';
import { describeState, type ConnectionState } from './connection-state';
import { qrPng, qrSvg } from './qr';

export const WHATSAPP_ADMIN_PATH = '/admin/whatsapp';

export interface AdminView {
  state(): ConnectionState;
  currentQr(): string | undefined;
}

/**
 * Staff's view of the WhatsApp Web session: its state as JSON (`GET /admin/whatsapp`) and the login
 * QR code while one is waiting (`/admin/whatsapp/qr.png`, `/admin/whatsapp/qr.svg`; 404 otherwise).
 * Whoever scans the code links their phone as the program's number, so every request needs the
 * bearer token. For a server without a browser at hand (`curl`); admins signed in to the dashboard
 * see the same at /dashboard/saluran.
 */
export function whatsappAdminRouter(view: AdminView, adminToken: string): Router {
  const router = Router();
  router.use(requireBearer(adminToken));
  router.use((_request, response, next) => {
    // A QR code is a login: no cache or proxy may keep it.
    response.set('Cache-Control', 'no-store');
    next();
  });
  router.get('/', (_request, response) => {
    response.json({ ...describeState(view.state()), qrWaiting: view.currentQr() !== undefined });
  });
  router.get('/qr.png', async (_request, response) => {
    const qr = view.currentQr();
    if (!qr) return noQr(response, view.state());
    response.type('image/png').send(await qrPng(qr));
  });
  router.get('/qr.svg', async (_request, response) => {
    const qr = view.currentQr();
    if (!qr) return noQr(response, view.state());
    response.type('image/svg+xml').send(await qrSvg(qr));
  });
  return router;
}

function noQr(response: Response, state: ConnectionState): void {
  response.status(404).json({
    error: 'no_qr',
    message: inBothLanguages('channel.noQrWaiting'),
    state: state.phase,
  });
}

/** Compares digests, so neither the length nor the content of the token leaks through timing. */
function requireBearer(token: string) {
  const expected = createHash('sha256').update(token).digest();
  return (request: Request, response: Response, next: NextFunction) => {
    const given = /^Bearer (\S+)$/.exec(request.get('authorization') ?? '')?.[1] ?? '';
    const digest = createHash('sha256').update(given).digest();
    if (given !== '' && timingSafeEqual(digest, expected)) {
      next();
      return;
    }
    response
      .status(401)
      .set('WWW-Authenticate', 'Bearer realm="whatsapp"')
      .json({ error: 'unauthorized', message: 'A valid bearer token is required' });
  };
}
