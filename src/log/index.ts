export { createLogger, type Logger } from './logger';
export { redactText, redactValue } from './redact';
