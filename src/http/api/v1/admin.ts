import { Types } from 'mongoose';
import { z } from 'zod';
import {
  auditActorOf,
  findAccountForSignIn,
  isAdmin,
  issueApiToken,
  MIN_PASSWORD_LENGTH,
  normalizeLogin,
  recordAudit,
  revokeApiToken,
  setPassword,
} from '../../../auth';
import type { ApiDependencies } from './dependencies';
import { endpoint, fail, forbidden } from './endpoint';
import { accountView } from './session';
import { tokenBody } from './responses';

const login = z.string().trim().min(3).max(200).describe('phone or e-mail of a staff member or mentor');

/** Tokens for integrations and passwords for people: Dinsos admins only, every change audited. */
export function adminEndpoints({ models }: ApiDependencies) {
  return [
    endpoint({
      method: 'post',
      path: '/tokens',
      tag: 'admin',
      summary:
        'Create an API token acting as an account (admins only); the token is shown only in this answer',
      auth: 'signed_in',
      body: z.strictObject({
        name: z.string().trim().min(1).max(100).describe('what the token is for'),
        login,
      }),
      responses: {
        201: { description: 'the token, once', body: tokenBody },
        403: 'not an admin',
        404: 'no such account',
      },
      async handle({ caller, body, from, now, response }) {
        if (!caller || !isAdmin(caller.account) || caller.via !== 'session') return forbidden(response);
        const found = await findAccountForSignIn(models, normalizeLogin(body.login));
        if (!found) return fail(response, 404, 'not_found', 'Akun tidak ditemukan / No such account');
        const issued = await issueApiToken(
          models,
          {
            name: body.name,
            account: { kind: found.account.kind, id: found.account.id },
            createdBy: caller.account.id,
          },
          now,
        );
        await recordAudit(
          models,
          {
            actor: auditActorOf(caller.account),
            action: 'api_token.issue',
            target: auditActorOf(found.account),
            from,
            details: { tokenId: issued.id, name: body.name },
          },
          now,
        );
        response
          .status(201)
          .json({ id: issued.id, name: body.name, token: issued.token, account: accountView(found.account) });
      },
    }),
    endpoint({
      method: 'delete',
      path: '/tokens/{id}',
      tag: 'admin',
      summary: 'Revoke an API token (admins only)',
      auth: 'signed_in',
      params: z.strictObject({
        id: z.string().refine((id) => Types.ObjectId.isValid(id) && /^[0-9a-f]{24}$/i.test(id), {
          error: 'expected a token id',
        }),
      }),
      responses: { 204: 'revoked', 403: 'not an admin', 404: 'no such token, or already revoked' },
      async handle({ caller, params, from, now, response }) {
        if (!caller || !isAdmin(caller.account)) return forbidden(response);
        if (!(await revokeApiToken(models, params.id, now))) {
          return fail(response, 404, 'not_found', 'Token tidak ditemukan / No such token');
        }
        await recordAudit(
          models,
          { actor: auditActorOf(caller.account), action: 'api_token.revoke', target: params.id, from },
          now,
        );
        response.status(204).end();
      },
    }),
    endpoint({
      method: 'put',
      path: '/accounts/{login}/password',
      tag: 'admin',
      summary: 'Set the password of a staff member or mentor (admins only); their sessions end',
      auth: 'signed_in',
      params: z.strictObject({ login }),
      body: z.strictObject({ password: z.string().min(MIN_PASSWORD_LENGTH).max(200) }),
      responses: { 204: 'set', 403: 'not an admin', 404: 'no such account' },
      async handle({ caller, params, body, from, now, response }) {
        if (!caller || !isAdmin(caller.account) || caller.via !== 'session') return forbidden(response);
        const outcome = await setPassword(models, params.login, body.password);
        if (!outcome.ok) {
          return outcome.reason === 'no_account'
            ? fail(response, 404, 'not_found', 'Akun tidak ditemukan / No such account')
            : fail(response, 400, 'invalid_request', `password: ${outcome.message}`, {
                fields: [{ field: 'password', message: outcome.message }],
              });
        }
        await recordAudit(
          models,
          {
            actor: auditActorOf(caller.account),
            action: 'account.set_password',
            target: auditActorOf(outcome.account),
            from,
          },
          now,
        );
        response.status(204).end();
      },
    }),
  ];
}
