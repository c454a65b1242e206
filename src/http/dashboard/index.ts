import { join } from 'node:path';
import { Router, type Request, type Response } from 'express';
import type { MountedRouter } from '../app';
import type { ApiDependencies } from '../api/v1/dependencies';
import { auditLogExport } from './audit-export';
import { auditLogPage } from './audit-log';
import { broadcastPages } from './broadcasts';
import { channelPages } from './channels-page';
import { complaintReportDownload, complaintReportPage } from './complaint-report';
import { complaintExport } from './complaint-export';
import { complaintInboxPage } from './complaint-inbox';
import { complaintPages } from './complaints';
import { HANDOVER_SCRIPT, handoverPages } from './handovers';
import { importPages } from './import-page';
import { pageLanguageOf, switchLanguage, translator } from './language';
import { participantPages } from './participants';
import { participantPrivacyExport } from './participant-privacy-export';
import { participantPrivacyPages } from './participant-privacy';
import { participantEditPages } from './participant-edit';
import { participantListPage } from './participant-list';
import { participantMentorPages } from './participant-mentors';
import { participantNewPages } from './participant-new';
import { participantStatusPages } from './participant-status';
import { savedRepliesPages } from './saved-replies';
import { peoplePages } from './people';
import { homePathOf, refusalPage } from './layout';
import type { Page } from './page';
import { mountPages, signedIn as signedInGuard } from './router';
import { overviewPage } from './overview';
import { SIGN_IN_PATH, signInPages } from './sign-in';
import { sessionExport } from './session-export';
import { sessionAttendancePages } from './session-attendance-page';
import { sessionPages } from './sessions';
import { weeklyReportPages } from './weekly-reports';
import { weeklyReportCorrectionPages } from './weekly-reports-correction';

/** The style sheet, a file beside this one: `npm start` runs the sources, so it is found from here. */
const STYLE_SHEET = join(__dirname, 'app.css');

/**
 * The declared pages, a group of pages each (src/http/dashboard/page.ts), mounted in this order before
 * the handlers not yet declared: a fixed path (`/peserta/baru`) before one with a parameter.
 */
const DECLARED_PAGES: ((dependencies: ApiDependencies) => Page | Page[])[] = [
  savedRepliesPages,
  auditLogPage,
  participantStatusPages,
  participantMentorPages,
  participantNewPages,
  sessionAttendancePages,
  overviewPage,
  peoplePages,
  sessionPages,
  participantListPage,
  participantEditPages,
  weeklyReportCorrectionPages,
  participantPrivacyPages,
  complaintInboxPage,
  complaintReportPage,
  channelPages,
  importPages,
  signInPages,
  handoverPages,
];

/**
 * The dashboard's pages under /dashboard: server-rendered HTML with one style sheet and no script
 * (but the request page's small poll, which it works without),
 * signed in with the same browser session as the API and acting through the same code.
 */
export function dashboardRouter(dependencies: ApiDependencies): MountedRouter {
  const router = Router();
  const complaints = complaintPages(dependencies);
  const participants = participantPages(dependencies);
  const reports = weeklyReportPages(dependencies);
  const broadcasts = broadcastPages(dependencies);

  // Pages hold personal data: neither a shared computer's cache nor a proxy keeps them.
  router.use((_request, response, next) => {
    response.setHeader('Cache-Control', 'no-store');
    response.type('html');
    next();
  });

  const signedIn = signedInGuard(dependencies);

  router.get('/app.css', (_request, response) => {
    response.setHeader('Cache-Control', 'public, max-age=3600');
    response.type('text/css').sendFile(STYLE_SHEET);
  });
  mountPages(
    router,
    DECLARED_PAGES.flatMap((group) => group(dependencies)),
    dependencies,
  );
  router.get(
    '/',
    signedIn((_request, response, viewer) => response.redirect(303, homePathOf(viewer.account))),
  );
  router.get('/bahasa', switchLanguage(SIGN_IN_PATH));
  router.get('/pengaduan/laporan/unduh', signedIn(complaintReportDownload(dependencies)));
  router.get('/pengaduan/unduh', signedIn(complaintExport(dependencies)));
  router.get('/pengaduan/:number', signedIn(complaints.detail));
  router.get('/pengaduan/:number/foto/:index', signedIn(complaints.photo));
  router.post('/pengaduan/:number/aksi', signedIn(complaints.act, { unsafe: true }));
  router.get('/bantuan.js', (_request, response) => {
    response.setHeader('Cache-Control', 'public, max-age=3600');
    response.type('text/javascript').send(HANDOVER_SCRIPT);
  });
  router.get('/siaran', signedIn(broadcasts.show));
  router.post('/siaran/pratinjau', signedIn(broadcasts.preview, { unsafe: true }));
  router.post('/siaran/kirim', signedIn(broadcasts.send, { unsafe: true }));
  router.get('/siaran/:id', signedIn(broadcasts.progress));
  router.get('/sesi/unduh', signedIn(sessionExport(dependencies)));
  router.get('/audit/unduh', signedIn(auditLogExport(dependencies)));
  router.get('/peserta/unduh', signedIn(participants.download));
  // After /peserta/unduh, which its {id} would otherwise take.
  mountPages(router, [participants.detail], dependencies);
  router.post(
    '/peserta/:id/privasi/ekspor',
    signedIn(participantPrivacyExport(dependencies), { unsafe: true }),
  );
  router.get('/laporan', signedIn(reports.list));
  router.get('/laporan/unduh', signedIn(reports.download));
  router.use((request, response) => {
    const context = { language: pageLanguageOf(request), path: request.originalUrl };
    const english = context.language === 'en';
    response
      .status(404)
      .send(
        String(
          refusalPage(
            english ? 'Not found' : 'Tidak ditemukan',
            english ? 'This page does not exist.' : 'Halaman ini tidak ada.',
            context,
          ),
        ),
      );
  });
  return { path: '/dashboard', router, refusal: unreadableRequest };
}

/**
 * A request the app refused before its page (a broken body or path, or one not answered in time): a
 * page saying so, as a browser shows it.
 */
function unreadableRequest(request: Request, response: Response, status: number): void {
  const t = translator(pageLanguageOf(request));
  response
    .status(status)
    .setHeader('Cache-Control', 'no-store')
    .type('html')
    .send(
      String(
        status === 503
          ? refusalPage(
              t('Layanan sedang sibuk', 'The service is busy'),
              t(
                'Halaman ini belum selesai dimuat. Tunggu sebentar, lalu muat ulang halaman.',
                'This page did not finish loading. Wait a moment, then reload the page.',
              ),
              { language: pageLanguageOf(request), path: '/dashboard' },
            )
          : refusalPage(
              t('Permintaan tidak dapat dibaca', 'The request cannot be read'),
              t(
                'Formulir ini tidak dapat dibaca. Muat ulang halaman lalu coba lagi.',
                'This form cannot be read. Reload the page and try again.',
              ),
              { language: pageLanguageOf(request), path: '/dashboard' },
            ),
      ),
    );
}
