import type { Types } from 'mongoose';
import { gridFsMediaStore } from '../../src/db/media-store';
import type { Models } from '../../src/db/models';
import { openComplaint } from '../../src/domain/complaints';
import { NikVault } from '../../src/domain/identity';
import { submitWeeklyReport } from '../../src/domain/reports/weekly-report-service';
import { TEST_COMPLAINT_DESK } from './api';
import { siti } from './participants';

/** The key the privacy tests encrypt NIKs with, given to the command as NIK_ENCRYPTION_KEY. */
export const PRIVACY_NIK_KEY = 'ab'.repeat(32);
export const SITI = { phone: '+6281200007777', nik: '3217014506900001', telegram: '7770001' };
export const KOKOM = { phone: '+6281200009999', name: 'Kokom Komariah' };
/** A resident who is not a participant, complaining from the simulator. */
export const RESIDENT = { phone: '+6285700001234' };
/** Texts only Siti wrote or was sent: none may be left after her erasure. */
export const SITI_TEXTS = [
  'Omzet minggu ini 1,5jt',
  'Terima kasih Bu Siti',
  'Bantuan PKH saya belum cair',
  'Dana sudah kami cek Bu',
  'Minta bicara dengan pendamping',
  'dikoreksi karena Bu Siti salah ketik',
  'Warung Siti',
  'nasi kuning',
];

/**
 * Siti with something in every collection that can hold a participant, Kokom in the same session and
 * with a report and a complaint of her own, and a resident's complaint: what the privacy tests export
 * and erase.
 */
export async function seedPrivacyData(models: Models, now: Date) {
  const vault = new NikVault(Buffer.from(PRIVACY_NIK_KEY, 'hex'));
  await models.puskesos.create({ name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin' });
  const [tono] = await models.mentors.create([{ name: 'Tono', phone: '+6281300000201', type: 'MiBi' }]);
  await models.staff.create({ name: 'Dewi (Dinsos)', phone: '+6281300000004', role: 'admin' });
  const sitiRecord = await models.participants.create({
    ...siti(SITI.phone, { consentedOn: 'telegram', at: now, telegramUserId: SITI.telegram }),
    nik: vault.protect(SITI.nik),
    business: { name: 'Warung Siti', description: 'nasi kuning' },
    mentors: { mibi: tono?._id },
  });
  const kokom = await models.participants.create({
    ...siti(KOKOM.phone, { consentedOn: 'simulator', at: now }),
    name: KOKOM.name,
    mentors: { mibi: tono?._id },
  });
  const sitiId = sitiRecord._id as Types.ObjectId;
  const report = (participant: Types.ObjectId, week: string, sales: number, extra: object = {}) =>
    submitWeeklyReport(models, {
      participant,
      week,
      sales,
      spending: 100_000,
      savingsDeposit: 50_000,
      savingsWithdrawal: 0,
      channel: 'telegram',
      submittedAt: now,
      ...extra,
    });
  await report(sitiId, '2026-W46', 1_100_000, { inboundKey: 'telegram:1' });
  await report(sitiId, '2026-W47', 1_350_000);
  await report(sitiId, '2026-W47', 1_400_000, {
    submittedBy: tono?._id,
    reason: 'dikoreksi karena Bu Siti salah ketik',
  });
  await report(kokom._id as Types.ObjectId, '2026-W47', 900_000);

  const [session] = await models.mentoringSessions.create([
    {
      mentor: tono?._id,
      startsAt: new Date('2026-11-14T02:00:00Z'),
      place: 'Balai Desa Batulayang',
      topic: 'Pembukuan sederhana',
      participants: [sitiId, kokom._id],
    },
  ]);
  await models.sessionResponses.create({
    session: session?._id,
    participant: sitiId,
    answer: 'attend',
    answeredAt: now,
  });
  await models.sessionAttendance.create({
    session: session?._id,
    participant: sitiId,
    present: true,
    recordedAt: now,
  });

  const telegramChat = { channel: 'telegram', chatId: SITI.telegram };
  await models.conversations.create({
    _id: `telegram:${SITI.telegram}`,
    ...telegramChat,
    lastActivityAt: now,
    firstMessage: { text: 'Omzet minggu ini 1,5jt' },
  });
  await models.inboundMessages.create([
    {
      ...telegramChat,
      platformMessageId: '1',
      receivedAt: now,
      status: 'processed',
      payload: { text: 'Omzet minggu ini 1,5jt' },
    },
    {
      channel: 'simulator',
      platformMessageId: 'k1',
      chatId: KOKOM.phone,
      receivedAt: now,
      status: 'processed',
      payload: { text: 'Halo dari Kokom' },
    },
  ]);
  await models.outbox.create([
    {
      dedupeKey: 'reply:telegram:1:0',
      ...telegramChat,
      message: { text: 'Terima kasih Bu Siti' },
      dueAt: now,
      status: 'sent',
      sentAt: now,
      platformMessageId: '501',
    },
    {
      dedupeKey: 'reminder:siti',
      ...telegramChat,
      message: { text: 'Terima kasih Bu Siti, jangan lupa lapor' },
      dueAt: now,
      status: 'pending',
    },
    {
      dedupeKey: 'reply:simulator:k1:0',
      channel: 'simulator',
      chatId: KOKOM.phone,
      message: { text: 'Halo Bu Kokom' },
      dueAt: now,
      status: 'sent',
      sentAt: now,
    },
  ]);
  await models.outboxQueue.create({ _id: 'reminder:siti', ...telegramChat, dueAt: now, order: 1 });
  await models.outboxPlatformIds.create({ _id: 'telegram:501', outbox: 'reply:telegram:1:0' });

  const complaint = async (
    text: string,
    person: { participant?: Types.ObjectId; phone: string; chat: typeof telegramChat },
  ) => {
    const opened = await openComplaint(
      models,
      {
        ...(person.participant ? { participant: person.participant } : {}),
        complainantPhone: person.phone,
        complainantChat: person.chat,
        language: 'id',
        desa: 'Batulayang',
        category: 'PKH',
        text,
        photos: [],
        at: now,
      },
      TEST_COMPLAINT_DESK,
    );
    if (!opened.ok) throw new Error('complaint not opened');
    return opened.number;
  };
  const sitiComplaint = await complaint('Bantuan PKH saya belum cair', {
    participant: sitiId,
    phone: SITI.phone,
    chat: telegramChat,
  });
  const photo = await gridFsMediaStore(models.complaints.db).save(
    'telegram:photo-siti',
    Buffer.from('foto KTP'),
    'image/jpeg',
  );
  await models.complaints.updateOne(
    { number: sitiComplaint },
    {
      $set: { photos: [photo] },
      $push: { events: { kind: 'reply', at: now, byName: 'Dewi', text: 'Dana sudah kami cek Bu' } },
    },
  );
  await complaint('Jalan desa rusak', {
    participant: kokom._id as Types.ObjectId,
    phone: KOKOM.phone,
    chat: { channel: 'simulator', chatId: KOKOM.phone },
  });
  await complaint('Saya warga, bukan peserta', {
    phone: RESIDENT.phone,
    chat: { channel: 'simulator', chatId: RESIDENT.phone },
  });

  await models.handovers.create({
    _id: 'BTN-1',
    openedBy: 'telegram:2',
    chat: telegramChat,
    requester: { kind: 'participant', participant: sitiId, name: 'Siti Aminah' },
    reason: 'asked',
    asked: 'Minta bicara dengan pendamping',
    assignee: { kind: 'mentor', mentor: tono?._id, name: 'Tono' },
    status: 'open',
    openedAt: now,
    messages: [{ from: 'requester', at: now, text: 'Minta bicara dengan pendamping', key: 'telegram:2' }],
  });
  await models.openHandovers.create({
    _id: `telegram:${SITI.telegram}`,
    handover: 'BTN-1',
    assignee: { kind: 'mentor', mentor: tono?._id, name: 'Tono' },
    requesterName: 'Siti Aminah',
    status: 'open',
    openedAt: now,
  });
  // Left by a process that stopped while handling her chat.
  await models.leases.create({
    _id: `chat:telegram:${SITI.telegram}`,
    token: 't',
    until: new Date(now.getTime() - 60_000),
  });
  await models.auditEvents.create({
    at: now,
    actor: `mentor:${String(tono?._id)}`,
    action: 'participant.update',
    target: String(sitiId),
    details: { fields: ['name'], changes: { name: { from: 'Siti Aminh', to: 'Siti Aminah' } } },
  });
  return { sitiId, kokomId: kokom._id as Types.ObjectId, tonoId: tono?._id as Types.ObjectId, photo };
}

/** Every document of every collection as one text: what a search for a leftover name or number reads. */
export async function everythingStored(models: Models): Promise<string> {
  const all = await Promise.all(
    Object.values(models).map((model) => (model as Models['participants']).find().lean()),
  );
  return JSON.stringify(all);
}
