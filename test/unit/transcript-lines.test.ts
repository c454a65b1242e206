import {
  keepLatest,
  mergeTranscript,
  personLine,
  serviceLine,
  type ChatLine,
} from '../../src/domain/transcripts';
import type { InboundMessage } from '../../src/engine/messages';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 2, minute));
const inbound = (fields: Partial<InboundMessage>): InboundMessage => ({
  channel: 'simulator',
  chatId: '+6281200000001',
  platformMessageId: 'm1',
  receivedAt: at(0),
  ...fields,
});
const texts = (lines: ChatLine[]) => lines.map((line) => `${line.direction}:${line.text ?? line.attachment}`);

describe('transcript lines', () => {
  it('keeps what a person sent as the page shows it, a NIK never, and nothing of a stranger', () => {
    expect(
      personLine(inbound({ text: 'NIK 3204123456780001 ya' }), undefined, { forget: false }).text,
    ).not.toContain('3204123456780001');
    expect(personLine(inbound({ choice: 'complaint' }), 'complaint', { forget: false })).toEqual({
      direction: 'in',
      at: at(0),
      topic: 'complaint',
      choice: 'complaint',
    });
    const photo = inbound({ media: { kind: 'photo', fileId: 'f1' } });
    expect(personLine(photo, undefined, { forget: false }).attachment).toBe('photo');
    expect(personLine(inbound({ text: 'rahasia' }), undefined, { forget: true })).toEqual({
      direction: 'in',
      at: at(0),
      attachment: 'other',
    });
  });

  it('merges a chat’s turns with what was sent on its own: a reply after its message, a turn’s replies in order', () => {
    const turns = [
      personLine(inbound({ text: 'halo', receivedAt: at(1) }), undefined, { forget: false }),
      serviceLine('reply:m2:0', { text: 'Menu' }, at(1), undefined),
      serviceLine('reply:m2:1', { text: 'Pilih 1-8' }, at(1), undefined),
    ];
    const sentOnItsOwn = [
      serviceLine('weekly-report-reminder:a', { text: 'Jangan lupa lapor' }, at(0), undefined),
      serviceLine('broadcast:b', { text: 'Pelatihan' }, at(1), undefined, true),
    ];
    expect(texts(mergeTranscript([turns, sentOnItsOwn], { part: 'whole' }))).toEqual([
      'out:Jangan lupa lapor',
      'in:halo',
      'out:Menu',
      'out:Pilih 1-8',
      'out:Pelatihan',
    ]);
    expect(texts(mergeTranscript([turns, sentOnItsOwn], { part: 'whole', until: at(0) }))).toEqual([
      'out:Jangan lupa lapor',
    ]);
    expect(texts(mergeTranscript([turns, sentOnItsOwn], { part: 'whole', limit: 2 }))).toEqual([
      'out:Pilih 1-8',
      'out:Pelatihan',
    ]);
  });

  it('gives a mentor no line of a complaint and Puskesos staff only those', () => {
    const lines = [
      personLine(inbound({ text: 'lapor' }), undefined, { forget: false }),
      personLine(inbound({ text: 'pendamping minta uang' }), 'complaint', { forget: false }),
    ];
    expect(texts(mergeTranscript([lines], { part: 'without-complaints' }))).toEqual(['in:lapor']);
    expect(texts(mergeTranscript([lines], { part: 'complaints-only' }))).toEqual([
      'in:pendamping minta uang',
    ]);
  });

  it('keeps the latest lines only', () => {
    const lines = Array.from({ length: 5 }, (_, index) =>
      serviceLine(`k${index}`, { text: `${index}` }, at(index), undefined),
    );
    expect(texts(keepLatest(lines.slice(0, 3), lines.slice(3), 4))).toEqual([
      'out:1',
      'out:2',
      'out:3',
      'out:4',
    ]);
  });
});
