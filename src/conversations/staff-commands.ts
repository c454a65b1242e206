import { complaintCategoryName } from '../domain/complaints/categories';
import type { Models } from '../db/models';
import {
  actOnComplaint,
  statusWord,
  type ActOutcome,
  type ComplainantNotice,
  type ComplaintDeskSettings,
} from '../domain/complaints';
import { STAFF_HINT, staffAnnouncement } from '../domain/complaints/messages';
import { parseStaffCommand } from '../domain/complaints/staff-command';
import { formatOpenComplaints, openComplaintsOf } from '../domain/complaints/staff-digest';
import type { StaffLanguage } from '../domain/program';
import { sessionTime } from '../domain/sessions/messages';
import type { InboundMessage, OutboundMessage } from '../engine/messages';
import { say, type TextKey } from '../i18n';
import type { Logger } from '../log';

/** A complaint's history in words, not the codes it is stored with. */
const EVENT_WORDS: Partial<Record<string, Extract<TextKey, `staff.event${string}`>>> = {
  reply: 'staff.eventReply',
  message: 'staff.eventMessage',
  note: 'staff.eventNote',
  rating: 'staff.eventRating',
};

export interface StaffDesk {
  models: Models;
  settings: ComplaintDeskSettings;
  logger: Logger;
}

/** What a registered staff member can do in chat: act on their Puskesos's complaints and list them. */
export async function answerStaff(
  desk: StaffDesk,
  staffId: string,
  inbound: InboundMessage,
  now: Date,
  notify: (notices: ComplainantNotice[]) => void,
): Promise<OutboundMessage[]> {
  const { models, settings, logger } = desk;
  const command = parseStaffCommand(inbound.text ?? '', inbound.replyToText);
  const staff = await models.staff.findById(staffId, { puskesos: 1, name: 1, language: 1 }).lean();
  if (!staff) return [];
  const timeZone = settings.calendar.timeZone;
  // A staff group has several readers: it is written to in the programme's language.
  const language: StaffLanguage = inbound.group
    ? 'id'
    : ((staff.language as StaffLanguage | undefined) ?? 'id');
  switch (command.kind) {
    case 'help':
      return [
        {
          text: command.problem
            ? say('staff.sorry', language, { problem: command.problem[language] })
            : say('staff.help', language, { hint: STAFF_HINT }),
        },
      ];
    case 'language':
      await models.staff.updateOne({ _id: staff._id }, { $set: { language: command.language } });
      return [{ text: say('staff.languageSet', command.language) }];
    case 'list': {
      if (!staff.puskesos) return [{ text: say('staff.noPuskesos', language) }];
      const puskesos = await models.puskesos.findById(staff.puskesos, { name: 1 }).lean();
      const open = await openComplaintsOf(models, staff.puskesos);
      return [{ text: formatOpenComplaints(puskesos?.name ?? 'Puskesos', open, now, timeZone) }];
    }
    case 'register_group': {
      if (!inbound.group) return [{ text: say('staff.groupOnly', language) }];
      if (!staff.puskesos) return [{ text: say('staff.noPuskesos', language) }];
      const group = { channel: inbound.channel, chatId: inbound.chatId };
      const puskesos = await models.puskesos.findById(staff.puskesos, { name: 1 }).lean();
      if (!puskesos) return [];
      // Imported and seeded Puskesos have no `staffGroups` until their first group: `$addToSet`
      // creates the list, and adds a group once however often it is registered, even at once.
      const added = await models.puskesos.updateOne(
        { _id: puskesos._id },
        { $addToSet: { staffGroups: group } },
      );
      if (added.modifiedCount > 0) {
        logger.info({ puskesos: String(puskesos._id), staffId }, 'staff group registered');
      }
      return [{ text: say('staff.groupRegistered', language, { name: puskesos.name }) }];
    }
    case 'status': {
      const complaint = await models.complaints.findOne({ number: command.number }).lean();
      const mine = complaint && (!staff.puskesos || staff.puskesos.equals(complaint.puskesos));
      if (!complaint || !mine) return [{ text: say('staff.notFound', language, { number: command.number }) }];
      const history = complaint.events.slice(-5).map((event) => {
        const when = sessionTime(event.at, language, timeZone);
        const byComplainant = event.kind === 'message' || event.kind === 'rating';
        const who = event.byName ?? say(byComplainant ? 'staff.byComplainant' : 'staff.bySystem', language);
        const eventWord = EVENT_WORDS[event.kind];
        const what =
          event.kind === 'status' && event.to
            ? statusWord(event.to, language)
            : eventWord
              ? say(eventWord, language)
              : event.kind;
        return `- ${when}, ${who}: ${what}${event.text ? `: ${event.text}` : ''}`;
      });
      const referred = complaint.referredTo
        ? say('staff.statusReferred', language, { service: complaint.referredTo })
        : '';
      const officer = complaint.assigneeName ?? say('staff.statusNotTaken', language);
      const category = complaintCategoryName(complaint.category, language);
      return [
        {
          text: [
            `${complaint.number}: ${statusWord(complaint.status, language)}`,
            say('staff.statusCategory', language, { category, desa: complaint.desa }),
            say('staff.statusOfficer', language, { officer, referred }),
            ...(complaint.dueAt
              ? [say('staff.statusDue', language, { when: sessionTime(complaint.dueAt, language, timeZone) })]
              : []),
            say('staff.statusText', language, { text: complaint.text }),
            say('staff.statusHistory', language),
            ...history,
          ].join('\n'),
        },
      ];
    }
    case 'act': {
      const outcome = await actOnComplaint(
        models,
        command.number,
        command.action,
        { kind: 'staff', staffId, chat: { channel: inbound.channel, chatId: inbound.chatId } },
        now,
        settings,
      );
      if (outcome.ok) {
        notify(outcome.notices);
        // What the group hears is Indonesian; the one who acted in a private chat hears it in theirs.
        const told =
          language === 'id'
            ? outcome.announcement
            : outcome.events.map((event) => staffAnnouncement(command.number, event, language)).join('\n');
        return [{ text: told }];
      }
      if (outcome.reason === 'forbidden') {
        logger.warn({ staffId, complaint: command.number }, 'staff acted on another Puskesos complaint');
      }
      return [{ text: refusalForStaff(command.number, outcome, language) }];
    }
  }
}

function refusalForStaff(
  number: string,
  outcome: Exclude<ActOutcome, { ok: true }>,
  language: StaffLanguage,
): string {
  switch (outcome.reason) {
    case 'taken':
      return say('staff.taken', language, { number, by: outcome.by });
    case 'already_yours':
      return say('staff.alreadyYours', language, { number });
    case 'closed':
      return say('staff.closed', language, { number });
    case 'answer_first':
      return say('staff.answerFirst', language, { number });
    case 'not_routed':
      return say('staff.notRouted', language, { number });
    case 'not_allowed':
    case 'not_answered':
      return say('staff.notNow', language, { number });
    case 'forbidden':
      return say('staff.notTheirs', language, { number });
    case 'busy':
      return say('staff.busy', language, { number });
    case 'not_found':
    case 'unknown_puskesos':
      return say('staff.unknownComplaint', language, { number });
  }
}
