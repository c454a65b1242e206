/** Siti Aminah, a kuliner start-up in Batulayang, Cililin: the participant most tests talk as. */
export function siti(
  phone: string,
  options: { consentedOn?: string | undefined; at?: Date; telegramUserId?: string | number | undefined } = {},
) {
  const { consentedOn, at = new Date(), telegramUserId } = options;
  return {
    name: 'Siti Aminah',
    phone,
    kecamatan: 'Cililin',
    desa: 'Batulayang',
    cluster: 'kuliner' as const,
    stage: 'start_up' as const,
    ...(consentedOn ? { consent: { purpose: 'test', givenAt: at, channel: consentedOn } } : {}),
    channels: telegramUserId === undefined ? {} : { telegramUserId: String(telegramUserId) },
  };
}
