import {
  acknowledgementDue,
  assigneeOf,
  handoverNumberOf,
  HANDOVER_NUMBER,
  mayActOn,
  nextHandoverStatus,
  topicOfFlow,
} from '../../src/domain/handovers/rules';
import { quotedNumber } from '../../src/domain/quoted-number';
import { handoverOpenedText } from '../../src/domain/handovers/messages';

describe('who takes a request for a person', () => {
  it('gives a programme question to the participant’s MiBi, else their TKSK', () => {
    expect(assigneeOf({ topic: 'programme', mentors: { mibi: 'm1', tksk: 't1' } })).toEqual({
      kind: 'mentor',
      mentor: 'm1',
    });
    expect(assigneeOf({ topic: 'programme', mentors: { tksk: 't1' } })).toEqual({
      kind: 'mentor',
      mentor: 't1',
    });
  });

  it('puts anyone without a mentor, and questions about the Puskesos’s services, in the Dinsos queue', () => {
    expect(assigneeOf({ topic: 'programme', mentors: {} })).toEqual({ kind: 'dinsos' });
    expect(assigneeOf({ topic: 'programme' })).toEqual({ kind: 'dinsos' });
    expect(assigneeOf({ topic: 'social_service', mentors: { mibi: 'm1' } })).toEqual({ kind: 'dinsos' });
  });

  it('gives a social-service question to the Puskesos serving the desa, and a programme question never', () => {
    expect(assigneeOf({ topic: 'social_service', mentors: { mibi: 'm1' }, puskesos: 'p1' })).toEqual({
      kind: 'puskesos',
      puskesos: 'p1',
    });
    expect(assigneeOf({ topic: 'programme', puskesos: 'p1' })).toEqual({ kind: 'dinsos' });
  });

  it('lets only the mentor or Puskesos it is for, and the Dinsos admins, act on a request', () => {
    const mentors = { kind: 'mentor', mentor: 'm1' };
    const puskesos = { kind: 'puskesos', puskesos: 'p1' };
    expect(mayActOn({ kind: 'mentor', mentor: 'm1' }, mentors)).toBe(true);
    expect(mayActOn({ kind: 'mentor', mentor: 'm2' }, mentors)).toBe(false);
    expect(mayActOn({ kind: 'puskesos', puskesos: 'p1' }, puskesos)).toBe(true);
    expect(mayActOn({ kind: 'puskesos', puskesos: 'p2' }, puskesos)).toBe(false);
    expect(mayActOn({ kind: 'mentor', mentor: 'm1' }, puskesos)).toBe(false);
    expect(mayActOn({ kind: 'dinsos' }, puskesos)).toBe(true);
  });

  it('reads the request a chat reply is about from the message it quotes, only when it names one', () => {
    const quoted = (text: string | undefined) => quotedNumber(text, /BTN-[0-9A-HJKMNP-TV-Z]{6}/);
    expect(quoted('Permintaan bantuan BTN-7K3Q9P dari Siti Aminah.')).toEqual({
      kind: 'one',
      number: 'BTN-7K3Q9P',
    });
    expect(quoted('BTN-7K3Q9P · Siti: halo\nBTN-7K3Q9P lagi')).toEqual({ kind: 'one', number: 'BTN-7K3Q9P' });
    expect(quoted('BTN-7K3Q9P dan BTN-000001')).toEqual({ kind: 'several' });
    expect(quoted('Pengaduan baru PGD-2026-000001')).toEqual({ kind: 'none' });
    expect(quoted(undefined)).toEqual({ kind: 'none' });
  });

  it('reads the complaint flows as social-service questions, the rest as the programme’s', () => {
    expect(topicOfFlow('complaint')).toBe('social_service');
    expect(topicOfFlow('resident-complaint')).toBe('social_service');
    expect(topicOfFlow('weekly-report')).toBe('programme');
    expect(topicOfFlow(undefined)).toBe('programme');
  });
});

describe('a request’s lifecycle', () => {
  it('opens again when the requester writes after an answer, and allows nothing once closed', () => {
    expect(nextHandoverStatus('answered', 'message')).toBe('open');
    expect(nextHandoverStatus('open', 'answer')).toBe('answered');
    expect(nextHandoverStatus('answered', 'close')).toBe('closed');
    expect(nextHandoverStatus('closed', 'answer')).toBeUndefined();
    expect(nextHandoverStatus('closed', 'message')).toBeUndefined();
  });

  it('acknowledges the requester’s messages at most once in five minutes', () => {
    const at = new Date('2026-11-23T02:00:00Z');
    expect(acknowledgementDue(undefined, at)).toBe(true);
    expect(acknowledgementDue(new Date(at.getTime() - 4 * 60_000), at)).toBe(false);
    expect(acknowledgementDue(new Date(at.getTime() - 5 * 60_000), at)).toBe(true);
  });

  it('numbers a request after the message that opened it, the same each time', () => {
    const number = handoverNumberOf('simulator:message-1', 0);
    expect(number).toMatch(HANDOVER_NUMBER);
    expect(handoverNumberOf('simulator:message-1', 0)).toBe(number);
    expect(handoverNumberOf('simulator:message-1', 1)).not.toBe(number);
  });
});

describe('what the requester is told', () => {
  it('names who has it when they were told, and promises no haste when nobody could be', () => {
    const mentor = { kind: 'mentor', name: 'Rizky' } as const;
    expect(handoverOpenedText('BTN-000001', mentor, true, 'id')).toContain(
      'sudah kami teruskan ke Pendamping Rizky (nomor BTN-000001)',
    );
    const recorded = handoverOpenedText('BTN-000001', mentor, false, 'id');
    expect(recorded).toContain('sudah kami catat (nomor BTN-000001); petugas akan membalas di sini');
    expect(recorded).not.toMatch(/secepatnya|segera/);
    expect(handoverOpenedText('BTN-000001', { kind: 'dinsos' }, true, 'en')).toContain('the Dinsos staff');
  });
});
