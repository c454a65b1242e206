export {
  createTelegramChannel,
  DEFAULT_API_ROOT,
  type TelegramChannel,
  type TelegramChannelOptions,
} from './channel';
export { TELEGRAM_WEBHOOK_PATH } from './webhook';
export { gridFsMediaStore, type MediaStore } from './media';
