import type {
  Chat,
  ClientInfo,
  Message,
  MessageMedia,
  MessageSearchOptions,
  MessageSendOptions,
  Store,
} from 'whatsapp-web.js';

/**
 * The parts of a whatsapp-web.js `Message` the channel reads, taken from the library's own typings so
 * that the stand-in in the tests has to have the same shapes. `type` is its `MessageTypes` value
 * (`chat`, `image`, `ptt`...) read as text, so that reading it needs no runtime import of the library.
 */
export type WebMessage = { type: string } & Pick<
  Message,
  | 'id'
  | 'from'
  | 'author'
  | 'fromMe'
  | 'body'
  | 'hasMedia'
  | 'isStatus'
  | 'broadcast'
  | 'timestamp'
  | 'rawData'
  | 'downloadMedia'
  | 'hasQuotedMsg'
  | 'getQuotedMessage'
>;

/** The parts of a whatsapp-web.js `Chat` the channel reads to catch up on what came while it was away. */
export type WebChat = Pick<Chat, 'unreadCount'> & {
  id: { _serialized: string };
  fetchMessages(options: MessageSearchOptions): Promise<WebMessage[]>;
};

/**
 * The parts of the library's `Client` the channel uses. The real `Client` is checked against it by
 * the compiler (see `whatsappWebClientFactory`), so a library update that changes one of them breaks
 * the build, not the service.
 */
export interface WebClient {
  /** A new login code, every 20 seconds or so until the phone scans one. */
  on(event: 'qr', listener: (qr: string) => void): this;
  on(event: 'authenticated', listener: () => void): this;
  /** The stored session was refused: the phone unlinked the device, or the session is damaged. */
  on(event: 'auth_failure', listener: (message: string) => void): this;
  on(event: 'ready', listener: () => void): this;
  on(event: 'message', listener: (message: WebMessage) => void): this;
  /** `LOGOUT` when the phone unlinked this device; a `WAState` otherwise. */
  on(event: 'disconnected', listener: (reason: string) => void): this;
  /** A `WAState`: `CONNECTED`, `OPENING`, `PAIRING`, `TIMEOUT`, `CONFLICT`, `UNPAIRED`... */
  on(event: 'change_state', listener: (state: string) => void): this;
  initialize(): Promise<void>;
  destroy(): Promise<void>;
  /** The `WAState`; null when WhatsApp Web's page is not there (yet, or any more). */
  getState(): Promise<string | null>;
  /** Text, or a photo (`MessageMedia`, its caption in the options). */
  sendMessage(
    chatId: string,
    content: string | MessageMedia,
    options?: MessageSendOptions,
  ): Promise<{ id: { _serialized: string } }>;
  /**
   * The phone numbers behind WhatsApp's private ids (`…@lid`), which newer WhatsApp versions give some
   * senders instead of their number: `pn` is the number's chat id.
   */
  getContactLidAndPhone(userIds: string[]): Promise<{ lid: string; pn: string }[]>;
  getChats(): Promise<WebChat[]>;
  /** Set once ready: `wid.user` is the linked phone's number (digits), which the dashboard shows masked. */
  readonly info?: Pick<ClientInfo, 'wid'> | undefined;
}

/** Builds a client for each connection: a disconnected one is destroyed and a new one built. */
export type WebClientFactory = () => Promise<WebClient>;

export interface RealClientSettings {
  /** The system's Chromium: puppeteer's own download is turned off (`.puppeteerrc.cjs`). */
  executablePath: string;
  /** Where the session is kept between runs: MongoDB, through RemoteAuth. */
  store: Store;
  /** Where RemoteAuth unpacks the session for Chromium while it runs. */
  dataPath: string;
  /** How often RemoteAuth saves the session to the store; the library accepts 60 s or more. */
  backupIntervalMs: number;
}

/**
 * The real client: WhatsApp Web in the system's Chromium, its session kept with RemoteAuth. The
 * library (and puppeteer with it) is loaded only when the channel is on.
 */
export function whatsappWebClientFactory(settings: RealClientSettings): WebClientFactory {
  return async () => {
    const { Client, RemoteAuth } = await loadLibrary();
    const client: WebClient = new Client({
      authStrategy: new RemoteAuth({
        store: settings.store,
        dataPath: settings.dataPath,
        backupSyncIntervalMs: settings.backupIntervalMs,
      }),
      puppeteer: {
        executablePath: settings.executablePath,
        headless: true,
        // Chromium's sandbox needs user namespaces, which containers and root usually lack.
        args: ['--no-sandbox', '--disable-dev-shm-usage'],
      },
    });
    return client;
  };
}

/** A photo to send, as the library's `MessageMedia` (which `sendMessage` recognises by its class). */
export type WebMediaFactory = (bytes: Buffer, mimeType: string, fileName: string) => Promise<MessageMedia>;

export const libraryMedia: WebMediaFactory = async (bytes, mimeType, fileName) => {
  const { MessageMedia: Media } = await loadLibrary();
  return new Media(mimeType, bytes.toString('base64'), fileName, bytes.length);
};

/** The library, loaded only when the channel is on (it brings puppeteer with it). */
async function loadLibrary(): Promise<
  Pick<typeof import('whatsapp-web.js'), 'Client' | 'RemoteAuth' | 'MessageMedia'>
> {
  const loaded = await import('whatsapp-web.js');
  // Loaded natively (tsx), a CommonJS module's exports come as `default`, and only those Node's
  // lexer found by name: RemoteAuth is not among them.
  return 'default' in loaded && loaded.default ? loaded.default : loaded;
}
