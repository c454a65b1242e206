import { createConnection, type Schema } from 'mongoose';
import { createModels } from '../../src/db/models';
import { PERSONAL_DATA } from '../../src/domain/privacy';

const PERSON_REFS = new Set(['Participant', 'Mentor', 'Staff']);
/** Field names that hold a person, their number or their chat wherever they appear. */
const PERSONAL_FIELD =
  /(^|\.)(phone|complainantPhone|chatId|chat|telegramUserId|whatsappId|whatsappCloudId|participant|participants|mentor|login|account|requester|requesterName)(\.|$)/;

/** The paths of a schema, with those of its subdocuments, that name a person, a phone or a chat. */
function personalPaths(schema: Schema, prefix = ''): string[] {
  const found: string[] = [];
  schema.eachPath((path, type) => {
    const full = `${prefix}${path}`;
    const options = type.options as { ref?: unknown; type?: unknown };
    const caster = (type as unknown as { caster?: { options?: { ref?: unknown } } }).caster;
    const ref = options.ref ?? caster?.options?.ref;
    if ((typeof ref === 'string' && PERSON_REFS.has(ref)) || PERSONAL_FIELD.test(full)) found.push(full);
    const nested = (type as unknown as { schema?: Schema }).schema;
    if (nested) found.push(...personalPaths(nested, `${full}.`));
  });
  return found;
}

/** Collections whose schema names a chat or a person that is not the data subject, reviewed here. */
const REVIEWED_NOT_PERSONAL: Record<string, string> = {
  puskesos: 'staffGroups.chatId: the Puskesos staff group chats',
};

describe('what the privacy commands cover', () => {
  const models = createModels(createConnection());

  it('names every model, each with a decision', () => {
    expect(Object.keys(PERSONAL_DATA).sort()).toEqual(Object.keys(models).sort());
  });

  it('covers every collection whose schema references a person, a phone or a chat', () => {
    const uncovered = Object.entries(models).flatMap(([name, model]) => {
      const paths = personalPaths(model.schema);
      const decision = PERSONAL_DATA[name as keyof typeof PERSONAL_DATA];
      return paths.length > 0 && !decision.held && !(name in REVIEWED_NOT_PERSONAL)
        ? [`${name}: ${paths.join(', ')}`]
        : [];
    });
    expect(uncovered).toEqual([]);
  });

  it('finds the references it looks for (a participant ref, a phone, a chat)', () => {
    expect(personalPaths(models.sessionAttendance.schema)).toContain('participant');
    expect(personalPaths(models.complaints.schema)).toEqual(
      expect.arrayContaining(['participant', 'complainantPhone', 'complainantChat.chatId']),
    );
    expect(personalPaths(models.mentoringSessions.schema)).toContain('participants');
    expect(personalPaths(models.jobRuns.schema)).toEqual([]);
  });
});
