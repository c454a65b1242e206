// Scopes live in src/auth/scopes.ts; this name stays only until the participant's detail page, being
// changed elsewhere at the same time, imports them from there.
export { complaintScopeOf } from '../../../auth/scopes';
