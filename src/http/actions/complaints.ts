import { z } from 'zod';
import { auditActorOf, recordAudit, type Account } from '../../auth';
import { actOnComplaint, STAFF_ACTIONS, type ActOutcome, type DeskAction } from '../../domain/complaints';
import type { ApiDependencies } from '../api/v1/dependencies';

export const complaintNumber = z
  .string()
  .regex(/^PGD-\d{4}-\d{6}$/, { error: 'expected a complaint number such as PGD-2026-000123' });

/** A staff action on a complaint, as the API's JSON body and the dashboard's forms both send it. */
export const complaintActionBody = z
  .strictObject({
    action: z.enum(STAFF_ACTIONS),
    text: z.string().trim().min(1, { error: 'write a text' }).max(4000).optional(),
    service: z.string().trim().min(1, { error: 'name the service' }).max(100).optional(),
    puskesos: z
      .string()
      .regex(/^[0-9a-f]{24}$/, { error: 'expected the id of a Puskesos' })
      .optional()
      .describe('route (Dinsos admins, an unrouted complaint): the Puskesos it goes to'),
  })
  .superRefine((body, ctx) => {
    if ((body.action === 'reply' || body.action === 'note') && !body.text) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: `required for ${body.action}` });
    }
    if (body.action === 'refer' && !body.service) {
      ctx.addIssue({
        code: 'custom',
        path: ['service'],
        message: 'required for refer: the service referred to',
      });
    }
    if (body.action === 'route' && !body.puskesos) {
      ctx.addIssue({ code: 'custom', path: ['puskesos'], message: 'required for route: the Puskesos' });
    }
  });

export type ComplaintActionBody = z.output<typeof complaintActionBody>;

function complaintActionOf(body: ComplaintActionBody): DeskAction {
  switch (body.action) {
    case 'take':
      return { kind: 'take' };
    case 'refer':
      return { kind: 'refer', service: body.service ?? '' };
    case 'answer':
      return { kind: 'answer', text: body.text };
    case 'close':
      return { kind: 'close', note: body.text };
    case 'reopen':
      return { kind: 'reopen', note: body.text };
    case 'note':
      return { kind: 'note', text: body.text ?? '' };
    case 'reply':
      return { kind: 'reply', text: body.text ?? '' };
    case 'route':
      return { kind: 'route', puskesosId: body.puskesos ?? '' };
  }
}

export type ComplaintRefusal = Exclude<ActOutcome, { ok: true }>;

/** A refused action as HTTP: 404, 403, 409 (with who has it), or 503 while another change holds it. */
export function refusalOf(outcome: ComplaintRefusal): { status: number; message: string; extra?: object } {
  switch (outcome.reason) {
    case 'not_found':
      return { status: 404, message: 'Pengaduan tidak ditemukan / No such complaint' };
    case 'unknown_puskesos':
      return { status: 422, message: 'Puskesos itu tidak ada / No such Puskesos' };
    case 'forbidden':
      return { status: 403, message: 'Pengaduan Puskesos lain / Another Puskesos’s complaint' };
    case 'busy':
      return { status: 503, message: 'Pengaduan sedang diubah; coba lagi / Being changed; try again' };
    case 'taken':
      return {
        status: 409,
        message: `Sudah diambil oleh ${outcome.by} / Already taken by ${outcome.by}`,
        extra: { by: outcome.by },
      };
    case 'already_yours':
      return { status: 409, message: 'Sudah Anda tangani / Already yours' };
    case 'closed':
      return { status: 409, message: 'Pengaduan sudah ditutup / The complaint is closed' };
    case 'answer_first':
      return {
        status: 409,
        message:
          'Belum dijawab: kirim jawaban (Selesai) dulu, baru bisa ditutup / Not answered yet: answer it (Done) before closing',
      };
    case 'not_routed':
      return {
        status: 409,
        message:
          'Belum diteruskan ke Puskesos: teruskan dulu / Not passed to a Puskesos yet: assign it first',
      };
    case 'not_answered':
    case 'not_allowed':
      return { status: 409, message: 'Tidak bisa dalam status ini / Not possible in this status' };
  }
}

/**
 * One staff action from the API or a dashboard form: the chat commands' own rules (actOnComplaint),
 * an audit line, then the complainant hears of it in their chat. One path, so that a reply typed on a
 * page reaches the complainant exactly as one sent through the API or the Puskesos's group.
 */
export async function actOnComplaintAsStaff(
  { models, conversations, complaints: settings, logger }: ApiDependencies,
  account: Extract<Account, { kind: 'staff' }>,
  number: string,
  body: ComplaintActionBody,
  context: { from: string; via: 'session' | 'token'; now: Date },
): Promise<ActOutcome> {
  const outcome = await actOnComplaint(
    models,
    number,
    complaintActionOf(body),
    { kind: 'staff', staffId: account.id },
    context.now,
    settings,
  );
  await recordAudit(
    models,
    {
      actor: auditActorOf(account),
      action: `complaint.${body.action}`,
      target: number,
      from: context.from,
      details: { via: context.via, outcome: outcome.ok ? outcome.status : outcome.reason },
    },
    context.now,
  );
  if (outcome.ok) {
    // The change is stored; a notice that cannot be handed over now is logged, not the action undone.
    await conversations.notify(outcome.notices).catch((error: unknown) => {
      logger?.error({ err: error, complaint: number }, 'complaint notice not delivered to the chat');
    });
  }
  return outcome;
}
