export {
  createWhatsAppCloudChannel,
  DEFAULT_GRAPH_API_ROOT,
  WHATSAPP_CLOUD_LIMITS,
  type WhatsAppCloudChannel,
  type WhatsAppCloudChannelOptions,
} from './channel';
export { WHATSAPP_CLOUD_WEBHOOK_PATH } from './webhook';
export { WHATSAPP_CLOUD } from './notifications';
