/** A form's fields; a list is sent as the same key repeated, as a browser sends checkboxes. */
export type FormFields = Record<string, string | string[]>;

export interface FormAnswer {
  response: Response;
  status: number;
  location: string | null;
  text: string;
  /** The body as received, for downloads (spreadsheets, images) that are not text. */
  bytes: Buffer;
}

/** The CSRF token in a page's hidden `csrf` field (the dashboard's forms carry it there), or ''. */
export const csrfOf = (page: string) => /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

/**
 * A browser in miniature for the dashboard's integration tests: what a real one does with the pages
 * that matters to the server, and nothing else. It keeps its cookies (and drops the ones the server
 * expires), comes from its own address (the tests' servers trust loopback's `x-forwarded-for`, so that
 * each browser has its own sign-in limits and audit address), does not follow redirects (the tests
 * check where they go), and sends forms urlencoded or, given a FormData, as multipart.
 */
export function formBrowser(base: string, options: { address?: string; password?: string } = {}) {
  const { address, password: defaultPassword } = options;
  const cookies = new Map<string, string>();
  // The latest token a page showed: after signing in every page carries the session's own.
  let csrf = '';

  /** A request as the browser sends it, answered with the raw response (its body still unread). */
  async function send(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${base}${path}`, {
      redirect: 'manual',
      ...init,
      headers: {
        ...(address ? { 'x-forwarded-for': address } : {}),
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(init.headers as Record<string, string> | undefined),
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      const expired = attributes.some((attribute) => /expires=Thu, 01 Jan 1970/i.test(attribute));
      if (expired || value === '') cookies.delete(name.trim());
      else cookies.set(name.trim(), value);
    }
    return response;
  }

  async function request(
    method: 'GET' | 'POST',
    path: string,
    form?: FormFields | FormData,
  ): Promise<FormAnswer> {
    let body: string | FormData | undefined;
    if (form instanceof FormData) body = form;
    else if (form) {
      const fields = new URLSearchParams();
      for (const [key, value] of Object.entries(form)) {
        for (const each of Array.isArray(value) ? value : [value]) fields.append(key, each);
      }
      body = fields.toString();
    }
    const response = await send(path, {
      method,
      // FormData sets its own multipart content type, with the boundary.
      ...(typeof body === 'string'
        ? { headers: { 'content-type': 'application/x-www-form-urlencoded' } }
        : {}),
      ...(body !== undefined ? { body } : {}),
    });
    const bytes = Buffer.from(await response.arrayBuffer());
    const text = bytes.toString('utf8');
    csrf = csrfOf(text) || csrf;
    return { response, status: response.status, location: response.headers.get('location'), text, bytes };
  }

  return {
    address,
    cookies,
    send,
    request,
    /** The CSRF token of the latest page that had one (the sign-in form's, then the session's). */
    get csrf() {
      return csrf;
    },
    get: (path: string) => request('GET', path),
    /** Posts a form as the page would: with the token the page carried. */
    post: (path: string, fields: FormFields) => request('POST', path, { csrf, ...fields }),
    /** The sign-in form, filled in and sent: the answer to the POST (303 to the dashboard when it worked). */
    async signIn(login: string, password = defaultPassword) {
      if (password === undefined) throw new Error('formBrowser: signIn without a password');
      await request('GET', '/dashboard/masuk');
      return request('POST', '/dashboard/masuk', { csrf, login, password });
    },
  };
}
