import type { Request } from 'express';

/** Where a request came from, for the audit log: the client's address (through trusted proxies). */
export const fromOf = (request: Request): string => request.ip ?? request.socket.remoteAddress ?? 'unknown';
