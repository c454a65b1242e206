import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signatureOf } from '../../src/channels/whatsapp-cloud/signature';

export const STAND_IN_PHONE_NUMBER_ID = '106540352242922';
export const STAND_IN_TOKEN = 'EAAGstandin0123456789abcdefghij';
export const STAND_IN_APP_SECRET = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const API_VERSION = 'v21.0';

/** A message the stand-in accepted, as the service sent it to `POST /<phone number id>/messages`. */
export interface SentGraphMessage {
  to: string;
  wamid: string;
  type: 'text' | 'interactive' | 'template' | 'image';
  body: GraphMessageBody;
}

/** The parts of a Graph message body the tests look at. */
export interface GraphMessageBody {
  to: string;
  type: string;
  text?: { body: string; preview_url?: boolean };
  image?: { id: string; caption?: string };
  interactive?: {
    type: 'button' | 'list';
    body: { text: string };
    action: {
      buttons?: { type: string; reply: { id: string; title: string } }[];
      button?: string;
      sections?: { rows: { id: string; title: string; description?: string }[] }[];
    };
  };
  template?: {
    name: string;
    language: { code: string };
    components?: { type: string; parameters: { type: string; text: string }[] }[];
  };
}

/** How the stand-in refuses the next send, as the Graph API does. */
export interface PlannedFailure {
  status: number;
  code: number;
  message: string;
  /** Only a message of this type fails (`text` after a photo); any message otherwise. */
  type?: string;
}

interface StoredMedia {
  bytes: Buffer;
  mimeType: string;
  /** What `GET /<media id>` states as `file_size`, which may differ from the bytes (an understating server). */
  declaredSize: number;
}

/**
 * A small Graph API on loopback for the tests: enough of the WhatsApp Cloud API for the channel to
 * send messages, upload and download media, with Meta's error shape and the limits it enforces on
 * interactive messages (three buttons of 20 characters, ten rows of 24). Every call is recorded;
 * `failSend` makes the next sends fail the way the Graph API does (130429, 131056, 500...).
 */
export class GraphApiStandIn {
  readonly sent: SentGraphMessage[] = [];
  /** Each send attempt, accepted or not, by recipient. */
  readonly attempts: { to: string; body: GraphMessageBody }[] = [];
  readonly mediaLookups: string[] = [];
  readonly downloads: string[] = [];
  /** Files the service uploaded to send (`POST /<phone number id>/media`), by the media id given back. */
  readonly uploads = new Map<string, { bytes: Buffer; mimeType: string; fileName: string }>();
  private failures: PlannedFailure[] = [];
  private readonly media = new Map<string, StoredMedia>();
  private nextMessage = 1;

  private constructor(
    private readonly server: Server,
    readonly origin: string,
  ) {}

  static async start(): Promise<GraphApiStandIn> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const standIn = new GraphApiStandIn(server, `http://127.0.0.1:${port}`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      standIn.handle(request, response).catch((error: unknown) => {
        graphError(response, 500, 1, `stand-in failed: ${String(error)}`);
      });
    });
    return standIn;
  }

  /** The Graph API root the channel is given: with its version, as `https://graph.facebook.com/v21.0`. */
  get apiRoot(): string {
    return `${this.origin}/${API_VERSION}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next sends fail as given, one failure per call, in order. */
  failSend(...failures: PlannedFailure[]): void {
    this.failures.push(...failures);
  }

  /** A file the channel can look up and download; `declaredSize` is what the lookup states. */
  addMedia(mediaId: string, bytes: Buffer, mimeType: string, declaredSize = bytes.length): void {
    this.media.set(mediaId, { bytes, mimeType, declaredSize });
  }

  sentTo(to: string): SentGraphMessage[] {
    return this.sent.filter((message) => message.to === to);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.origin);
    if (request.headers.authorization !== `Bearer ${STAND_IN_TOKEN}`) {
      return graphError(response, 401, 190, 'Invalid OAuth access token - Cannot parse access token');
    }
    if (url.pathname === '/whatsapp_business/attachments/') return this.download(url, response);
    const send = new RegExp(`^/${API_VERSION}/(\\d+)/messages$`).exec(url.pathname);
    if (send && request.method === 'POST') {
      if (send[1] !== STAND_IN_PHONE_NUMBER_ID)
        return graphError(response, 400, 100, 'Unsupported post request');
      return this.sendMessage(await readJson(request), response);
    }
    const upload = new RegExp(`^/${API_VERSION}/(\\d+)/media$`).exec(url.pathname);
    if (upload && request.method === 'POST') {
      if (upload[1] !== STAND_IN_PHONE_NUMBER_ID)
        return graphError(response, 400, 100, 'Unsupported post request');
      return this.uploadMedia(request, response);
    }
    const lookup = new RegExp(`^/${API_VERSION}/([\\w.-]+)$`).exec(url.pathname);
    if (lookup && request.method === 'GET') return this.lookUpMedia(lookup[1] ?? '', response);
    return graphError(response, 404, 100, 'Unknown path components');
  }

  /** Reads the multipart upload as Meta does: `messaging_product`, `type` and the `file` part. */
  private async uploadMedia(request: IncomingMessage, response: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(Buffer.from(chunk as Buffer));
    const form = await new Request(`${this.origin}/upload`, {
      method: 'POST',
      headers: { 'content-type': request.headers['content-type'] ?? '' },
      body: Buffer.concat(chunks),
    }).formData();
    const file = form.get('file');
    if (form.get('messaging_product') !== 'whatsapp' || typeof file === 'string' || !file) {
      return graphError(response, 400, 100, '(#100) The parameter messaging_product or file is required.');
    }
    const mimeType = String(form.get('type') ?? '');
    if (!['image/png', 'image/jpeg'].includes(mimeType) || file.type !== mimeType) {
      return graphError(response, 400, 131053, '(#131053) Media upload error: unsupported type');
    }
    const mediaId = String(900_000_000_000_000 + this.uploads.size + 1);
    this.uploads.set(mediaId, {
      bytes: Buffer.from(await file.arrayBuffer()),
      mimeType,
      fileName: file.name,
    });
    return json(response, 200, { id: mediaId });
  }

  private sendMessage(body: unknown, response: ServerResponse) {
    const message = body as GraphMessageBody & { messaging_product?: string };
    const problem =
      message.type === 'image'
        ? this.uploads.has(message.image?.id ?? '')
          ? undefined
          : 'image.id'
        : invalidMessage(message);
    if (problem)
      return graphError(response, 400, 131009, `(#131009) Parameter value is not valid: ${problem}`);
    this.attempts.push({ to: message.to, body: message });
    const index = this.failures.findIndex((failure) => !failure.type || failure.type === message.type);
    const [planned] = index >= 0 ? this.failures.splice(index, 1) : [];
    if (planned) return graphError(response, planned.status, planned.code, planned.message);
    const wamid = `wamid.standin${String(this.nextMessage++).padStart(6, '0')}`;
    this.sent.push({ to: message.to, wamid, type: message.type as SentGraphMessage['type'], body: message });
    return json(response, 200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: message.to, wa_id: message.to }],
      messages: [{ id: wamid }],
    });
  }

  private lookUpMedia(mediaId: string, response: ServerResponse) {
    this.mediaLookups.push(mediaId);
    const stored = this.media.get(mediaId);
    if (!stored)
      return graphError(
        response,
        400,
        100,
        `Unsupported get request. Object with ID '${mediaId}' does not exist`,
      );
    return json(response, 200, {
      messaging_product: 'whatsapp',
      url: `${this.origin}/whatsapp_business/attachments/?mid=${mediaId}&ext=1764300000&hash=ATuy`,
      mime_type: stored.mimeType,
      sha256: 'a'.repeat(64),
      file_size: String(stored.declaredSize),
      id: mediaId,
    });
  }

  private download(url: URL, response: ServerResponse) {
    const mediaId = url.searchParams.get('mid') ?? '';
    const stored = this.media.get(mediaId);
    if (!stored) return graphError(response, 404, 100, 'Not found');
    this.downloads.push(mediaId);
    response.writeHead(200, { 'content-type': stored.mimeType });
    response.end(stored.bytes);
  }
}

/** Meta's own checks on a message: a refused one never reaches the person. */
function invalidMessage(message: GraphMessageBody & { messaging_product?: string }): string | undefined {
  if (message.messaging_product !== 'whatsapp') return 'messaging_product';
  if (!/^\d{5,20}$/.test(message.to ?? '')) return 'to';
  if (message.type === 'text') return message.text?.body ? undefined : 'text.body';
  if (message.type === 'template') return message.template?.name ? undefined : 'template.name';
  if (message.type !== 'interactive' || !message.interactive) return 'type';
  const { interactive } = message;
  if (interactive.body.text.length > 1024) return 'interactive.body.text';
  if (interactive.type === 'button') {
    const buttons = interactive.action.buttons ?? [];
    if (buttons.length < 1 || buttons.length > 3) return 'buttons';
    if (buttons.some((button) => button.reply.title.length > 20)) return 'button title';
    return undefined;
  }
  const rows = (interactive.action.sections ?? []).flatMap((section) => section.rows);
  if (rows.length < 1 || rows.length > 10) return 'rows';
  if (rows.some((row) => Array.from(row.title).length > 24)) return 'row title';
  if (!interactive.action.button || interactive.action.button.length > 20) return 'action.button';
  return undefined;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk as Buffer));
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : JSON.parse(text);
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function graphError(response: ServerResponse, status: number, code: number, message: string): void {
  json(response, status, {
    error: {
      message,
      type: 'OAuthException',
      code,
      error_data: { messaging_product: 'whatsapp', details: message },
      fbtrace_id: 'AbCdEf',
    },
  });
}

// --- Notifications, as Meta posts them to the webhook ---

let messageNumber = 1;

/** A fresh `wamid...` for a message a person sends. */
export function nextWamid(): string {
  return `wamid.HBgNNjI4${String(messageNumber++).padStart(8, '0')}`;
}

/** A notification holding `messages` and `statuses` for the stand-in's number. */
export function notification(
  { messages = [], statuses = [] }: { messages?: unknown[]; statuses?: unknown[] },
  phoneNumberId = STAND_IN_PHONE_NUMBER_ID,
) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '6281100000000', phone_number_id: phoneNumberId },
              ...(messages.length > 0 ? { contacts: [{ profile: { name: 'Peserta' }, wa_id: '0' }] } : {}),
              ...(messages.length > 0 ? { messages } : {}),
              ...(statuses.length > 0 ? { statuses } : {}),
            },
          },
        ],
      },
    ],
  };
}

const now = () => String(Math.floor(Date.now() / 1000));

/** A person's message: `content` is the type and its object, as `{ type: 'text', text: { body } }`. */
export function personMessage(from: string, content: Record<string, unknown>, id = nextWamid()) {
  return { from, id, timestamp: now(), ...content };
}

export const textFrom = (from: string, body: string, id?: string) =>
  personMessage(from, { type: 'text', text: { body } }, id);

export const buttonTapFrom = (from: string, buttonId: string, title = buttonId) =>
  personMessage(from, {
    type: 'interactive',
    interactive: { type: 'button_reply', button_reply: { id: buttonId, title } },
  });

export const listPickFrom = (from: string, rowId: string, title = rowId) =>
  personMessage(from, {
    type: 'interactive',
    interactive: { type: 'list_reply', list_reply: { id: rowId, title } },
  });

export function deliveryStatus(wamid: string, status: string, recipient: string, errors?: unknown[]) {
  return { id: wamid, status, timestamp: now(), recipient_id: recipient, ...(errors ? { errors } : {}) };
}

/**
 * Posts a notification to the webhook as Meta does: the raw JSON bytes signed with the app secret.
 * `signature` overrides the header (`null` leaves it out), for forged requests.
 */
export function postNotification(
  webhookUrl: string,
  payload: unknown,
  { signature, appSecret = STAND_IN_APP_SECRET }: { signature?: string | null; appSecret?: string } = {},
) {
  const raw = JSON.stringify(payload);
  const header = signature === undefined ? signatureOf(raw, appSecret) : signature;
  return fetch(webhookUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(header === null ? {} : { 'x-hub-signature-256': header }),
    },
    body: raw,
  });
}
