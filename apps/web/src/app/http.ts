import type { ErrorCode, ErrorDetail, SessionTime } from '@ringi/contracts';
import { CSRF_HEADER, CSRF_HEADER_VALUE, parseSessionTime, SESSION_TIME_HEADER } from '@ringi/contracts';

/** Codes for failures that never reached the API or came back in a shape we do not know. */
export type ClientErrorCode = 'client/network' | 'client/bad_response';

export interface ApiRequestErrorInit {
  status: number;
  code: ErrorCode | ClientErrorCode;
  message: string;
  details?: ErrorDetail[];
  requestId?: string;
}

/** Thrown by every failed API call: the API's `ApiError` body plus the HTTP status. */
export class ApiRequestError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly details: ErrorDetail[];
  readonly requestId: string | undefined;

  constructor(init: ApiRequestErrorInit) {
    super(init.message);
    this.name = 'ApiRequestError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? [];
    this.requestId = init.requestId;
  }

  /** The first message per top-level field (`details[].path[0]`), for showing next to form controls. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const detail of this.details) {
      const field = detail.path?.[0];
      if (field !== undefined && out[String(field)] === undefined) out[String(field)] = detail.message;
    }
    return out;
  }
}

export function isApiRequestError(error: unknown): error is ApiRequestError {
  return error instanceof ApiRequestError;
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** The calling view shows the error itself (forms): do not post it to the shared notice area. */
  quiet?: boolean;
  /** A 401 is an expected answer here (sign-in, the first "who am I"): do not leave for the sign-in page. */
  allowUnauthenticated?: boolean;
  signal?: AbortSignal;
  /** Told how much of a FormData body has been sent (large uploads show a progress bar). */
  onUploadProgress?: (sent: number, total: number) => void;
}

export interface HttpHooks {
  /** The UI language, sent as `Accept-Language` so API messages come back in it. */
  locale: () => string;
  /** Message for a request that never reached the server. */
  networkMessage: () => string;
  onUnauthorized: (error: ApiRequestError) => void;
  onError: (error: ApiRequestError) => void;
  /** The server told how long the session has left (every signed-in answer carries it). */
  onSessionTime?: (time: SessionTime) => void;
}

let hooks: HttpHooks = {
  locale: () => 'ja',
  networkMessage: () => 'Network error',
  onUnauthorized: () => undefined,
  onError: () => undefined,
};

/** Wires the client to the app (language, sign-in redirect, notice area); called once from main.ts. */
export function configureHttp(next: HttpHooks): void {
  hooks = next;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * `fetch` for an upload whose progress is wanted: fetch cannot report how much of a request body has been sent,
 * XMLHttpRequest can. Answers a real `Response`, so everything after the transport is the same as for fetch.
 */
function sendWithProgress(
  url: string,
  init: RequestInit & { headers: Headers },
  onProgress: (sent: number, total: number) => void,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(init.method ?? 'POST', url);
    xhr.withCredentials = true;
    xhr.responseType = 'blob';
    init.headers.forEach((value, key) => xhr.setRequestHeader(key, value));
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    xhr.onload = () => {
      const headers = new Headers();
      for (const line of xhr
        .getAllResponseHeaders()
        .trim()
        .split(/[\r\n]+/)) {
        const at = line.indexOf(':');
        if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
      }
      const empty = xhr.status === 204 || xhr.status === 304;
      resolve(new Response(empty ? null : (xhr.response as Blob), { status: xhr.status, headers }));
    };
    xhr.onerror = () => reject(new TypeError('Network request failed'));
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    init.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(init.body as XMLHttpRequestBodyInit | null);
  });
}

function buildUrl(path: string, query: Record<string, QueryValue> | undefined): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function parseDetails(value: unknown): ErrorDetail[] {
  if (!Array.isArray(value)) return [];
  const details: ErrorDetail[] = [];
  for (const item of value as unknown[]) {
    if (!isRecord(item) || typeof item.message !== 'string') continue;
    const detail: ErrorDetail = { message: item.message };
    if (Array.isArray(item.path)) {
      detail.path = (item.path as unknown[]).filter(
        (part): part is string | number => typeof part === 'string' || typeof part === 'number',
      );
    }
    if (typeof item.line === 'number') detail.line = item.line;
    details.push(detail);
  }
  return details;
}

async function toError(response: Response): Promise<ApiRequestError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (isRecord(body) && typeof body.code === 'string' && typeof body.message === 'string') {
    return new ApiRequestError({
      status: response.status,
      code: body.code as ErrorCode,
      message: body.message,
      details: parseDetails(body.details),
      requestId: typeof body.requestId === 'string' ? body.requestId : undefined,
    });
  }
  return new ApiRequestError({
    status: response.status,
    code: response.status === 401 ? 'auth/unauthenticated' : 'client/bad_response',
    message: hooks.networkMessage(),
  });
}

function report(error: ApiRequestError, options: RequestOptions): void {
  if (error.status === 401 && !options.allowUnauthenticated) hooks.onUnauthorized(error);
  else if (!options.quiet) hooks.onError(error);
}

async function request<T>(
  method: Method,
  path: string,
  body: unknown,
  options: RequestOptions = {},
): Promise<T> {
  const headers = new Headers({ Accept: 'application/json', 'Accept-Language': hooks.locale() });
  if (method !== 'GET') headers.set(CSRF_HEADER, CSRF_HEADER_VALUE);
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body; // the browser sets the multipart boundary
  } else if (body !== undefined) {
    headers.set('Content-Type', 'application/json');
    payload = JSON.stringify(body);
  }

  let response: Response;
  try {
    const init = {
      method,
      headers,
      body: payload,
      credentials: 'same-origin' as const,
      signal: options.signal,
    };
    const url = buildUrl(path, options.query);
    response =
      options.onUploadProgress && payload instanceof FormData
        ? await sendWithProgress(url, init, options.onUploadProgress)
        : await fetch(url, init);
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    const error = new ApiRequestError({ status: 0, code: 'client/network', message: hooks.networkMessage() });
    report(error, options);
    throw error;
  }

  const sessionTime = parseSessionTime(response.headers.get(SESSION_TIME_HEADER));
  if (sessionTime) hooks.onSessionTime?.(sessionTime);
  if (!response.ok) {
    const error = await toError(response);
    report(error, options);
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined as T;
  return (await response.json()) as T;
}

/** The one HTTP client of the web app. Same origin, cookie session, never a token. */
export const http = {
  get: <T>(path: string, options?: RequestOptions): Promise<T> => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> =>
    request<T>('POST', path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> =>
    request<T>('PUT', path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions): Promise<T> =>
    request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions): Promise<T> =>
    request<T>('DELETE', path, undefined, options),
};
