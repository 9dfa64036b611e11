/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// Entry point: session handling, the shell (top bar, navigation, live status) and hash routing.
// Pages are modules exporting `mount(root, ctx, params)`; they register their clean-up through
// ctx.onDestroy and subscribe to live events through ctx.live (unsubscribed on navigation).

import * as api from './api.js';
import { replace } from './dom.js';
import { Live } from './live.js';
import { toast } from './components.js';
import { mountLogin } from './pages/login.js';
import * as overview from './pages/overview.js';
import * as topics from './pages/topics.js';
import * as topicDetail from './pages/topic-detail.js';
import * as messages from './pages/messages.js';
import * as groups from './pages/groups.js';
import * as groupDetail from './pages/group-detail.js';
import * as brokers from './pages/brokers.js';

const ROUTES = [
  { pattern: /^\/overview$/, page: overview, nav: 'overview' },
  { pattern: /^\/topics$/, page: topics, nav: 'topics' },
  { pattern: /^\/topics\/([^/]+)$/, page: topicDetail, nav: 'topics' },
  { pattern: /^\/topics\/([^/]+)\/messages$/, page: messages, nav: 'messages' },
  { pattern: /^\/messages$/, page: messages, nav: 'messages' },
  { pattern: /^\/groups$/, page: groups, nav: 'groups' },
  { pattern: /^\/groups\/([^/]+)$/, page: groupDetail, nav: 'groups' },
  { pattern: /^\/brokers$/, page: brokers, nav: 'brokers' },
  { pattern: /^\/brokers\/([^/]+)$/, page: brokers, nav: 'brokers' },
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const logoutButton = document.getElementById('logout');
const userName = document.getElementById('user-name');
const readOnlyBadge = document.getElementById('read-only-badge');
const liveStatus = document.getElementById('live-status');

const live = new Live();
let session = null;
let current = null; // {destroyers: [], alive: bool}

const STATUS_TEXT = {
  connecting: 'connecting…', live: 'live', reconnecting: 'reconnecting…', closed: 'live updates stopped',
};

live.onStatus((status) => {
  liveStatus.hidden = status === 'stopped';
  liveStatus.textContent = STATUS_TEXT[status] || status;
  liveStatus.className = `live-status live-${status}`;
  if (status === 'closed') checkSession();
});

api.onUnauthenticated(() => showLogin('Your session ended. Please log in again.'));

/** Builds a page path from segments, each percent-encoded: route('topics', 'a/b') → '#/topics/a%2Fb'. */
export function route(...segments) {
  return `#/${segments.map((s) => encodeURIComponent(String(s))).join('/')}`;
}

function teardown() {
  if (!current) return;
  current.alive = false;
  for (const fn of current.destroyers.splice(0)) {
    try {
      fn();
    } catch (e) {
      console.error('page clean-up failed', e);
    }
  }
  current = null;
}

function render() {
  if (!session) return;
  const path = (location.hash || '').replace(/^#/, '') || '/overview';
  const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m);
  teardown();
  for (const a of nav.querySelectorAll('a[data-route]')) {
    if (match && a.dataset.route === match.r.nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (!match) {
    location.replace('#/overview');
    return;
  }
  const page = { destroyers: [], alive: true };
  current = page;
  const ctx = {
    session,
    readOnly: session.readOnly,
    route,
    onDestroy: (fn) => page.destroyers.push(fn),
    isAlive: () => page.alive,
    /** Subscribes to a live event for the lifetime of the page; replays the latest one. */
    subscribe(type, fn, replay = true) {
      page.destroyers.push(live.on(type, fn));
      const last = live.latest(type);
      if (replay && last) fn(last.data, last.error);
    },
    navigate: (hash) => { location.hash = hash; },
  };
  const params = match.m.slice(1).map((p) => decodeURIComponent(p));
  main.replaceChildren();
  main.dataset.page = match.r.page.PAGE || '';
  try {
    match.r.page.mount(main, ctx, params);
  } catch (e) {
    console.error(e);
    toast(`This page failed to render: ${e.message}`, 'error');
  }
}

function enterSession(s) {
  session = s;
  api.setCsrfToken(s.csrfToken);
  document.body.classList.toggle('read-only', Boolean(s.readOnly));
  readOnlyBadge.hidden = !s.readOnly;
  userName.textContent = s.user || '';
  logoutButton.hidden = false;
  nav.hidden = false;
  live.start();
  render();
}

function showLogin(message, info = false) {
  teardown();
  live.stop();
  session = null;
  api.setCsrfToken(null);
  nav.hidden = true;
  logoutButton.hidden = true;
  userName.textContent = '';
  readOnlyBadge.hidden = true;
  document.body.classList.remove('read-only');
  main.dataset.page = 'login';
  replace(main);
  mountLogin(main, message, enterSession, info);
}

async function checkSession() {
  try {
    const s = await api.get('/api/v1/session');
    if (!session) enterSession(s);
    else if (live.status === 'closed') {
      // The session is fine but the event stream gave up (e.g. the console restarted): retry.
      setTimeout(() => {
        if (session && live.status === 'closed') {
          live.stop();
          live.start();
        }
      }, 3000);
    }
  } catch (e) {
    if (e.status === 401) showLogin();
    else if (!session) {
      showLogin(`The console could not check your session: ${e.message}`);
    }
  }
}

logoutButton.addEventListener('click', async () => {
  try {
    await api.post('/api/v1/logout');
  } catch (e) {
    // The session is gone either way; the server refusing logout changes nothing for the user.
    console.warn('logout failed', e);
  }
  showLogin('You are logged out.', true);
});

window.addEventListener('hashchange', render);
checkSession();
