export { createLogger, type Logger } from './logger';
export { hideSecrets, redactNik, redactText, redactValue } from './redact';
export { keepRunningOnUnhandledRejections } from './last-resort';
