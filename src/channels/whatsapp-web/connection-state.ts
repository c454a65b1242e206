/**
 * Where the WhatsApp Web connection stands, as `/readyz`, `/admin/whatsapp` and the logs tell it.
 *
 * - `standby`: another instance owns the session; this one leaves it alone and checks again later.
 * - `starting`: Chromium and WhatsApp Web are loading (a stored session is being restored).
 * - `waiting_for_qr`: no session: the QR code is shown in the terminal and at `/admin/whatsapp`.
 * - `authenticated`: the phone accepted; WhatsApp Web is loading the chats.
 * - `connected`: messages go in and out.
 * - `disconnected`: the connection dropped; a new one is tried after a growing wait.
 * - `logged_out`: the phone unlinked this device: a new QR code must be scanned.
 * - `stopped`: the service is shutting down.
 */
export type ConnectionPhase =
  | 'standby'
  | 'starting'
  | 'waiting_for_qr'
  | 'authenticated'
  | 'connected'
  | 'disconnected'
  | 'logged_out'
  | 'stopped';

export interface ConnectionState {
  phase: ConnectionPhase;
  /** When this phase began. */
  since: Date;
  /** The last `WAState` WhatsApp Web reported (`CONNECTED`, `TIMEOUT`, `CONFLICT`...). */
  waState?: string;
  /** Why the connection was lost, as the library said it. */
  reason?: string;
  /** Connection attempts since the last time it was connected. */
  attempts: number;
  /** When the next attempt is due, while disconnected or in standby. */
  retryAt?: Date;
}

/** What `/readyz` and `/admin/whatsapp` show: no QR code, no phone number. */
export function describeState(state: ConnectionState) {
  return {
    state: state.phase,
    since: state.since.toISOString(),
    ...(state.waState ? { waState: state.waState } : {}),
    ...(state.reason ? { reason: state.reason } : {}),
    attempts: state.attempts,
    ...(state.retryAt ? { retryAt: state.retryAt.toISOString() } : {}),
  };
}

/**
 * The `WAState`s in which WhatsApp Web is not taking messages: sending waits. `CONNECTED` resumes it;
 * the others (`OPENING`, `PAIRING`) are steps on the way back.
 */
export const NOT_CONNECTED_STATES = new Set([
  'CONFLICT',
  'DEPRECATED_VERSION',
  'PROXYBLOCK',
  'SMB_TOS_BLOCK',
  'TIMEOUT',
  'TOS_BLOCK',
  'UNLAUNCHED',
  'UNPAIRED',
  'UNPAIRED_IDLE',
]);
