import type { Account } from '../../auth';
import { html, type SafeHtml } from './html';

export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

/** Who is signed in, with the session's CSRF token that every form of the page must send back. */
export interface Viewer {
  account: Account;
  csrfToken: string;
}

/** Every page: the header with who is signed in and the sign-out button, then the content. */
export function page(title: string, content: SafeHtml, viewer?: Viewer, flash?: Flash): SafeHtml {
  return html`<!doctype html>
    <html lang="id">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title} · Pendamping</title>
        <link rel="stylesheet" href="/dashboard/app.css" />
      </head>
      <body>
        <header>
          <a class="brand" href="/dashboard/pengaduan">Pendamping</a>
          ${
            viewer
              ? html`<a href="/dashboard/pengaduan">Pengaduan</a>
                  <span>${viewer.account.name}</span>
                  <form method="post" action="/dashboard/keluar">
                    <input type="hidden" name="csrf" value="${viewer.csrfToken}" />
                    <button type="submit">Keluar</button>
                  </form>`
              : ''
          }
        </header>
        <main>
          ${flash ? html`<p class="flash ${flash.kind}" role="status">${flash.text}</p>` : ''} ${content}
        </main>
      </body>
    </html>`;
}

/** A page that refuses or cannot find something, with a way back. */
export function refusalPage(title: string, message: string, viewer?: Viewer): SafeHtml {
  return page(
    title,
    html`<h1>${title}</h1>
      <p>${message}</p>
      <p><a href="/dashboard/pengaduan">Kembali ke daftar pengaduan</a></p>`,
    viewer,
  );
}
