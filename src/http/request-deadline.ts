import type { NextFunction, Request, Response } from 'express';

/** No request is kept waiting longer than this (issue: a page made of several reads adds them up). */
export const REQUEST_DEADLINE_MS = 10_000;

/**
 * Answers a request that has not been answered within `milliseconds` with a 503 and `Retry-After`,
 * through `refuse` (a page under the dashboard, JSON elsewhere). With the database away each read
 * fails on its own bound, but a page made of several, or a write the driver keeps for its socket's
 * 30 s, would keep the person waiting longer than they would. Whatever the handler then sends is
 * dropped: the answer has gone. What the request had stored stays stored, and a retry with the same
 * id (a message, a form's key) finds it rather than doing it twice.
 */
export function requestDeadline(
  milliseconds: number,
  refuse: (request: Request, response: Response) => void,
): (request: Request, response: Response, next: NextFunction) => void {
  return (request, response, next) => {
    const timer = setTimeout(() => {
      if (response.headersSent) return;
      response.setHeader('Retry-After', '10');
      refuse(request, response);
      ignoreLateAnswer(response);
    }, milliseconds);
    const clear = () => clearTimeout(timer);
    response.once('finish', clear);
    response.once('close', clear);
    next();
  };
}

/** The handler's own answer, when it comes, goes nowhere (and throws nothing at the handler). */
function ignoreLateAnswer(response: Response): void {
  const ignored = () => response;
  Object.assign(response, {
    setHeader: ignored,
    writeHead: ignored,
    write: () => true,
    end: ignored,
  });
}
