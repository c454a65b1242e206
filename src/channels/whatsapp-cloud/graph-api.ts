import { z } from 'zod';
import { readWithin } from '../media';
import { GraphError } from './graph-errors';
import type { GraphMessage } from './render';

export interface GraphApiOptions {
  /** `https://graph.facebook.com/v21.0`, or a stand-in in tests. */
  apiRoot: string;
  token: string;
  phoneNumberId: string;
  /** Ends a call that hangs, well before the outbox lease does. */
  timeoutMs?: number;
}

const sent = z.object({ messages: z.array(z.object({ id: z.string().min(1) })).min(1) });
const mediaUploaded = z.object({ id: z.string().min(1) });
const mediaInfo = z.object({
  url: z.string().url(),
  mime_type: z.string().optional(),
  file_size: z.coerce.number().int().nonnegative().optional(),
});
const failure = z.object({
  error: z.object({
    message: z.string().optional(),
    code: z.number().optional(),
    error_data: z.object({ details: z.string().optional() }).optional(),
  }),
});

/**
 * Media are served from Meta's hosts; the bearer token is sent only there (or to the configured API
 * root, a stand-in in tests), never to an address a notification could point elsewhere.
 */
const MEDIA_HOSTS = ['.fbsbx.com', '.facebook.com', '.whatsapp.net'];

/** The few Graph API calls the channel makes, over fetch. Errors are `GraphError` or fetch's own. */
export class GraphApi {
  private readonly apiRoot: string;
  private readonly timeoutMs: number;

  constructor(private readonly options: GraphApiOptions) {
    this.apiRoot = options.apiRoot.replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** Sends one message; resolves with its `wamid...` once the Graph API accepted it. */
  async sendMessage(message: GraphMessage): Promise<string> {
    const response = await fetch(`${this.apiRoot}/${this.options.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { ...this.authorization(), 'content-type': 'application/json' },
      body: JSON.stringify(message),
      redirect: 'error',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const body = await this.bodyOf(response);
    const accepted = sent.safeParse(body);
    if (!accepted.success) throw new GraphError(response.status, undefined, 'no message id in the answer');
    return accepted.data.messages[0]?.id ?? '';
  }

  /**
   * Uploads a file to send (WhatsApp keeps it 30 days); resolves with the media id a message then
   * names. Uploading rather than linking: the service's files are not on a public address.
   */
  async uploadMedia(bytes: Buffer, mimeType: string, fileName: string): Promise<string> {
    const form = new FormData();
    form.append('messaging_product', 'whatsapp');
    form.append('type', mimeType);
    form.append('file', new Blob([new Uint8Array(bytes)], { type: mimeType }), fileName);
    const response = await fetch(`${this.apiRoot}/${this.options.phoneNumberId}/media`, {
      method: 'POST',
      headers: this.authorization(),
      body: form,
      redirect: 'error',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const uploaded = mediaUploaded.safeParse(await this.bodyOf(response));
    if (!uploaded.success) throw new GraphError(response.status, undefined, 'no media id in the answer');
    return uploaded.data.id;
  }

  /** Where a received file can be downloaded (for a few minutes), its type and size as WhatsApp states them. */
  async mediaInfo(mediaId: string): Promise<{ url: string; mimeType?: string; bytes?: number }> {
    if (!/^[\w.-]{1,200}$/.test(mediaId)) throw new GraphError(400, undefined, 'not a media id');
    const response = await fetch(`${this.apiRoot}/${mediaId}?phone_number_id=${this.options.phoneNumberId}`, {
      headers: this.authorization(),
      redirect: 'error',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const info = mediaInfo.safeParse(await this.bodyOf(response));
    if (!info.success) throw new GraphError(response.status, undefined, 'no media address in the answer');
    return {
      url: info.data.url,
      ...(info.data.mime_type ? { mimeType: info.data.mime_type } : {}),
      ...(info.data.file_size !== undefined ? { bytes: info.data.file_size } : {}),
    };
  }

  /**
   * Downloads a received file, reading at most `maxBytes`: `too_large` beyond, `unavailable` when the
   * address is not Meta's or the download fails.
   */
  async download(url: string, maxBytes: number): Promise<Buffer | 'too_large' | 'unavailable'> {
    if (!this.isMediaHost(url)) return 'unavailable';
    const response = await fetch(url, {
      headers: this.authorization(),
      redirect: 'error',
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) {
      await response.body?.cancel();
      return 'unavailable';
    }
    return (await readWithin(response, maxBytes)) ?? 'too_large';
  }

  private isMediaHost(url: string): boolean {
    let address: URL;
    try {
      address = new URL(url);
    } catch {
      return false;
    }
    if (address.origin === new URL(this.apiRoot).origin) return true;
    return address.protocol === 'https:' && MEDIA_HOSTS.some((host) => address.hostname.endsWith(host));
  }

  private authorization() {
    return { authorization: `Bearer ${this.options.token}` };
  }

  /** The JSON of a successful answer; a `GraphError` with Meta's code and details otherwise. */
  private async bodyOf(response: Response): Promise<unknown> {
    const text = await response.text();
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (response.ok) return body;
    const refused = failure.safeParse(body);
    if (!refused.success) throw new GraphError(response.status, undefined, response.statusText);
    const { message, code, error_data: data } = refused.data.error;
    // Meta often repeats the message as the details: said once.
    const details = [...new Set([message, data?.details].filter(Boolean))].join(': ');
    throw new GraphError(response.status, code, details || response.statusText);
  }
}
