import { CSRF_HEADER, CSRF_HEADER_VALUE, SESSION_COOKIE, type ApiError } from '@ringi/contracts';

export interface TestResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

/** A browser-like HTTP client for tests: keeps the session cookie, sends the CSRF header and a language. */
export class TestClient {
  sessionToken: string | undefined;

  constructor(
    readonly baseUrl: string,
    readonly locale: 'ja' | 'en' = 'ja',
  ) {}

  get cookie(): string {
    return this.sessionToken ? `${SESSION_COOKIE}=${this.sessionToken}` : '';
  }

  async request<T = unknown>(
    method: string,
    path: string,
    options: {
      json?: unknown;
      body?: RequestInit['body'];
      headers?: Record<string, string>;
      csrf?: boolean;
    } = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { 'accept-language': this.locale, ...options.headers };
    if (this.sessionToken) headers.cookie = this.cookie;
    if (options.csrf !== false && method !== 'GET') headers[CSRF_HEADER] = CSRF_HEADER_VALUE;
    let body = options.body;
    if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.json);
    }
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body });
    const setCookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    if (setCookie) {
      const value = setCookie.split(';')[0].slice(SESSION_COOKIE.length + 1);
      this.sessionToken = value || undefined;
    }
    const text = await res.text();
    let parsed: unknown = text;
    if (res.headers.get('content-type')?.includes('application/json') && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = unknown>(path: string, json?: unknown) {
    return this.request<T>('POST', path, { json });
  }
  put<T = unknown>(path: string, json?: unknown) {
    return this.request<T>('PUT', path, { json });
  }
  patch<T = unknown>(path: string, json?: unknown) {
    return this.request<T>('PATCH', path, { json });
  }
  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path);
  }

  async signIn(staffNumber: string, password: string): Promise<TestResponse> {
    const res = await this.post('/api/auth/sign-in', { staffNumber, password });
    if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${res.text}`);
    return res;
  }
}

export function asError(res: TestResponse): ApiError {
  return res.body as ApiError;
}

/** The body of an answer that must have this status (else the test fails with the answer's text). */
export async function ok<T>(res: Promise<TestResponse<T>>, status = 200): Promise<T> {
  const r = await res;
  if (r.status !== status) throw new Error(`expected ${status}, got ${r.status}: ${r.text}`);
  return r.body;
}
