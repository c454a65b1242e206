import type { CatalogText } from '../catalog';

/** Signing in to the dashboard: the code sent by chat, and why an account or a password is refused. */
export const signInTexts = {
  // Sent to a staff member's or mentor's chat; replaced by the redacted one once used or expired.
  code: {
    id: 'Kode masuk Pendamping: {code}. Berlaku 10 menit. Jangan berikan kode ini kepada siapa pun.',
    en: 'Pendamping sign-in code: {code}. Valid for 10 minutes. Do not give this code to anyone.',
  },
  codeRedacted: { id: 'Kode masuk Pendamping: ******.', en: 'Pendamping sign-in code: ******.' },
  // Setting a password (`npm run account`), shown in both languages.
  noAccount: { id: 'tidak ada staf atau pendamping {login}', en: 'no such account: {login}' },
  passwordTooShort: {
    id: 'kata sandi minimal {length} karakter',
    en: 'at least {length} {length:character|characters}',
  },
  passwordTooLong: {
    id: 'kata sandi maksimal {length} karakter',
    en: 'at most {length} {length:character|characters}',
  },
} as const satisfies Record<string, CatalogText>;
