/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// Live updates from the console's server-sent events (GET /api/v1/events): `overview`, `metrics`
// and `groups`. Each event carries either the document or, when its source failed, the error
// document; listeners get (data, error) with exactly one of them set. The last value of each event
// type is kept so that a page opened between two refreshes can render at once.

import { errorFromDocument } from './api.js';

export const EVENT_TYPES = ['overview', 'metrics', 'groups'];

/** One EventSource shared by all pages; not thread-related (the browser's single event loop). */
export class Live {
  constructor(url = '/api/v1/events') {
    this.url = url;
    this.source = null;
    this.listeners = new Map(EVENT_TYPES.map((t) => [t, new Set()]));
    this.last = new Map();
    this.statusListeners = new Set();
    this.status = 'stopped';
  }

  start() {
    if (this.source) return;
    const source = new EventSource(this.url);
    this.source = source;
    this.setStatus('connecting');
    source.onopen = () => this.setStatus('live');
    // The browser reconnects by itself while readyState is CONNECTING; CLOSED means it gave up
    // (e.g. the session expired and the server answered 401), which the app checks.
    source.onerror = () => this.setStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, (ev) => this.dispatch(type, ev.data));
    }
  }

  stop() {
    if (this.source) this.source.close();
    this.source = null;
    this.last.clear();
    this.setStatus('stopped');
  }

  dispatch(type, raw) {
    let doc;
    try {
      doc = JSON.parse(raw);
    } catch {
      doc = { error: { code: 'INTERNAL', message: `Unreadable ${type} event from the console.` } };
    }
    const entry = doc && !Array.isArray(doc) && doc.error ? { data: null, error: errorFromDocument(doc, 503) }
      : { data: doc, error: null };
    this.last.set(type, entry);
    if (this.status !== 'live') this.setStatus('live');
    for (const fn of this.listeners.get(type)) fn(entry.data, entry.error);
  }

  /** Subscribes to one event type; returns the unsubscribe function. */
  on(type, fn) {
    this.listeners.get(type).add(fn);
    return () => this.listeners.get(type).delete(fn);
  }

  /** The last event of a type, as {data, error}, or undefined before the first. */
  latest(type) {
    return this.last.get(type);
  }

  onStatus(fn) {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  }

  setStatus(status) {
    this.status = status;
    for (const fn of this.statusListeners) fn(status);
  }
}
