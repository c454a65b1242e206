export {
  createWhatsAppWebChannel,
  DEFAULT_OWNERSHIP,
  DEFAULT_RECONNECT,
  SESSION_LEASE,
  type WhatsAppWebChannel,
  type WhatsAppWebChannelOptions,
} from './channel';
export { whatsappAdminRouter, WHATSAPP_ADMIN_PATH } from './admin';
export {
  whatsappWebClientFactory,
  type WebChat,
  type WebClient,
  type WebClientFactory,
  type WebMessage,
} from './client';
export { describeState, type ConnectionState } from './connection-state';
export { DEFAULT_PACING, type Pacing } from './pacing';
export { MongoSessionStore, SESSION_BUCKET } from './session-store';
export { WHATSAPP_WEB } from './messages';
