import { EventEmitter } from 'node:events';
import { MessageMedia, type MessageSendOptions } from 'whatsapp-web.js';
import type { WebChat, WebClient, WebMessage } from '../../src/channels/whatsapp-web';

/**
 * A stand-in for WhatsApp Web as whatsapp-web.js presents it, since WhatsApp's servers cannot be
 * reached from tests. It follows the library's typings (node_modules/whatsapp-web.js/index.d.ts):
 * the same method names and arguments (`initialize`, `destroy`, `getState`, `sendMessage(chatId,
 * content, options)`), the same events and payloads (`qr` with the code's text, `authenticated`,
 * `ready`, `message` with a `Message`, `change_state` with a `WAState`, `disconnected` with a
 * `WAState` or `LOGOUT`), `MessageMedia` as `downloadMedia` resolves it, and `getChats` with each
 * chat's unread messages.
 *
 * One `WhatsAppWebStandIn` is the phone and WhatsApp's side; each client the channel builds is one
 * `StandInClient` (one Chromium). Like the real service, a second client linked to the same session
 * takes it over: the first gets `change_state` `CONFLICT`.
 */
export class WhatsAppWebStandIn {
  /** The phone has linked this session (RemoteAuth would restore it): no QR code is needed. */
  linked = false;
  /** The linked phone's number, as the library's `client.info.wid.user` gives it once ready. */
  phoneNumber = '6281100002468';
  readonly clients: StandInClient[] = [];
  /** Every message a client sent, in order, with the client that sent it. */
  readonly sent: {
    chatId: string;
    /** The text; a photo's caption. */
    content: string;
    /** A photo, as the library's `MessageMedia` the channel made. */
    media?: MessageMedia;
    options?: MessageSendOptions;
    client: number;
  }[] = [];
  private qrCount = 0;
  /** Messages that reached the phone while no client was connected: unread until a client reads them. */
  readonly unread = new Map<string, WebMessage[]>();

  /** A person writes while WhatsApp Web is not connected: no event, only an unread chat. */
  arriveWhileAway(message: WebMessage): void {
    this.unread.set(message.from, [...(this.unread.get(message.from) ?? []), message]);
  }

  /** What the channel's `createClient` returns. */
  readonly createClient = async (): Promise<StandInClient> => {
    const client = new StandInClient(this, this.clients.length + 1);
    this.clients.push(client);
    return client;
  };

  /** The newest client, once there is one. */
  latest(): StandInClient | undefined {
    return this.clients[this.clients.length - 1];
  }

  sentTo(chatId: string): string[] {
    return this.sent.filter((message) => message.chatId === chatId).map((message) => message.content);
  }

  nextQr(): string {
    this.qrCount += 1;
    return `2@StandInQr${this.qrCount}AbCdEfGh,pendampingPublicKey=,pendampingIdentity==`;
  }

  /** The client that runs the session now: others were taken over or closed. */
  activeClients(): StandInClient[] {
    return this.clients.filter((client) => client.initialized && !client.destroyed);
  }
}

let serial = 0;

export class StandInClient extends EventEmitter implements WebClient {
  initialized = false;
  destroyed = false;
  /** As the library's `Client.info`: set when WhatsApp Web is ready. */
  info: { wid: { server: string; user: string; _serialized: string } } | undefined;
  private waState: string | null = null;

  constructor(
    private readonly world: WhatsAppWebStandIn,
    readonly number: number,
  ) {
    super();
  }

  async initialize(): Promise<void> {
    this.initialized = true;
    this.waState = 'OPENING';
    // Events come after initialize resolves, as WhatsApp Web loads in the page.
    setImmediate(() => {
      if (this.destroyed) return;
      for (const other of this.world.activeClients()) {
        if (other !== this && other.waState === 'CONNECTED') other.changeState('CONFLICT');
      }
      if (this.world.linked) this.becomeReady();
      else {
        this.waState = 'UNPAIRED';
        this.emit('qr', this.world.nextQr());
      }
    });
  }

  /** The phone scans the QR code this client shows. */
  scan(): void {
    if (this.waState !== 'UNPAIRED') throw new Error('no QR code is waiting on this client');
    this.world.linked = true;
    this.becomeReady();
  }

  async destroy(): Promise<void> {
    this.destroyed = true;
    this.waState = null;
    this.removeAllListeners();
  }

  async getState(): Promise<string | null> {
    return this.waState;
  }

  async sendMessage(
    chatId: string,
    content: string | MessageMedia,
    options?: MessageSendOptions,
  ): Promise<{ id: { fromMe: boolean; remote: string; id: string; _serialized: string } }> {
    // The real client evaluates in the page: without a connected page it throws puppeteer's error.
    if (this.destroyed || this.waState !== 'CONNECTED') {
      throw new Error(
        'Protocol error (Runtime.callFunctionOn): Session closed. Most likely the page has been closed.',
      );
    }
    // The real client tells a photo from a text by the class (`content instanceof MessageMedia`).
    const media = typeof content === 'string' ? undefined : content;
    if (media && !(media instanceof MessageMedia)) throw new Error('not a MessageMedia: sent as text');
    this.world.sent.push({
      chatId,
      content: media ? (options?.caption ?? '') : (content as string),
      ...(media ? { media } : {}),
      ...(options ? { options } : {}),
      client: this.number,
    });
    const id = `3EB0${(++serial).toString(16).toUpperCase().padStart(16, '0')}`;
    return { id: { fromMe: true, remote: chatId, id, _serialized: `true_${chatId}_${id}` } };
  }

  /** What `getContactLidAndPhone` answers: private ids (`…@lid`) and the numbers behind them. */
  readonly lids = new Map<string, string>();

  async getContactLidAndPhone(userIds: string[]): Promise<{ lid: string; pn: string }[]> {
    return userIds.flatMap((lid) => {
      const pn = this.lids.get(lid);
      return pn ? [{ lid, pn }] : [];
    });
  }

  /** The chats as `Client.getChats` has them: unread counts, and `fetchMessages` oldest first. */
  async getChats(): Promise<WebChat[]> {
    return [...this.world.unread].map(([chatId, messages]) => ({
      id: { _serialized: chatId },
      unreadCount: messages.length,
      fetchMessages: async ({ limit = messages.length, fromMe }: { limit?: number; fromMe?: boolean }) =>
        messages.filter((message) => fromMe === undefined || message.fromMe === fromMe).slice(-limit),
    }));
  }

  /** A person's message arrives. */
  receive(message: WebMessage): void {
    this.emit('message', message);
  }

  /** WhatsApp Web's connection state changes (`TIMEOUT` when the phone is offline, then `CONNECTED`). */
  changeState(state: string): void {
    this.waState = state;
    this.emit('change_state', state);
  }

  /** The client is disconnected: `LOGOUT` when the phone unlinked the device, a `WAState` otherwise. */
  disconnect(reason: string): void {
    this.waState = null;
    if (reason === 'LOGOUT') this.world.linked = false;
    this.emit('change_state', reason === 'LOGOUT' ? 'UNPAIRED' : reason);
    this.emit('disconnected', reason);
  }

  private becomeReady(): void {
    this.emit('authenticated');
    this.waState = 'CONNECTED';
    const user = this.world.phoneNumber;
    this.info = { wid: { server: 'c.us', user, _serialized: `${user}@c.us` } };
    this.emit('ready');
  }
}

let messageSerial = 0;

/**
 * A message as the library's `Message` has it: from a person's own chat, or in a group (`from` the
 * group, `author` the member who wrote), perhaps replying to another message (`quoted`).
 */
export function webMessage(
  chatId: string,
  content: {
    body?: string;
    type?: string;
    id?: string;
    media?: { mimetype: string; data: Buffer; declaredBytes?: number };
    from?: string;
    author?: string;
    fromMe?: boolean;
    isStatus?: boolean;
    broadcast?: boolean;
    quoted?: WebMessage;
  },
): WebMessage & { downloads: number } {
  const id = content.id ?? `3A${(++messageSerial).toString(16).toUpperCase().padStart(18, '0')}`;
  const from = content.from ?? chatId;
  const fromMe = content.fromMe ?? false;
  const media = content.media;
  const { author, quoted } = content;
  const message = {
    id: {
      fromMe,
      remote: from,
      id,
      _serialized: `${fromMe}_${from}_${id}${author ? `_${author}` : ''}`,
    },
    from,
    ...(author ? { author } : {}),
    fromMe,
    hasQuotedMsg: Boolean(quoted),
    // The library resolves the quoted message from WhatsApp Web's store; here it is the one given.
    async getQuotedMessage() {
      if (!quoted) throw new Error('no quoted message');
      return quoted as unknown as Awaited<ReturnType<WebMessage['getQuotedMessage']>>;
    },
    body: content.body ?? '',
    type: content.type ?? (media ? 'image' : 'chat'),
    hasMedia: Boolean(media),
    isStatus: content.isStatus ?? false,
    broadcast: content.broadcast ?? false,
    timestamp: Math.floor(Date.now() / 1000),
    rawData: media ? { size: media.declaredBytes ?? media.data.length, mimetype: media.mimetype } : {},
    downloads: 0,
    // MessageMedia: the file as base64, its type and size as WhatsApp gave them.
    async downloadMedia() {
      message.downloads += 1;
      if (!media) throw new Error('no media');
      return {
        mimetype: media.mimetype,
        data: media.data.toString('base64'),
        filename: null,
        filesize: null,
      };
    },
  };
  return message;
}
