import { complaintNews } from '../../src/conversations/turn/complaint-news';
import { consent } from '../../src/conversations/turn/consent';
import { flow } from '../../src/conversations/turn/flow';
import { globalCommands } from '../../src/conversations/turn/global-commands';
import { groupGuard } from '../../src/conversations/turn/group-guard';
import { handedOver } from '../../src/conversations/turn/handed-over';
import { mentor } from '../../src/conversations/turn/mentor';
import { pendingRating } from '../../src/conversations/turn/pending-rating';
import { resident } from '../../src/conversations/turn/resident';
import { staff } from '../../src/conversations/turn/staff';
import { statusQuery } from '../../src/conversations/turn/status-query';
import type { TurnHandler } from '../../src/conversations/turn/chain';
import type { FlowState } from '../../src/engine/conversation/state';
import type { ComplaintUpdate } from '../../src/domain/complaints';
import { shippedFlows } from '../support/conversations';
import { message, mentorPerson, participant, playHandler, texts, unknownPerson } from '../support/turn';

/**
 * Each handler of a turn's chain on its own, on the shipped flows and the real parsers, without a
 * database (any read fails the test): what it answers, and what it passes on.
 */
const inHand = (flowId: string, stepId: string, answers: FlowState['answers'] = {}): FlowState => ({
  flowId,
  flowVersion: shippedFlows.get(flowId)!.version,
  stepId,
  answers,
  attempts: 0,
  trail: [],
});

const news = (update: Partial<ComplaintUpdate>) =>
  message('', {
    text: undefined,
    platformMessageId: 'complaint-news-1',
    complaintUpdate: {
      number: 'PGD-2026-000007',
      puskesosName: 'Puskesos Lumpaat',
      language: 'id',
      ...update,
    },
  });

describe('complaint news', () => {
  it('tells a participant at the menu of a staff reply in their language and waits for their answer', async () => {
    const played = await playHandler(complaintNews, {
      person: participant({ language: 'su' }),
      inbound: news({ text: 'Mangga sumping ka kantor.', status: 'in_progress' }),
      turn: { flow: inHand('menu', 'choose') },
    });
    expect(played.passedOn).toBe(false);
    expect(texts(played)[0]).toContain('Waleran Puskesos Lumpaat kanggo pangaduan PGD-2026-000007');
    expect(played.turn.flow?.flowId).toBe('complaint-reply');
    expect(played.turn.flow?.answers.complaint).toBe('PGD-2026-000007');
  });

  it('keeps a report in hand and leaves the rating of an answered complaint for later', async () => {
    const report = inHand('weekly-report', 'sales', { week: '2026-W48' });
    const played = await playHandler(complaintNews, {
      person: participant(),
      inbound: news({ status: 'answered' }),
      turn: { flow: report },
    });
    expect(played.turn.flow).toEqual(report);
    expect(played.turn.pendingRating).toBe('PGD-2026-000007');
    expect(texts(played)).toHaveLength(1);
  });

  it('passes on what a person wrote', async () => {
    const played = await playHandler(complaintNews, { person: participant(), inbound: message('halo') });
    expect(played.passedOn).toBe(true);
    expect(played.turn.replies).toEqual([]);
  });
});

describe('pending rating', () => {
  it('asks the waiting rating once the rest of the chain has ended the flow in hand', async () => {
    const played = await playHandler(pendingRating, {
      person: participant(),
      inbound: message('ya'),
      turn: { flow: inHand('weekly-report', 'confirm'), pendingRating: 'PGD-2026-000007' },
      rest: async (turn) => {
        turn.state.flow = undefined;
      },
    });
    expect(played.turn.flow?.flowId).toBe('complaint-rating');
    expect(texts(played)).toEqual([expect.stringContaining('pengaduan PGD-2026-000007 sudah selesai?')]);
    expect(played.turn.pendingRating).toBeUndefined();
  });

  it('waits while a flow is still in hand', async () => {
    const played = await playHandler(pendingRating, {
      person: participant(),
      inbound: message('1jt'),
      turn: { flow: inHand('weekly-report', 'sales'), pendingRating: 'PGD-2026-000007' },
    });
    expect(played.turn.flow?.flowId).toBe('weekly-report');
    expect(played.turn.pendingRating).toBe('PGD-2026-000007');
  });
});

describe('staff, status query and a chat handed over, for whom they are not', () => {
  it.each([
    ['staff: a participant', staff, participant(), message('halo')],
    ['status query: a mentor', statusQuery, mentorPerson, message('status PGD-2026-000007')],
    ['status query: no complaint number', statusQuery, participant(), message('halo')],
    ['handed over: a chat with nobody to wait for', handedOver, participant(), message('halo')],
  ])('%s is passed on', async (_name, handler, person, inbound) => {
    const played = await playHandler(handler, { person, inbound });
    expect(played.passedOn).toBe(true);
    expect(played.turn.replies).toEqual([]);
  });
});

describe('group guard', () => {
  it('ignores a group message from someone who is not staff', async () => {
    const played = await playHandler(groupGuard, {
      person: participant(),
      inbound: message('halo semua', { group: true, sender: { id: '6281200000001' } }),
    });
    expect(played.passedOn).toBe(false);
    expect(played.turn.replies).toEqual([]);
  });

  it('passes a private message on', async () => {
    expect(
      (await playHandler(groupGuard, { person: participant(), inbound: message('halo') })).passedOn,
    ).toBe(true);
  });
});

describe('resident', () => {
  it('asks someone unknown on Telegram to share their number, with the button', async () => {
    const played = await playHandler(resident, {
      person: unknownPerson,
      inbound: message('halo', { channel: 'telegram', chatId: '8812' }),
    });
    expect(played.turn.replies).toEqual([
      { text: expect.stringContaining('mohon tekan tombol "Bagikan nomor HP"'), requestContact: true },
    ]);
  });

  it('tells someone unknown on WhatsApp how to be registered, and how to complain', async () => {
    const played = await playHandler(resident, { person: unknownPerson, inbound: message('halo') });
    expect(played.turn.replies).toEqual([{ text: expect.stringContaining('belum terdaftar') }]);
    expect(texts(played)[0]).toContain('ketik ADUAN');
  });

  it('opens a resident complaint on ADUAN and leaves it on BATAL', async () => {
    const opened = await playHandler(resident, { person: unknownPerson, inbound: message('Aduan') });
    expect(opened.turn.flow?.flowId).toBe('resident-complaint');
    const left = await playHandler(resident, {
      person: unknownPerson,
      inbound: message('batal'),
      turn: { flow: opened.turn.flow },
    });
    expect(left.turn.flow).toBeUndefined();
    expect(texts(left)).toEqual(['Baik, dibatalkan.']);
  });

  it('passes on anyone it knows', async () => {
    expect((await playHandler(resident, { person: participant(), inbound: message('halo') })).passedOn).toBe(
      true,
    );
  });
});

describe('mentor', () => {
  it('starts planning a session on SESI and leaves it on BATAL', async () => {
    const started = await playHandler(mentor, { person: mentorPerson, inbound: message('sesi') });
    expect(started.turn.flow?.flowId).toBe('mentor-session');
    expect(texts(started)[0]).toContain('Jadwalkan pendampingan. Topiknya?');
    const cancelled = await playHandler(mentor, {
      person: mentorPerson,
      inbound: message('BATAL'),
      turn: { flow: started.turn.flow },
    });
    expect(cancelled.turn.flow).toBeUndefined();
    expect(texts(cancelled)).toEqual(['Baik, dibatalkan.']);
  });

  it('passes a participant on', async () => {
    expect((await playHandler(mentor, { person: participant(), inbound: message('sesi') })).passedOn).toBe(
      true,
    );
  });
});

describe('global commands', () => {
  const report = inHand('weekly-report', 'spending', { week: '2026-W48', sales: 1_500_000 });

  it('MENU keeps the report in hand as a draft and shows the menu', async () => {
    const played = await playHandler(globalCommands, {
      person: participant(),
      inbound: message('menu'),
      turn: { flow: report, handoff: true },
    });
    expect(played.turn.draft).toEqual(report);
    expect(played.turn.flow?.flowId).toBe('menu');
    expect(played.turn.handoff).toBe(false);
  });

  it('BATAL throws the report away, says so, and shows the menu', async () => {
    const played = await playHandler(globalCommands, {
      person: participant(),
      inbound: message('batal'),
      turn: { flow: report, draft: report },
    });
    expect(played.turn.draft).toBeUndefined();
    expect(played.turn.flow?.flowId).toBe('menu');
    expect(texts(played)[0]).toBe('Baik, dibatalkan.');
  });

  it('passes anything else on', async () => {
    const played = await playHandler(globalCommands, { person: participant(), inbound: message('1,5jt') });
    expect(played.passedOn).toBe(true);
  });
});

describe('consent', () => {
  it('asks a participant who has not agreed, keeping what they came for', async () => {
    const played = await playHandler(consent, {
      person: participant({ consented: false }),
      inbound: message('jual 1,5jt tabung 50rb'),
    });
    expect(played.passedOn).toBe(false);
    expect(played.turn.flow?.flowId).toBe('consent');
    expect(played.turn.firstMessage).toEqual({ text: 'jual 1,5jt tabung 50rb', choice: undefined });
  });

  it('passes on the answer to its question, and anyone who agreed', async () => {
    const answering = await playHandler(consent, {
      person: participant({ consented: false }),
      inbound: message('1'),
      turn: { flow: inHand('consent', 'ask') },
    });
    expect(answering.passedOn).toBe(true);
    expect((await playHandler(consent, { person: participant(), inbound: message('halo') })).passedOn).toBe(
      true,
    );
  });
});

describe('flow', () => {
  it('opens the menu outside any flow', async () => {
    const played = await playHandler(flow, { person: participant(), inbound: message('halo') });
    expect(played.turn.flow).toMatchObject({ flowId: 'menu', stepId: 'choose' });
    expect(played.turn.replies[0]?.choices?.length).toBeGreaterThan(3);
  });

  it('goes back a question on KEMBALI', async () => {
    const played = await playHandler(flow, {
      person: participant(),
      inbound: message('kembali'),
      turn: { flow: { ...inHand('weekly-report', 'spending', { sales: 1_500_000 }), trail: ['sales'] } },
    });
    expect(played.turn.flow).toMatchObject({ stepId: 'sales', answers: { sales: 1_500_000 } });
  });

  it('starts a flow again when the step it waited at is gone from the current version', async () => {
    const played = await playHandler(flow, {
      person: participant(),
      inbound: message('ya'),
      turn: { flow: { ...inHand('complaint-rating', 'no-such-step'), flowVersion: 0 } },
    });
    expect(played.turn.flow).toMatchObject({ flowId: 'complaint-rating', stepId: 'solved' });
  });
});

describe('what handlers declare', () => {
  const namedIn = (flowIds: readonly string[]) => flowIds.flatMap((id) => shippedFlows.get(id)?.steps ?? []);
  const flowTargets = (flowIds: readonly string[]) =>
    namedIn(flowIds).flatMap((step) =>
      [step.next]
        .flat()
        .map((next) => (typeof next === 'string' ? next : next.goto))
        .flatMap((goto) => /^flow:(.+)$/.exec(goto)?.[1] ?? []),
    );

  // The handlers that answer the steps of the flows they declare, so run every action those name.
  it.each([resident, mentor, flow] as TurnHandler[])(
    '$name allows every action and flow its flows lead to',
    (handler) => {
      const actions = namedIn(handler.flows).flatMap((step) => step.action ?? []);
      expect(actions.filter((action) => !(handler.actions as string[]).includes(action))).toEqual([]);
      expect(flowTargets(handler.flows).filter((id) => !handler.flows.includes(id))).toEqual([]);
      for (const id of handler.flows) expect(shippedFlows.has(id)).toBe(true);
    },
  );

  it('refuses to start a flow the handler does not declare', async () => {
    const startsMenu: TurnHandler = {
      name: 'starts the menu',
      flows: [],
      actions: [],
      handle: (turn) => turn.follow(turn.begin('menu')),
    };
    await expect(
      playHandler(startsMenu, { person: participant(), inbound: message('halo') }),
    ).rejects.toThrow('the starts the menu handler starts no flow menu');
  });
});
