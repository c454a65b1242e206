import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Message, Update, UserFromGetMe } from 'grammy/types';
import {
  createTelegramChannel,
  type TelegramChannel,
  type TelegramChannelOptions,
} from '../../src/channels/telegram';

/** The bot the stand-in pretends to be; pass it as `botInfo` to skip `getMe`. */
export const STAND_IN_BOT: UserFromGetMe = {
  id: 7000000001,
  is_bot: true,
  first_name: 'Pendamping',
  username: 'pendamping_test_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

export interface RecordedCall {
  method: string;
  params: Record<string, unknown>;
}

/** A `sendMessage` that the stand-in accepted, as the bot sent it. */
export interface SentMessage {
  chatId: string;
  /** For `sendPhoto`: the photo's bytes as uploaded (the text is then its caption). */
  photo?: Buffer;
  /** Telegram's id of the message in its chat, for replying to it. */
  messageId: number;
  text: string;
  replyMarkup?: {
    inline_keyboard?: { text: string; callback_data?: string }[][];
    keyboard?: { text: string; request_contact?: boolean }[][];
    remove_keyboard?: boolean;
    one_time_keyboard?: boolean;
  };
}

/** How the stand-in fails a `sendMessage`, as Telegram does. */
export type SendFailure = { code: 429; retryAfterSeconds: number } | { code: number; description: string };

type PendingUpdate = Omit<Update, 'update_id'>;

interface Waiter {
  offset: number;
  answer: (updates: Update[]) => void;
}

/**
 * A small Bot API server on loopback for the tests: enough of Telegram for the bot to poll, send,
 * answer buttons, set commands and a webhook, and download files, with every call recorded.
 * `failSendMessage` makes the next calls fail the way Telegram does (429 with `retry_after`, 500...).
 */
export class BotApiStandIn {
  readonly calls: RecordedCall[] = [];
  readonly sent: SentMessage[] = [];
  /** When each message of `sent` was accepted (ms since the epoch): the rate the bot sends at. */
  readonly sentAt: number[] = [];
  /** Downloads of files, by path. */
  readonly downloads: string[] = [];
  private updates: Update[] = [];
  private nextUpdateId = 500_000_000;
  private nextMessageId = 1;
  private waiters: Waiter[] = [];
  private failures: SendFailure[] = [];
  /** The webhook as `setWebhook` left it, and what Telegram would report about its last delivery. */
  webhook: { url: string; lastErrorDate?: number; lastErrorMessage?: string } = { url: '' };
  /** The next `getWebhookInfo` calls fail as given (Telegram's error), in order. */
  readonly webhookInfoFailures: { code: number; description: string }[] = [];
  /** `getWebhookInfo` answers after this wait, as a slow or unreachable Telegram would. */
  webhookInfoDelayMs = 0;
  private readonly files = new Map<string, { path: string; bytes: Buffer; declaredSize?: number }>();

  private constructor(
    private readonly server: Server,
    readonly token: string,
    readonly apiRoot: string,
  ) {}

  static async start(token = '123456:stand-in-token'): Promise<BotApiStandIn> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const standIn = new BotApiStandIn(server, token, `http://127.0.0.1:${port}`);
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      standIn.handle(request, response).catch((error: unknown) => {
        reply(response, 500, failure(500, `stand-in failed: ${String(error)}`));
      });
    });
    return standIn;
  }

  async close(): Promise<void> {
    for (const waiter of this.waiters) waiter.answer([]);
    this.waiters = [];
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Queues an update for `getUpdates`; returns it with its `update_id`. */
  queueUpdate(update: PendingUpdate): Update {
    const queued: Update = { update_id: this.nextUpdateId++, ...update };
    this.updates.push(queued);
    const waiting = this.waiters;
    this.waiters = [];
    for (const waiter of waiting) waiter.answer(this.updatesFrom(waiter.offset));
    return queued;
  }

  /** The next `sendMessage` calls fail as given, one failure per call, in order. */
  failSendMessage(...failures: SendFailure[]): void {
    this.failures.push(...failures);
  }

  /** A file the bot can fetch with `getFile` and download; `declaredSize` is what `getFile` reports. */
  addFile(fileId: string, bytes: Buffer, declaredSize?: number): string {
    const path = `photos/file_${this.files.size}.jpg`;
    this.files.set(fileId, { path, bytes, ...(declaredSize !== undefined ? { declaredSize } : {}) });
    return path;
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  sentTo(chatId: string | number): SentMessage[] {
    return this.sent.filter((message) => message.chatId === String(chatId));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.apiRoot);
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) return this.download(file[1] ?? '', file[2] ?? '', response);
    const call = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
    if (!call || call[1] !== this.token) return reply(response, 401, failure(401, 'Unauthorized'));
    const method = call[2] ?? '';
    const params = await readParams(request);
    this.calls.push({ method, params });
    switch (method) {
      case 'getMe':
        return reply(response, 200, success(STAND_IN_BOT));
      case 'getUpdates':
        return this.getUpdates(params, response);
      case 'sendMessage':
        return this.sendMessage(params, response);
      case 'sendPhoto':
        return this.sendMessage({ ...params, text: params.caption ?? '' }, response);
      case 'getFile': {
        const stored = this.files.get(String(params.file_id));
        if (!stored) return reply(response, 400, failure(400, 'Bad Request: invalid file_id'));
        return reply(
          response,
          200,
          success({
            file_id: params.file_id,
            file_unique_id: `u-${String(params.file_id)}`,
            file_size: stored.declaredSize ?? stored.bytes.length,
            file_path: stored.path,
          }),
        );
      }
      case 'getWebhookInfo':
        return this.getWebhookInfo(response);
      case 'setWebhook':
        this.webhook = { url: String(params.url ?? '') };
        return reply(response, 200, success(true));
      case 'deleteWebhook':
        this.webhook = { url: '' };
        return reply(response, 200, success(true));
      case 'answerCallbackQuery':
      case 'setMyCommands':
        return reply(response, 200, success(true));
      default:
        return reply(response, 404, failure(404, 'Not Found: method not found'));
    }
  }

  private getUpdates(params: Record<string, unknown>, response: ServerResponse) {
    const offset = Number(params.offset ?? 0);
    // Updates below the offset are confirmed by the bot: Telegram forgets them.
    this.updates = this.updates.filter((update) => update.update_id >= offset);
    const ready = this.updatesFrom(offset);
    const timeoutSeconds = Number(params.timeout ?? 0);
    if (ready.length > 0 || timeoutSeconds <= 0) return reply(response, 200, success(ready));
    const waiter: Waiter = {
      offset,
      answer: (updates) => {
        clearTimeout(timer);
        if (!response.writableEnded) reply(response, 200, success(updates));
      },
    };
    const timer = setTimeout(() => {
      this.waiters = this.waiters.filter((other) => other !== waiter);
      waiter.answer([]);
    }, timeoutSeconds * 1000);
    // The bot aborts its long poll when it stops: the connection closes unanswered.
    response.once('close', () => {
      clearTimeout(timer);
      this.waiters = this.waiters.filter((other) => other !== waiter);
    });
    this.waiters.push(waiter);
  }

  /** `WebhookInfo` as Telegram gives it: the fields it leaves out when empty are left out. */
  private async getWebhookInfo(response: ServerResponse) {
    if (this.webhookInfoDelayMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.webhookInfoDelayMs));
      if (response.destroyed) return;
    }
    const planned = this.webhookInfoFailures.shift();
    if (planned) return reply(response, planned.code, failure(planned.code, planned.description));
    const { url, lastErrorDate, lastErrorMessage } = this.webhook;
    return reply(
      response,
      200,
      success({
        url,
        has_custom_certificate: false,
        pending_update_count: this.updates.length,
        ...(url ? { max_connections: 40, allowed_updates: ['message', 'callback_query'] } : {}),
        ...(lastErrorDate !== undefined ? { last_error_date: lastErrorDate } : {}),
        ...(lastErrorMessage !== undefined ? { last_error_message: lastErrorMessage } : {}),
      }),
    );
  }

  private updatesFrom(offset: number): Update[] {
    return this.updates.filter((update) => update.update_id >= offset);
  }

  private sendMessage(params: Record<string, unknown>, response: ServerResponse) {
    const planned = this.failures.shift();
    if (planned) {
      if ('retryAfterSeconds' in planned) {
        return reply(response, 429, {
          ok: false,
          error_code: 429,
          description: `Too Many Requests: retry after ${planned.retryAfterSeconds}`,
          parameters: { retry_after: planned.retryAfterSeconds },
        });
      }
      return reply(response, planned.code, failure(planned.code, planned.description));
    }
    const chatId = String(params.chat_id);
    const text = String(params.text);
    const replyMarkup = params.reply_markup as SentMessage['replyMarkup'] | undefined;
    const messageId = this.nextMessageId++;
    const photo = params.photo instanceof Buffer ? { photo: params.photo } : {};
    this.sent.push({ chatId, messageId, text, ...photo, ...(replyMarkup ? { replyMarkup } : {}) });
    this.sentAt.push(Date.now());
    return reply(
      response,
      200,
      success({
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: Number(chatId), type: 'private', first_name: 'Peserta' },
        from: STAND_IN_BOT,
        text,
      }),
    );
  }

  private download(token: string, path: string, response: ServerResponse) {
    const stored = [...this.files.values()].find((file) => file.path === path);
    if (token !== this.token || !stored) return reply(response, 404, failure(404, 'Not Found'));
    this.downloads.push(path);
    response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': stored.bytes.length });
    response.end(stored.bytes);
  }
}

/** Waits until `check` gives something other than undefined, null or false, polling; fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { timeoutMs = 15_000, intervalMs = 25, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A private chat's user, as Telegram describes the sender of a message. */
export function telegramUser(id: number, firstName = 'Siti') {
  return { id, is_bot: false, first_name: firstName, language_code: 'id' };
}

let messageIds = 1000;

/** A message update in a private chat, shaped as Telegram sends it. */
export function messageUpdate(
  userId: number,
  content: Omit<Partial<Message>, 'message_id' | 'from' | 'chat' | 'date'>,
): PendingUpdate {
  const from = telegramUser(userId);
  return {
    message: {
      message_id: messageIds++,
      from,
      chat: { id: userId, type: 'private', first_name: from.first_name },
      date: Math.floor(Date.now() / 1000),
      ...content,
    },
  };
}

/**
 * A message in a group from one of its members; `replyTo` makes it a reply to one of the bot's
 * messages there, as when staff answer a complaint's post.
 */
export function groupMessageUpdate(
  groupId: number,
  userId: number,
  text: string,
  replyTo?: SentMessage,
): PendingUpdate {
  const chat = { id: groupId, type: 'supergroup' as const, title: 'Staf Puskesos' };
  const date = Math.floor(Date.now() / 1000);
  return {
    message: {
      message_id: messageIds++,
      from: telegramUser(userId, 'Staf'),
      chat,
      date,
      text,
      ...(replyTo
        ? {
            reply_to_message: {
              message_id: replyTo.messageId,
              from: STAND_IN_BOT,
              chat,
              date,
              text: replyTo.text,
              reply_to_message: undefined,
            },
          }
        : {}),
    },
  };
}

/** A tap on an inline button under one of the bot's messages. */
export function buttonUpdate(userId: number, data: string): PendingUpdate {
  const from = telegramUser(userId);
  return {
    callback_query: {
      id: `${userId}${messageIds++}`,
      from,
      chat_instance: '-1234567890',
      data,
      message: {
        message_id: messageIds++,
        from: STAND_IN_BOT,
        chat: { id: userId, type: 'private', first_name: from.first_name },
        date: Math.floor(Date.now() / 1000),
        text: 'Ada yang bisa kami bantu, Bapak/Ibu?',
      },
    },
  };
}

async function readParams(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk as Buffer));
  const raw = Buffer.concat(chunks);
  const contentType = request.headers['content-type'] ?? '';
  // grammY uploads files as multipart/form-data; other fields of such a call are JSON-encoded text.
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  if (contentType.startsWith('multipart/form-data') && boundary) {
    const params = readMultipart(raw, boundary[1] ?? boundary[2] ?? '');
    // A file field names the part holding the file: `photo: "attach://abc"`.
    for (const [name, value] of Object.entries(params)) {
      if (typeof value === 'string' && value.startsWith('attach://')) params[name] = params[value.slice(9)];
    }
    return params;
  }
  const body = raw.toString('utf8');
  if (body === '') return {};
  const parsed: unknown = JSON.parse(body);
  return typeof parsed === 'object' && parsed !== null ? { ...parsed } : {};
}

/** The parts of a multipart body: files as bytes, other fields as text (JSON read when it is JSON). */
function readMultipart(raw: Buffer, boundary: string): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const delimiter = Buffer.from(`--${boundary}`);
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = raw.subarray(start + delimiter.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4, part.length - 2); // without the closing CRLF
      const name = /name="([^"]+)"/.exec(headers)?.[1];
      if (name) {
        const text = content.toString('utf8');
        params[name] = /filename=/.test(headers)
          ? Buffer.from(content)
          : /^[[{]/.test(text)
            ? JSON.parse(text)
            : text;
      }
    }
    start = next;
  }
  return params;
}

function success(result: unknown) {
  return { ok: true, result };
}

function failure(code: number, description: string) {
  return { ok: false, error_code: code, description };
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

/**
 * The service's Telegram channel against `standIn`, as a sender only: nothing comes in (the tests
 * queue what it sends). Started; the caller stops it.
 */
export async function startTelegramSender(
  standIn: BotApiStandIn,
  options: Pick<TelegramChannelOptions, 'models' | 'logger' | 'clock' | 'sender' | 'limits'>,
): Promise<TelegramChannel> {
  const channel = createTelegramChannel({
    token: standIn.token,
    apiRoot: standIn.apiRoot,
    webhook: { url: 'https://pendamping.example.id/telegram/webhook', secret: 'rahasia-0123456789' },
    conversations: {
      accept: () => Promise.reject(new Error('no inbound in these tests')),
      drain: () => Promise.resolve(),
    },
    botInfo: STAND_IN_BOT,
    ...options,
  });
  await channel.start();
  return channel;
}
