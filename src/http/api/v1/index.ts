import type { Router } from 'express';
import { adminEndpoints } from './admin';
import { broadcastEndpoints } from './broadcasts';
import { complaintEndpoints } from './complaints';
import type { ApiDependencies } from './dependencies';
import { endpoint } from './endpoint';
import { openApiDocument } from './openapi';
import { participantEndpoints } from './participants';
import { routerOf } from './router';
import { mentoringSessionEndpoints } from './sessions';
import { sessionEndpoints } from './session';
import { weeklyReportCorrectionEndpoints } from './weekly-report-corrections';
import { openApiBody } from './responses';

export type { ApiDependencies } from './dependencies';

const API_VERSION = '1.0.0';

/** The REST API under /api/v1: the same permissions as chat, token or session, every input validated. */
export function apiV1Router(dependencies: ApiDependencies): { path: string; router: Router } {
  const endpoints = [
    ...sessionEndpoints(dependencies),
    ...complaintEndpoints(dependencies),
    ...participantEndpoints(dependencies),
    ...weeklyReportCorrectionEndpoints(dependencies),
    ...mentoringSessionEndpoints(dependencies),
    ...broadcastEndpoints(dependencies),
    ...adminEndpoints(dependencies),
  ];
  const openapi = endpoint({
    method: 'get',
    path: '/openapi.json',
    tag: 'meta',
    summary: 'This document',
    auth: 'public',
    responses: { 200: { description: 'the OpenAPI 3.1 document', body: openApiBody } },
    async handle({ response }) {
      response.json(document);
    },
  });
  const all = [...endpoints, openapi];
  const document = openApiDocument(all, API_VERSION);
  return { path: '/api/v1', router: routerOf(all, dependencies) };
}
