import type { Response } from 'express';
import { isAdmin, type Account } from '../../auth';
import { broadcastScopeOf, complaintScopeOf } from '../../auth/scopes';
import { html, type SafeHtml } from './html';
import { translator, type PageLanguage } from './language';
import type { Outcome } from './page';

export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

/** What every page needs to be drawn: its language, and its own address (for the language switch). */
export interface PageContext {
  language: PageLanguage;
  path: string;
}

/** Who is signed in, with the session's CSRF token that every form of the page must send back. */
export interface Viewer extends PageContext {
  account: Account;
  csrfToken: string;
}

interface Section {
  path: string;
  id: string;
  en: string;
  /** Whether the account's role has anything to see there; the page itself enforces the rule. */
  shownTo: (account: Account) => boolean;
}

const mentorOrAdmin = (account: Account) => account.kind === 'mentor' || isAdmin(account);

/** The dashboard's sections, in the order of the header's links. */
export const SECTIONS: readonly Section[] = [
  { path: '/dashboard/ringkasan', id: 'Ringkasan', en: 'Overview', shownTo: () => true },
  { path: '/dashboard/peserta', id: 'Peserta', en: 'Participants', shownTo: () => true },
  { path: '/dashboard/laporan', id: 'Laporan mingguan', en: 'Weekly reports', shownTo: mentorOrAdmin },
  {
    path: '/dashboard/pengaduan',
    id: 'Pengaduan',
    en: 'Complaints',
    shownTo: (account) => complaintScopeOf(account) !== undefined,
  },
  {
    path: '/dashboard/bantuan',
    id: 'Permintaan bantuan',
    en: 'Requests for a person',
    // Mentors, Dinsos admins, and a Puskesos's staff (its social-service requests).
    shownTo: (account) =>
      mentorOrAdmin(account) || (account.kind === 'staff' && account.puskesos !== undefined),
  },
  { path: '/dashboard/sesi', id: 'Sesi', en: 'Sessions', shownTo: mentorOrAdmin },
  {
    path: '/dashboard/siaran',
    id: 'Siaran',
    en: 'Broadcasts',
    shownTo: (account) => broadcastScopeOf(account) !== undefined,
  },
  { path: '/dashboard/impor', id: 'Impor data', en: 'Import', shownTo: isAdmin },
  { path: '/dashboard/orang', id: 'Staf & pendamping', en: 'Staff & mentors', shownTo: isAdmin },
  { path: '/dashboard/saluran', id: 'Saluran', en: 'Channels', shownTo: isAdmin },
  { path: '/dashboard/audit', id: 'Log audit', en: 'Audit log', shownTo: isAdmin },
];

/**
 * Where an account lands after signing in: Puskesos staff at their complaints inbox (the front
 * desk's work), everyone else at the overview.
 */
export function homePathOf(account: Account): string {
  return account.kind === 'staff' && !isAdmin(account) ? '/dashboard/pengaduan' : '/dashboard/ringkasan';
}

const isViewer = (context: PageContext | Viewer): context is Viewer => 'account' in context;

function languageSwitch(context: PageContext): SafeHtml {
  const other = context.language === 'en' ? 'id' : 'en';
  return html`<a
    class="language"
    lang="${other}"
    href="/dashboard/bahasa?ke=${other}&amp;kembali=${encodeURIComponent(context.path)}"
    >${other === 'en' ? 'English' : 'Bahasa Indonesia'}</a
  >`;
}

/** Every page: the header with the sections, who is signed in and the sign-out button, then the content. */
export function page(
  title: string,
  content: SafeHtml,
  context: PageContext | Viewer,
  flash?: Flash,
): SafeHtml {
  const t = translator(context.language);
  const viewer = isViewer(context) ? context : undefined;
  const sections = viewer ? SECTIONS.filter((section) => section.shownTo(viewer.account)) : [];
  return html`<!doctype html>
    <html lang="${context.language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Pendamping</title>
        <link rel="stylesheet" href="/dashboard/app.css" />
      </head>
      <body>
        <header>
          <a class="brand" href="${viewer ? homePathOf(viewer.account) : '/dashboard/masuk'}">Pendamping</a>
          ${
            viewer
              ? html`<nav aria-label="${t('Bagian', 'Sections')}">
                    ${sections.map(
                      (section) =>
                        html`<a
                          href="${section.path}"
                          ${context.path.startsWith(section.path) ? html`aria-current="page"` : ''}
                          >${t(section.id, section.en)}</a
                        >`,
                    )}
                  </nav>
                  <span class="who">${viewer.account.name}</span> ${languageSwitch(context)}
                  <form method="post" action="/dashboard/keluar">
                    <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
                    <button type="submit">${t('Keluar', 'Sign out')}</button>
                  </form>`
              : languageSwitch(context)
          }
        </header>
        <main>
          ${flash ? html`<p class="flash ${flash.kind}" role="status">${flash.text}</p>` : ''} ${content}
        </main>
      </body>
    </html>`;
}

/** A page that refuses or cannot find something, with a way back. */
export function refusalPage(title: string, message: string, context: PageContext | Viewer): SafeHtml {
  const t = translator(context.language);
  const home = isViewer(context) ? homePathOf(context.account) : '/dashboard/masuk';
  return page(
    title,
    html`<h1>${title}</h1>
      <p>${message}</p>
      <p><a href="${home}">${t('Kembali ke halaman utama', 'Back to the main page')}</a></p>`,
    context,
  );
}

/** Answers with a refusal page: 403 for what the role may not see, 404 for what is not there. */
export function refuse(
  response: Response,
  status: number,
  title: string,
  message: string,
  context: PageContext | Viewer,
): void {
  response.status(status).send(String(refusalPage(title, message, context)));
}

/** Answers with a declared page's refusal, worded in the page's language. */
export function refuseWith(response: Response, refused: Outcome<never>, context: PageContext | Viewer): void {
  if (refused.kind !== 'refuse') return;
  const t = translator(context.language);
  refuse(response, refused.status, refused.title(t), refused.message(t), context);
}
