/** The languages the bot speaks. Indonesian is the source of every text; Sundanese falls back to it. */
export const LANGUAGES = ['id', 'en', 'su'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Puskesos staff and Dinsos officers are written to in Indonesian or English. */
export const STAFF_LANGUAGES = ['id', 'en'] as const;
export type StaffLanguage = (typeof STAFF_LANGUAGES)[number];
