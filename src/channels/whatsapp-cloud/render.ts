import type { OutboundMessage } from '../../engine/messages';
import { say } from '../../i18n';
import { buttonData } from '../button-data';
import { withChoicesAsText } from '../text-choices';

/** WhatsApp's limits on an interactive message (Graph API, messages endpoint). */
export const LIMITS = {
  textBody: 4096,
  interactiveBody: 1024,
  caption: 1024,
  buttons: 3,
  buttonTitle: 20,
  buttonId: 256,
  listRows: 10,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
  /** A template's body, its own words included, may not exceed 1,024 characters. */
  templateParameter: 900,
} as const;

/**
 * The label of the button that opens a list. Replies carry no language, and Indonesian is the
 * program's own.
 */
export const LIST_BUTTON_LABEL = say('channel.listButton', 'id');

interface Addressed {
  messaging_product: 'whatsapp';
  recipient_type: 'individual';
  to: string;
}

export type ReplyButtons = {
  type: 'button';
  body: { text: string };
  action: { buttons: { type: 'reply'; reply: { id: string; title: string } }[] };
};

export type OptionList = {
  type: 'list';
  body: { text: string };
  action: {
    button: string;
    sections: { rows: { id: string; title: string; description?: string }[] }[];
  };
};

export interface TemplateCall {
  name: string;
  language: { code: string };
  components?: { type: 'body'; parameters: { type: 'text'; text: string }[] }[];
}

/** The body of one `POST /<phone number id>/messages`. */
export type GraphMessage = Addressed &
  (
    | { type: 'text'; text: { body: string; preview_url: false } }
    | { type: 'interactive'; interactive: ReplyButtons | OptionList }
    | { type: 'template'; template: TemplateCall }
    | { type: 'image'; image: { id: string; caption?: string } }
  );

/** An approved template, and whether its body has the one variable that carries the message's text. */
export interface ApprovedTemplate {
  name: string;
  language: string;
  carriesText: boolean;
}

/**
 * Renders a reply for the Cloud API. Up to three short options become reply buttons, up to ten a
 * list, more a numbered list in the text; a tap sends back the option's id after its question's token. The text keeps its own
 * numbered list, so typing `2` works as well. A request for the person's number needs nothing here:
 * on WhatsApp the chat is the number.
 */
export function renderMessage(to: string, message: OutboundMessage): GraphMessage {
  const addressed: Addressed = { messaging_product: 'whatsapp', recipient_type: 'individual', to };
  const text = message.imageUrl ? `${message.text}\n${message.imageUrl}` : message.text;
  const choices = message.choices ?? [];
  const fitsInteractive = text.length <= LIMITS.interactiveBody && choices.length > 0;
  if (fitsInteractive && choices.length <= LIMITS.buttons && asButtons(choices)) {
    return { ...addressed, type: 'interactive', interactive: replyButtons(text, choices, message.question) };
  }
  if (fitsInteractive && choices.length <= LIMITS.listRows) {
    return { ...addressed, type: 'interactive', interactive: optionList(text, choices, message.question) };
  }
  return {
    ...addressed,
    type: 'text',
    text: { body: shorten(withChoicesAsText(text, choices), LIMITS.textBody), preview_url: false },
  };
}

/**
 * Renders a reply as the messages that carry it. A text too long for an interactive body (a
 * mentor's digest) whose choices fit buttons or a list goes first as a text of its own, with the
 * words to type for choices that have them, and the choices follow under its first line: they are
 * not lost to the text's length.
 */
export function renderMessageParts(to: string, message: OutboundMessage): GraphMessage[] {
  const text = message.imageUrl ? `${message.text}\n${message.imageUrl}` : message.text;
  const choices = message.choices ?? [];
  if (text.length <= LIMITS.interactiveBody || choices.length === 0 || choices.length > LIMITS.listRows) {
    return [renderMessage(to, message)];
  }
  const typed = choices.filter((choice) => choice.typed);
  const firstLine = text.split('\n').find((line) => line.trim() !== '') ?? text;
  const { imageUrl: _shownAbove, ...rest } = message;
  return [
    {
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      type: 'text',
      text: { body: shorten(withChoicesAsText(text, typed), LIMITS.textBody), preview_url: false },
    },
    renderMessage(to, { ...rest, text: shorten(firstLine.trim(), LIMITS.interactiveBody) }),
  ];
}

/**
 * A stored image (a digest's chart) as a photo of its own, uploaded first: its caption is the
 * message's first line, and the whole text follows as a message of its own with the choices.
 */
export function renderImage(to: string, mediaId: string, text: string): GraphMessage {
  const caption = shorten(text.split('\n', 1)[0] ?? '', LIMITS.caption);
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'image',
    image: { id: mediaId, ...(caption ? { caption } : {}) },
  };
}

/** A template message, for a person outside the 24-hour window. */
export function renderTemplate(to: string, template: ApprovedTemplate, text: string): GraphMessage {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to,
    type: 'template',
    template: {
      name: template.name,
      language: { code: template.language },
      ...(template.carriesText
        ? { components: [{ type: 'body', parameters: [{ type: 'text', text: asTemplateParameter(text) }] }] }
        : {}),
    },
  };
}

type Choice = { id: string; label: string };

/** Buttons need distinct titles of at most 20 characters: a longer one would be cut by WhatsApp's refusal. */
function asButtons(choices: Choice[]): boolean {
  const titles = choices.map((choice) => choice.label.trim());
  return (
    titles.every((title) => title.length > 0 && title.length <= LIMITS.buttonTitle) &&
    new Set(titles).size === titles.length
  );
}

function replyButtons(text: string, choices: Choice[], question: string | undefined): ReplyButtons {
  return {
    type: 'button',
    body: { text },
    action: {
      buttons: choices.map((choice, index) => ({
        type: 'reply',
        reply: { id: idOf(choice, index, question, LIMITS.buttonId), title: choice.label.trim() },
      })),
    },
  };
}

function optionList(text: string, choices: Choice[], question: string | undefined): OptionList {
  return {
    type: 'list',
    body: { text },
    action: {
      button: LIST_BUTTON_LABEL,
      sections: [
        {
          rows: choices.map((choice, index) => {
            const label = choice.label.trim();
            // A label too long for the row's title is shown whole underneath.
            const cut = label.length > LIMITS.rowTitle;
            return {
              id: idOf(choice, index, question, LIMITS.rowId),
              title: shorten(label, LIMITS.rowTitle),
              ...(cut ? { description: shorten(label, LIMITS.rowDescription) } : {}),
            };
          }),
        },
      ],
    },
  };
}

function idOf(choice: Choice, index: number, question: string | undefined, limit: number): string {
  return buttonData(choice, index, question, (id) => id.length <= limit);
}

/**
 * A template variable may hold no line breaks, tabs or runs of more than four spaces: the lines of
 * the message are joined with a middle dot instead, and a long one is shortened.
 */
export function asTemplateParameter(text: string): string {
  const oneLine = text
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join(' · ');
  return shorten(oneLine, LIMITS.templateParameter);
}

/** Cut by characters, not UTF-16 units, so an emoji is never split in half. */
function shorten(text: string, limit: number): string {
  const characters = Array.from(text);
  return characters.length <= limit
    ? text
    : `${characters
        .slice(0, limit - 1)
        .join('')
        .trimEnd()}…`;
}
