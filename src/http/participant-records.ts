// The participant use-cases live in src/http/actions/participants.ts; this name stays only until the
// participant's detail page, being changed elsewhere at the same time, imports them from there.
export { findParticipantInScope, mayChangeParticipant } from './actions/participants';
