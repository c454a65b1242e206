export { createLogger, type Logger } from './logger';
export { redactNik, redactText, redactValue } from './redact';
