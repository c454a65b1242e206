import { z } from 'zod';
import type { Endpoint } from './endpoint';

const jsonSchemaOf = (schema: z.ZodType, io: 'input' | 'output' = 'input') => {
  // Query values arrive as text and are coerced; `input` describes what a client sends.
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
};

interface ObjectSchema {
  properties?: Record<string, object>;
  required?: string[];
}

function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchemaOf(schema) as ObjectSchema;
  return Object.entries(json.properties ?? {}).map(([name, property]) => {
    const { description, ...rest } = property as { description?: string };
    return {
      name,
      in: location,
      required: location === 'path' || (json.required ?? []).includes(name),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const errorSchema = {
  type: 'object',
  properties: {
    error: { type: 'string' },
    message: { type: 'string' },
    fields: {
      type: 'array',
      items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } },
    },
  },
  required: ['error', 'message'],
};

/**
 * The OpenAPI 3.1 document, made from the same endpoint table and zod schemas the router validates
 * with, so that it cannot drift from what the API accepts.
 */
export function openApiDocument(endpoints: Endpoint[], version: string) {
  const paths: Record<string, Record<string, object>> = {};
  for (const spec of endpoints) {
    const responses: Record<string, object> = {};
    for (const [status, answer] of Object.entries(spec.responses)) {
      const description = typeof answer === 'string' ? answer : answer.description;
      responses[status] =
        Number(status) >= 400
          ? {
              description,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            }
          : typeof answer === 'string'
            ? { description }
            : {
                description,
                content:
                  'body' in answer
                    ? { 'application/json': { schema: jsonSchemaOf(answer.body, 'output') } }
                    : Object.fromEntries(
                        answer.files.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
                      ),
              };
    }
    if (spec.auth === 'signed_in') {
      responses['401'] ??= {
        description: 'not signed in, or an unknown or revoked API token',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    if (spec.body || spec.query || spec.params) {
      responses['400'] ??= {
        description: 'invalid request: each field named with why',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    paths[spec.path] ??= {};
    const operation = paths[spec.path];
    if (!operation) continue;
    operation[spec.method] = {
      operationId: `${spec.method}${spec.path.replace(/[{}]/g, '').replace(/[/-](\w)/g, (_match, letter: string) => letter.toUpperCase())}`,
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      tags: [spec.tag],
      security: spec.auth === 'public' ? [] : [{ session: [] }, { bearer: [] }],
      parameters: [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query')],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: jsonSchemaOf(spec.body) } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Pendamping API',
      version,
      description:
        'ProKUS mentoring and Puskesos complaints. Sign in with POST /api/v1/session (a cookie, then X-CSRF-Token on every POST, PUT and DELETE), or send Authorization: Bearer <token> created by a Dinsos admin. Lists take ?page and ?limit (at most 100). Keys with $ or . are refused.',
    },
    servers: [{ url: '/api/v1' }],
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'pendamping_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
  };
}
