import type { Types } from 'mongoose';
import type { Models } from '../db/models';
import type { AccountRef } from './accounts';
import { hashSecretToken, newSecretToken } from './secret-tokens';

/** Tokens start with this, so that one pasted into a chat or a log is recognised for what it is. */
export const API_TOKEN_PREFIX = 'pdp_';

/** Creates a token acting as `account`; the token itself is returned once and never stored. */
export async function issueApiToken(
  models: Models,
  input: { name: string; account: AccountRef; createdBy: string },
  now: Date,
): Promise<{ id: string; token: string }> {
  const token = newSecretToken(API_TOKEN_PREFIX);
  const stored = await models.apiTokens.create({
    hash: hashSecretToken(token),
    name: input.name,
    account: input.account,
    createdBy: input.createdBy,
    createdAt: now,
  });
  return { id: String(stored._id), token };
}

/** The account a bearer token acts as, unless it is unknown or revoked. */
export async function readApiToken(
  models: Models,
  token: string,
): Promise<{ id: string; account: AccountRef } | undefined> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
  const stored = await models.apiTokens.findOne({ hash: hashSecretToken(token) }).lean();
  if (!stored || stored.revokedAt) return undefined;
  return { id: String(stored._id), account: { kind: stored.account.kind, id: String(stored.account.id) } };
}

export async function revokeApiToken(
  models: Models,
  id: Types.ObjectId | string,
  now: Date,
): Promise<boolean> {
  const { matchedCount } = await models.apiTokens.updateOne(
    { _id: id, revokedAt: { $exists: false } },
    { $set: { revokedAt: now } },
  );
  return matchedCount > 0;
}
