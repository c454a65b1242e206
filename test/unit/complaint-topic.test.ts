import { topicOfTurn } from '../../src/conversations/complaint-topic';

describe('which messages belong to a complaint', () => {
  it.each([
    ['a step of the complaint flow', { text: 'Bantuan belum cair' }, 'complaint', 'complaint', false],
    ['the menu choice that opens it', { text: '3' }, 'menu', 'complaint', false],
    ['the confirmation that ends it', { text: '1' }, 'complaint', undefined, false],
    ['an answer to the staff', { text: 'Baik' }, 'complaint-reply', undefined, false],
    ['a rating', { text: '5' }, undefined, 'complaint-rating', false],
    ['a question about its status', { text: 'status PGD-2026-000001' }, undefined, undefined, false],
  ] as const)('%s', (_name, inbound, before, after, fromMentor) => {
    expect(topicOfTurn(inbound, before, after, fromMentor)).toBe('complaint');
  });

  it('counts news of a complaint, which no one typed', () => {
    expect(
      topicOfTurn(
        { complaintUpdate: { number: 'PGD-2026-000001', puskesosName: 'Puskesos Lumpaat', language: 'id' } },
        undefined,
        undefined,
        false,
      ),
    ).toBe('complaint');
  });

  it.each([
    ['a weekly report', { text: 'jual 1,5jt tabung 50rb' }, undefined, undefined, false],
    ['the weekly report flow', { text: '150rb' }, 'weekly-report', 'weekly-report', false],
    ["a mentor's STATUS command", { text: 'status PGD-2026-000001' }, undefined, undefined, true],
  ] as const)('leaves out %s', (_name, inbound, before, after, fromMentor) => {
    expect(topicOfTurn(inbound, before, after, fromMentor)).toBeUndefined();
  });
});
