import type { SendMessage } from './conversation';

/**
 * Sends messages to the simulator's API over real HTTP with the global fetch, whose pool keeps
 * connections alive, as the browser page does. The signal ends requests still waiting when the run
 * is aborted.
 */
export function simulatorClient(baseUrl: string, signal: AbortSignal): SendMessage {
  const url = `${baseUrl}/api/simulator/messages`;
  return async (from, text, id) => {
    const started = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from, text, id }),
      signal,
    });
    const body = (await response.json()) as { status?: string; replies?: { text?: string }[] };
    const milliseconds = performance.now() - started;
    return {
      httpStatus: response.status,
      status: body.status ?? JSON.stringify(body).slice(0, 200),
      replies: (body.replies ?? []).map((reply) => reply.text ?? ''),
      milliseconds,
    };
  };
}
