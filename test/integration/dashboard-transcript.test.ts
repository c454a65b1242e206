import { setPassword } from '../../src/auth';
import { actOnComplaint } from '../../src/domain/complaints';
import { createLogger } from '../../src/log';
import { TEST_COMPLAINT_DESK } from '../support/api';
import { serveDashboard } from '../support/browser';
import { testConversationService } from '../support/conversations';
import { useTestDatabase } from '../support/database';
import { formBrowser } from '../support/form-browser';
import { siti } from '../support/participants';

/**
 * A participant's transcript on their page, after a real chat through the simulator: a complaint may
 * be about the mentor, so the mentor reads the chat without it, while the Dinsos admin reads it all.
 */
const db = useTestDatabase();
const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
let now = new Date('2026-11-23T02:00:00Z');
const clock = () => new Date(now.getTime());
const PASSWORD = 'rahasia-percakapan-2026';
const PHONE = '+6281200007777';
const COMPLAINT = 'Pendamping jarang datang dan minta uang bensin';
const STAFF_REPLY = 'Terima kasih, Bu. Kami akan memeriksa dengan Dinas Sosial.';

let base = '';
let close: () => Promise<void> = async () => {};
let sitiId = '';
let counter = 0;

async function send(text: string): Promise<string> {
  now = new Date(now.getTime() + 60_000);
  const response = await fetch(`${base}/api/simulator/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: PHONE, text, id: `chat-${++counter}` }),
  });
  const body = (await response.json()) as { replies: { text: string }[] };
  return body.replies.map((reply) => reply.text).join('\n');
}

beforeAll(async () => {
  const [lumpaat] = await db.models.puskesos.create([
    { name: 'Puskesos Lumpaat', desa: 'Batulayang', kecamatan: 'Cililin', services: ['PKH'] },
  ]);
  const [rina] = await db.models.staff.create([
    { name: 'Rina', phone: '+6281300000001', role: 'front_office', puskesos: lumpaat?._id },
    { name: 'Dewi (Dinsos)', phone: '+6281300000004', role: 'admin' },
  ]);
  const tono = await db.models.mentors.create({
    name: 'Tono',
    phone: '+6281300000201',
    type: 'MiBi',
    kecamatan: ['Cililin'],
  });
  const participant = await db.models.participants.create({
    ...siti(PHONE, { consentedOn: 'simulator', at: now }),
    mentors: { mibi: tono._id },
  });
  sitiId = String(participant._id);
  for (const login of ['+6281300000004', '+6281300000201']) await setPassword(db.models, login, PASSWORD);
  const conversations = testConversationService(db.models, clock, logger);
  ({ base, close } = await serveDashboard({
    connection: db.connection,
    models: db.models,
    clock,
    logger,
    conversations,
  }));

  expect(await send('jual 1,5jt tabung 50rb')).toContain('Rp1.500.000');
  await send('halo');
  await send('3');
  await send('1');
  await send(COMPLAINT);
  await send('-');
  const [number] = (await send('1')).match(/PGD-2026-\d{6}/) ?? [];
  const answered = await actOnComplaint(
    db.models,
    number ?? '',
    { kind: 'reply', text: STAFF_REPLY },
    { kind: 'staff', staffId: String(rina?._id) },
    clock(),
    TEST_COMPLAINT_DESK,
  );
  if (!answered.ok) throw new Error('the complaint was not answered');
  await conversations.notify(answered.notices);
  expect(await send(`status ${number}`)).toContain(number);
}, 60_000);

afterAll(() => close());

async function transcriptFor(login: string): Promise<string> {
  const browser = formBrowser(base, { address: `10.3.0.${++counter}`, password: PASSWORD });
  expect((await browser.signIn(login)).status).toBe(303);
  const detail = await browser.request('GET', `/dashboard/peserta/${sitiId}`);
  expect(detail.status).toBe(200);
  return detail.text.slice(detail.text.indexOf('<ol class="transcript">'));
}

describe("a participant's transcript on the dashboard", () => {
  it('shows the admin the whole chat, the complaint and the Puskesos reply included', async () => {
    const transcript = await transcriptFor('+6281300000004');
    expect(transcript).toContain('jual 1,5jt tabung 50rb');
    expect(transcript).toContain(COMPLAINT);
    expect(transcript).toContain(STAFF_REPLY);
    expect(transcript).toMatch(/PGD-2026-\d{6}/);
  });

  it('shows the mentor the report but nothing of the complaint: not its text, number, reply or status', async () => {
    const transcript = await transcriptFor('+6281300000201');
    expect(transcript).toContain('jual 1,5jt tabung 50rb');
    expect(transcript).toContain('Rp1.500.000');
    expect(transcript).not.toContain(COMPLAINT);
    expect(transcript).not.toContain(STAFF_REPLY);
    expect(transcript).not.toMatch(/PGD-2026-\d{6}/);
    expect(transcript).not.toContain('Pengaduan tentang');
  });
});
