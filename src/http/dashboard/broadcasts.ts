import { randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  checkBroadcastText,
  followsReports,
  MAX_BROADCAST_CHARS,
  kecamatanInScope,
  sessionsInScope,
  type BroadcastScope,
} from '../../domain/broadcasts';
import { CLUSTERS, STAGES } from '../../domain/program';
import type { ApiDependencies } from '../api/v1/dependencies';
import { broadcastScopeOf } from '../../auth/scopes';
import {
  BROADCAST_ID_PATTERN,
  broadcastFilterOf,
  broadcastReport,
  broadcastsVisibleTo,
  lastWeekOf,
  previewBroadcastAs,
  readBroadcastAs,
  sendBroadcastAs,
} from '../actions/broadcasts';
import type { CookieOptions } from '../cookies';
import { fromOf } from '../request-from';
import { setFlash, takeFlash } from './form-cookies';
import { translator } from './language';
import { page, refuse, type Viewer } from './layout';
import {
  BROADCASTS_PATH,
  composeView,
  progressView,
  REFRESH_SECONDS,
  type ComposeModel,
  type FormValues,
  type PreviewModel,
  type ProblemWords,
} from './broadcast-views';

export { BROADCASTS_PATH } from './broadcast-views';

/** Sessions offered as a filter: those of the last two months and those planned. */
const SESSIONS_SINCE_MS = 60 * 24 * 3_600_000;

const blankAsAbsent = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const formSchema = z.strictObject({
  csrf: z.string(),
  pesan: z.string().max(MAX_BROADCAST_CHARS * 4),
  kecamatan: blankAsAbsent(z.string().trim().max(100)),
  klaster: blankAsAbsent(z.enum(CLUSTERS)),
  tahap: blankAsAbsent(z.enum(STAGES)),
  belum: blankAsAbsent(z.literal('1')),
  sesi: blankAsAbsent(z.string().regex(/^[0-9a-f]{24}$/)),
  /** The idempotency key the preview generated: the same key sends once. */
  kunci: blankAsAbsent(z.string().regex(BROADCAST_ID_PATTERN)),
});

const valuesOf = (body: Record<string, unknown>): FormValues => {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    pesan: text(body.pesan),
    kecamatan: text(body.kecamatan),
    klaster: text(body.klaster),
    tahap: text(body.tahap),
    belum: body.belum === '1',
    sesi: text(body.sesi),
  };
};

const ROLE_REFUSED: Record<'title' | 'message', [string, string]> = {
  title: ['Tidak berhak', 'Not allowed'],
  message: [
    'Siaran hanya untuk admin Dinsos, koordinator Puskesos dan pendamping (kepada peserta mereka sendiri).',
    'Broadcasts are for Dinsos admins, Puskesos koordinators and mentors (to their own participants).',
  ],
};

const SESSION_NOT_YOURS: ProblemWords[] = [
  {
    field: 'sesi',
    label: (t) => t('Sesi', 'Session'),
    problem: (t) =>
      t('sesi ini bukan sesi Anda; pilih dari daftar', 'this session is not yours; choose from the list'),
  },
];

/**
 * Reads the form: the text and filter, or the fields to correct. A koordinator's form has no
 * reporting or session filter; one posted anyway is refused by name rather than ignored.
 */
function readForm(body: Record<string, unknown>, scope: BroadcastScope, now: Date, timeZone: string) {
  const values = valuesOf(body);
  const parsed = formSchema.safeParse(body);
  const problems: ProblemWords[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'pesan');
      problems.push({
        field,
        label: () => field,
        problem: (t) => t('tidak dapat dibaca; pilih dari daftar', 'cannot be read; choose from the list'),
      });
    }
    return { values, problems };
  }
  const text = checkBroadcastText(parsed.data.pesan);
  if (!text.ok)
    problems.push({ field: 'pesan', label: (t) => t('Pesan', 'Message'), problem: () => text.reason });
  if (!followsReports(scope) && (parsed.data.belum || parsed.data.sesi)) {
    problems.push({
      field: 'belum',
      label: (t) => t('Filter', 'Filter'),
      problem: (t) =>
        t(
          'laporan dan sesi hanya untuk pendamping dan admin Dinsos; pilih kecamatan, klaster atau tahap',
          'reports and sessions are for mentors and Dinsos admins; choose a kecamatan, cluster or stage',
        ),
    });
  }
  if (!text.ok || problems.length > 0) return { values, problems };
  const choices = {
    kecamatan: parsed.data.kecamatan,
    cluster: parsed.data.klaster,
    stage: parsed.data.tahap,
    notReportedLastWeek: Boolean(parsed.data.belum),
    session: parsed.data.sesi,
  };
  const filter = broadcastFilterOf(choices, now, timeZone);
  return { values, problems, ready: { text: text.value, filter, key: parsed.data.kunci } };
}

/**
 * The compose page's model: the choices (kecamatan from the small collections and the mentors'
 * session indexes, sessions from those indexes) and the recent broadcasts (a small collection).
 */
async function composeModel(
  { models, auth }: ApiDependencies,
  viewer: Viewer,
  scope: BroadcastScope,
  values: FormValues,
  now: Date,
  extra: { problems?: ProblemWords[]; preview?: PreviewModel } = {},
): Promise<ComposeModel> {
  const [kecamatan, sessions, recent] = await Promise.all([
    kecamatanInScope(models, scope),
    sessionsInScope(models, scope, new Date(now.getTime() - SESSIONS_SINCE_MS)),
    models.broadcasts
      .find(broadcastsVisibleTo(viewer.account), { text: 1, filterLabel: 1, recipientCount: 1, sentAt: 1 })
      .sort({ sentAt: -1 })
      .limit(20)
      .lean(),
  ]);
  return {
    scope,
    values,
    problems: extra.problems ?? [],
    kecamatan,
    sessions,
    recent,
    lastWeek: lastWeekOf(now, auth.timeZone),
    now,
    timeZone: auth.timeZone,
    preview: extra.preview,
  };
}

type Handler = (request: Request, response: Response, viewer: Viewer) => Promise<void>;
type Drawn = (
  request: Request,
  response: Response,
  viewer: Viewer,
  model: ComposeModel,
  status?: number,
) => void;

const actingOf = (request: Request, viewer: Viewer, now: Date) => ({
  from: fromOf(request),
  via: 'session' as const,
  page: 'dashboard',
  now,
  language: viewer.language,
});

/**
 * A posted broadcast form as both of its targets read it: the sender's scope (or the role's refusal,
 * already answered), the form, and how to show it again with problems to correct.
 */
function postedForm(
  dependencies: ApiDependencies,
  draw: Drawn,
  request: Request,
  response: Response,
  viewer: Viewer,
) {
  const scope = broadcastScopeOf(viewer.account);
  if (!scope) return refuseRole(response, viewer);
  const now = dependencies.clock();
  const form = readForm(request.body as Record<string, unknown>, scope, now, dependencies.auth.timeZone);
  const again = async (problems: ProblemWords[]) =>
    draw(
      request,
      response,
      viewer,
      await composeModel(dependencies, viewer, scope, form.values, now, { problems }),
      400,
    );
  return { scope, now, form, again };
}

/** POST /siaran/pratinjau: whom it would reach, shown above the form; nothing is sent. */
function previewPage(dependencies: ApiDependencies, draw: Drawn): Handler {
  return async (request, response, viewer) => {
    const posted = postedForm(dependencies, draw, request, response, viewer);
    if (!posted) return;
    const { scope, now, form, again } = posted;
    if (!form.ready) return again(form.problems);
    const found = await previewBroadcastAs(
      dependencies,
      viewer.account,
      scope,
      form.ready.filter,
      actingOf(request, viewer, now),
    );
    if (!found) return again(SESSION_NOT_YOURS);
    const preview = { ...found, text: form.ready.text, key: randomBytes(16).toString('base64url') };
    draw(
      request,
      response,
      viewer,
      await composeModel(dependencies, viewer, scope, form.values, now, { preview }),
    );
  };
}

/** POST /siaran/kirim: sends once per key (the preview's), then shows its progress. */
function sendPage(dependencies: ApiDependencies, draw: Drawn, cookies: CookieOptions): Handler {
  return async (request, response, viewer) => {
    const posted = postedForm(dependencies, draw, request, response, viewer);
    if (!posted) return;
    const { scope, now, form, again } = posted;
    const t = translator(viewer.language);
    if (!form.ready?.key) {
      if (form.problems.length > 0) return again(form.problems);
      return again([
        {
          field: 'pesan',
          label: (t) => t('Formulir', 'Form'),
          problem: (t) =>
            t('lihat pratinjau dulu, lalu kirim dari sana', 'preview first, then send from there'),
        },
      ]);
    }
    const id = form.ready.key;
    const outcome = await sendBroadcastAs(
      dependencies,
      viewer.account,
      scope,
      { id, text: form.ready.text, filter: form.ready.filter },
      actingOf(request, viewer, now),
    );
    if (!outcome) return again(SESSION_NOT_YOURS);
    setFlash(request, response, cookies, {
      kind: 'ok',
      text:
        outcome.outcome === 'sent'
          ? t(
              `Siaran dikirim ke ${outcome.recipients} peserta.`,
              `Broadcast sent to ${outcome.recipients} participants.`,
            )
          : t(
              'Siaran ini sudah dikirim sebelumnya; tidak dikirim lagi.',
              'This broadcast was already sent; it was not sent again.',
            ),
    });
    response.redirect(303, `${BROADCASTS_PATH}/${id}`);
  };
}

/** GET /siaran/:id: one broadcast's progress, reloading itself while messages are queued. */
function progressPage({ models, auth }: ApiDependencies, cookies: CookieOptions): Handler {
  return async (request, response, viewer) => {
    const t = translator(viewer.language);
    if (!broadcastScopeOf(viewer.account)) return refuseRole(response, viewer);
    const id = String(request.params.id);
    const broadcast = await readBroadcastAs(models, viewer.account, id);
    if (!broadcast) {
      return refuse(
        response,
        404,
        t('Tidak ditemukan', 'Not found'),
        t('Siaran ini tidak ditemukan di antara siaran Anda.', 'This broadcast is not among yours.'),
        viewer,
      );
    }
    const progress = await broadcastReport(models, id);
    const content = progressView({ broadcast, progress, timeZone: auth.timeZone }, t, viewer);
    if (progress.counts.queued > 0) response.setHeader('Refresh', String(REFRESH_SECONDS));
    response.send(
      String(page(t('Siaran', 'Broadcast'), content, viewer, takeFlash(request, response, cookies))),
    );
  };
}

function refuseRole(response: Response, viewer: Viewer) {
  const t = translator(viewer.language);
  refuse(response, 403, t(...ROLE_REFUSED.title), t(...ROLE_REFUSED.message), viewer);
}

/** The broadcast pages: compose and preview, send, and each broadcast's progress. */
export function broadcastPages(dependencies: ApiDependencies) {
  const cookies = { security: dependencies.auth.cookieSecurity };
  const draw: Drawn = (request, response, viewer, model, status = 200) => {
    const t = translator(viewer.language);
    const content = composeView(model, t, viewer);
    response
      .status(status)
      .send(String(page(t('Siaran', 'Broadcasts'), content, viewer, takeFlash(request, response, cookies))));
  };
  return {
    async show(request: Request, response: Response, viewer: Viewer) {
      const scope = broadcastScopeOf(viewer.account);
      if (!scope) return refuseRole(response, viewer);
      const now = dependencies.clock();
      draw(request, response, viewer, await composeModel(dependencies, viewer, scope, valuesOf({}), now));
    },
    preview: previewPage(dependencies, draw),
    send: sendPage(dependencies, draw, cookies),
    progress: progressPage(dependencies, cookies),
  };
}
