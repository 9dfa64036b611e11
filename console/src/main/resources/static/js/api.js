/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// The one way the UI talks to the console's JSON API (docs/console-api.md): JSON in and out, the
// session cookie sent by the browser, the CSRF token on every non-GET, and the error document
// {"error":{"code","message","kafkaError"}} turned into an ApiError.

/** An error answer from the console API (or the console not answering at all: status 0). */
export class ApiError extends Error {
  constructor(status, code, message, kafkaError) {
    super(message || code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.kafkaError = kafkaError || null;
  }
}

let csrfToken = null;
let unauthenticatedHandler = () => {};

export function setCsrfToken(token) {
  csrfToken = token || null;
}

/** Called when any API call other than login/session answers 401 (the session expired). */
export function onUnauthenticated(handler) {
  unauthenticatedHandler = handler;
}

/** Percent-encodes one path segment (topic "a.b", group "orders/v2" → "orders%2Fv2"). */
export const seg = (name) => encodeURIComponent(String(name));

/** Turns an error document (as sent by the API and by SSE events) into an ApiError. */
export function errorFromDocument(doc, status = 0) {
  const e = (doc && doc.error) || {};
  return new ApiError(status, e.code || `HTTP_${status}`, e.message || 'no message', e.kafkaError);
}

export async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError(0, 'CONSOLE_UNREACHABLE', `The console server did not answer (${e.message}).`);
  }
  const raw = res.status === 204 ? '' : await res.text();
  let doc = null;
  if (raw) {
    try {
      doc = JSON.parse(raw);
    } catch {
      if (res.ok) throw new ApiError(res.status, 'INTERNAL', 'The console answered with something that is not JSON.');
    }
  }
  if (!res.ok) {
    const err = doc && doc.error ? errorFromDocument(doc, res.status)
      : new ApiError(res.status, `HTTP_${res.status}`, res.statusText || `HTTP ${res.status}`);
    if (res.status === 401 && path !== '/api/v1/login' && path !== '/api/v1/session') unauthenticatedHandler();
    throw err;
  }
  return doc;
}

export const get = (path) => request('GET', path);
export const post = (path, body) => request('POST', path, body === undefined ? {} : body);
export const patch = (path, body) => request('PATCH', path, body);
export const del = (path) => request('DELETE', path);
