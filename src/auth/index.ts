/** Who is signed in: accounts, passwords, sign-in limits, browser sessions, API tokens, the audit log. */
export {
  auditActorOf,
  findAccountForSignIn,
  isAdmin,
  loadAccount,
  normalizeLogin,
  type Account,
  type AccountRef,
} from './accounts';
export { hashPassword, verifyPassword, passwordProblem, MIN_PASSWORD_LENGTH } from './passwords';
export {
  signIn,
  admitSignInAttempt,
  removeOldSignInAttempts,
  type SignInLimits,
  type SignInOutcome,
  type SignInRefusal,
} from './sign-in';
export {
  requestSignInCode,
  signInWithCode,
  removeExpiredSignInCodes,
  typedSignInCode,
  SIGN_IN_CODE_MS,
  MAX_SIGN_IN_CODE_TRIES,
  type CodeRequestOutcome,
  type CodeSignInOutcome,
} from './sign-in-codes';
export {
  startWebSession,
  readWebSession,
  endWebSession,
  endWebSessionsOf,
  removeExpiredWebSessions,
  type WebSessionInfo,
} from './web-sessions';
export { issueApiToken, readApiToken, revokeApiToken, API_TOKEN_PREFIX } from './api-tokens';
export { recordAudit, type AuditEntry } from './audit';
export { setPassword, type SetPasswordOutcome } from './set-password';
export { sameSecret } from './secret-tokens';
export {
  broadcastScopeOf,
  complaintScopeOf,
  participantScopeOf,
  reportScopeOf,
  sessionScopeOf,
} from './scopes';
