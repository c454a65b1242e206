import { z } from 'zod';
import type { Language } from './language';

/** A text in each language the bot speaks: Indonesian always, English always, Sundanese where written well. */
export const localizedTextSchema = z
  .object({
    id: z.string().min(1),
    en: z.string().min(1),
    su: z.string().min(1).optional(),
  })
  .strict();

export type LocalizedText = z.infer<typeof localizedTextSchema>;

/** Sundanese falls back to Indonesian, which every Sundanese speaker reads. */
export function inLanguage(text: LocalizedText, language: Language): string {
  if (language === 'en') return text.en;
  if (language === 'su') return text.su ?? text.id;
  return text.id;
}
