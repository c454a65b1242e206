import type { Account } from '../../src/auth';
import { handoverInboxView, handoverView, type HandoverModel } from '../../src/http/dashboard/handover-view';
import { translator, type PageLanguage } from '../../src/http/dashboard/language';
import type { Viewer } from '../../src/http/dashboard/layout';

/** The requests' pages are drawn from their models alone. */
const mentor: Account = { kind: 'mentor', id: 'a'.repeat(24), name: 'Tono', mentorType: 'MiBi' };
const viewer = (language: PageLanguage = 'id'): Viewer => ({
  account: mentor,
  csrfToken: 'token-123',
  language,
  path: '/dashboard/bantuan',
});
const now = new Date('2026-12-01T05:00:00Z');

const request = (fields: Partial<HandoverModel['handover']>): HandoverModel => ({
  now,
  timeZone: 'Asia/Jakarta',
  handover: {
    number: 'B-2026-00012',
    status: 'open',
    requester: { participant: 'c'.repeat(24), name: 'Bu <Sari>' },
    assignee: { kind: 'mentor', name: 'Tono' },
    openedAt: new Date('2026-12-01T03:00:00Z'),
    asked: 'Mau tanya soal modal',
    messages: [],
    ...fields,
  },
  earlier: [],
  savedReplies: ['Kamis pukul 10'],
  answerToken: 'A'.repeat(43),
});

describe('the requests for a person', () => {
  it('lists the open requests with how long each has waited, and pages on', () => {
    const markup = String(
      handoverInboxView(
        {
          now,
          pageNumber: 2,
          hasNext: true,
          requests: [
            {
              number: 'B-2026-00012',
              requesterName: null,
              status: 'open',
              waitingSince: new Date('2026-12-01T03:00:00Z'),
              assignee: { kind: 'dinsos' },
            },
          ],
        },
        translator('en'),
      ),
    );
    expect(markup).toContain('href="/dashboard/bantuan/B-2026-00012"');
    expect(markup).toContain('resident (not a participant)');
    expect(markup).toContain('<td>2 hours</td>');
    expect(markup).toContain('Dinsos queue');
    expect(markup).toContain('href="/dashboard/bantuan?halaman=1"');
    expect(markup).toContain('href="/dashboard/bantuan?halaman=3"');
    const empty = String(
      handoverInboxView({ now, pageNumber: 1, hasNext: false, requests: [] }, translator('id')),
    );
    expect(empty).toContain('Tidak ada permintaan yang terbuka.');
    expect(empty).not.toContain('halaman=');
  });

  it('shows an open request with its thread, polled from the last message, and the forms to answer or close', () => {
    const model = request({
      messages: [{ from: 'requester', at: new Date('2026-12-01T03:05:00Z'), text: 'Halo <pak>' }],
    });
    const markup = String(handoverView(model, translator('id'), viewer()));
    expect(markup).toContain('href="/dashboard/peserta/' + 'c'.repeat(24) + '">Bu &lt;Sari&gt;</a>');
    expect(markup).toContain('<div class="text">Halo &lt;pak&gt;</div>');
    expect(markup).toContain('data-poll="/dashboard/bantuan/B-2026-00012/pesan"');
    expect(markup).toContain(`data-since="${Date.parse('2026-12-01T03:05:00Z')}"`);
    expect(markup).not.toContain('id="no-messages"');
    expect(markup).toContain('id="no-earlier"');
    expect(markup).toContain(`name="token" value="${'A'.repeat(43)}"`);
    expect(markup).toContain('<option value="Kamis pukul 10">Kamis pukul 10</option>');
    expect(markup).toContain('action="/dashboard/bantuan/B-2026-00012/tutup"');
    expect(markup.match(/name="csrf" value="token-123"/g)).toHaveLength(2);
  });

  it('offers no forms on a closed request', () => {
    const markup = String(handoverView(request({ status: 'closed' }), translator('en'), viewer('en')));
    expect(markup).toContain('This request is closed.');
    expect(markup).toContain('id="no-messages"');
    expect(markup).not.toContain('<form');
  });
});
