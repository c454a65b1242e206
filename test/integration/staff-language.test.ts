import { createLogger } from '../../src/log';
import { useTestDatabase } from '../support/database';
import { siti } from '../support/participants';
import { useSimulatorChat } from '../support/simulator-chat';

/** Puskesos staff who read English get the bot's answers in English in their own chat. */
const db = useTestDatabase();
let now = new Date('2026-11-30T02:00:00Z');
const clock = () => {
  now = new Date(now.getTime() + 1000);
  return now;
};
const chat = useSimulatorChat(() => db.models, clock, createLogger('silent'));
const say = async (phone: string, text: string) => (await chat.send(phone, text)).join('\n');

describe('a Puskesos officer in English', () => {
  it('sets English with /bahasa en, then gets help, status, actions and refusals in it', async () => {
    const lumpaat = await db.models.puskesos.create({
      name: 'Puskesos Lumpaat',
      desa: 'Batulayang',
      kecamatan: 'Cililin',
    });
    const rina = '+6281300000071';
    await db.models.staff.create({ name: 'Rina', phone: rina, role: 'front_office', puskesos: lumpaat._id });
    const participant = '+6281200000071';
    await db.models.participants.create(siti(participant, { consentedOn: 'simulator', at: now }));
    for (const text of ['3', '5', 'Atap rumah bocor sejak bulan lalu, belum ada bantuan', '-']) {
      await say(participant, text);
    }
    const number = (await say(participant, '1')).match(/PGD-2026-\d{6}/)?.[0] ?? '';
    expect(number).not.toBe('');

    expect(await say(rina, '/bantuan')).toContain('Halo, petugas Puskesos');
    expect(await say(rina, '/bahasa en')).toBe('All right, messages to you are now in English.');
    expect(await say(rina, '/help')).toContain('Hello, Puskesos officer.');
    const status = await say(rina, `/status ${number}`);
    expect(status).toContain('Category: RTLH (house renovation) · Desa: Batulayang');
    expect(status).toContain('Officer: not taken yet');
    expect(await say(rina, `/take ${number}`)).toBe(
      `${number} acknowledged by Rina.\n${number} taken by Rina.`,
    );
    expect(await say(rina, `/take ${number}`)).toBe(`${number} is already yours.`);
    expect(await say(rina, '/entah')).toBe('Sorry, /entah is no command.');
    expect(await say(rina, '/bahasa')).toBe('Sorry, type /language en or /language id.');
    expect(await say(rina, '/language id')).toBe('Baik, pesan untuk Anda kini dalam bahasa Indonesia.');
    expect(await say(rina, `/status ${number}`)).toContain('Petugas: Rina');
  });
});
