import { join } from 'node:path';
import { checkFlowFile, loadFlows } from '../../src/engine/flows';

const minimal = (steps: string, extra = '') => `id: sample
version: 1
title: { id: Contoh, en: Sample }
start: first
${extra}
steps:
${steps}`;

const askAmount = `  - id: first
    prompt: { id: "Berapa?", en: "How much?" }
    input: { type: money }
    next: end`;

describe('flow definitions', () => {
  it('loads every flow shipped in flows/', () => {
    const flows = loadFlows(join(__dirname, '..', '..', 'flows'));
    expect([...flows.keys()].sort()).toEqual([
      'complaint',
      'complaint-rating',
      'complaint-reply',
      'consent',
      'mentor-attendance',
      'mentor-session',
      'menu',
      'one-message-report',
      'resident-complaint',
      'weekly-report',
    ]);
    expect(flows.get('weekly-report')?.steps.map((step) => step.id)).toEqual([
      'which_week',
      'week',
      'sales',
      'spending',
      'savings',
      'withdrawal',
      'check',
      'unusual',
      'summary',
      'confirm',
      'confirm_replace',
      'saved',
    ]);
  });

  it('accepts a minimal flow and fills in the defaults', () => {
    const { flow, problems } = checkFlowFile('sample.yaml', minimal(askAmount));
    expect(problems).toEqual([]);
    expect(flow?.steps[0]).toMatchObject({
      maxAttempts: 3,
      onTooManyAttempts: 'handoff',
      input: { optional: false },
    });
  });

  it.each([
    ['YAML that does not parse', 'id: [unclosed', { reason: expect.stringContaining('not valid YAML') }],
    [
      'a missing prompt language',
      minimal(askAmount.replace(', en: "How much?"', '')),
      { step: 'first', reason: expect.stringContaining('prompt.en') },
    ],
    [
      'an unknown input type',
      minimal(askAmount.replace('money', 'rupiah')),
      { step: 'first', reason: expect.stringContaining('input.type') },
    ],
    [
      'a step going nowhere',
      minimal(askAmount.replace('next: end', 'next: second')),
      { step: 'first', reason: 'goes to second, which is not a step (nor end, handoff or flow:<id>)' },
    ],
    [
      'an unknown action',
      minimal(askAmount.replace('input: { type: money }', 'action: send_money')),
      { step: 'first', reason: 'unknown action send_money' },
    ],
    [
      'a step that both asks and acts',
      minimal(`${askAmount}\n    action: save_weekly_report`),
      { step: 'first', reason: expect.stringContaining('either asks (input) or acts (action)') },
    ],
    [
      'a correction that returns nowhere',
      minimal(askAmount.replace('next: end', 'next: [{ goto: first, then: nowhere }]')),
      { step: 'first', reason: 'then nowhere is not a step' },
    ],
    [
      'a placeholder nobody saves',
      minimal(askAmount.replace('"Berapa?"', '"Berapa {harga}?"')),
      { step: 'first', reason: 'id text uses {harga}, which no step saves' },
    ],
    [
      'a missing start step',
      minimal(askAmount).replace('start: first', 'start: begin'),
      { reason: 'start step begin does not exist' },
    ],
    [
      'a choice without options',
      minimal(askAmount.replace('type: money', 'type: choice')),
      { step: 'first', reason: expect.stringContaining('a choice needs options') },
    ],
    [
      'an unknown key (a typo)',
      minimal(askAmount.replace('next: end', 'nxt: end')),
      { step: 'first', reason: expect.stringContaining('nxt') },
    ],
    [
      'a last route with a condition',
      minimal(askAmount.replace('next: end', 'next: [{ when: { equals: 1 }, goto: end }]')),
      { step: 'first', reason: expect.stringContaining('the last route must have no `when`') },
    ],
  ])('reports %s with the file, step and reason', (_case, text, problem) => {
    const { flow, problems } = checkFlowFile('sample.yaml', text);
    expect(flow).toBeUndefined();
    expect(problems).toContainEqual({ file: 'sample.yaml', ...problem });
  });

  it('wants the file named after the flow id', () => {
    expect(checkFlowFile('other.yaml', minimal(askAmount)).problems).toEqual([
      { file: 'other.yaml', reason: 'file name should be sample.yaml' },
    ]);
  });
});
