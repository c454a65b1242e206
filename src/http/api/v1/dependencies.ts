import type { SignInLimits } from '../../../auth';
import type { ChannelStatusSource } from '../../../channels/status-source';
import type { Models } from '../../../db/models';
import type { ComplainantNotice, ComplaintDeskSettings } from '../../../domain/complaints';
import type { NikVault } from '../../../domain/identity';
import type { Logger } from '../../../log';
import type { CookieSecurity } from '../../cookies';

export interface ApiDependencies {
  models: Models;
  /** Where a complaint's news goes to the complainant's chat (the ConversationService). */
  conversations: { notify(notices: ComplainantNotice[]): Promise<void> };
  complaints: ComplaintDeskSettings;
  /** Moves a session notice's due time out of quiet hours. */
  allowedFrom: (due: Date) => Date;
  clock: () => Date;
  /**
   * WhatsApp Cloud's approved template for messages outside the 24-hour window
   * (`WHATSAPP_CLOUD_REMINDER_TEMPLATE`): without it a broadcast counts such chats as unreachable.
   */
  cloudReminderTemplate?: string | undefined;
  /** Encrypts the NIKs of the dashboard's participant import; without it the import page is closed. */
  nikVault?: NikVault | undefined;
  logger?: Logger | undefined;
  /** The running channels, for the dashboard's channels page; absent where none are run (tests, tools). */
  channels?: ChannelStatusSource | undefined;
  auth: {
    cookieSecurity: CookieSecurity;
    sessionLifetimeMs: number;
    signIn: SignInLimits;
    timeZone: string;
  };
}
