/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// The login form: POST /api/v1/login, then hands the session to the app.

import * as api from '../api.js';
import { h } from '../dom.js';
import { field } from '../components.js';

export function mountLogin(root, message, onSession, info = false) {
  const username = h('input', { type: 'text', name: 'username', autocomplete: 'username', required: true, testid: 'login-username' });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true, testid: 'login-password' });
  const status = h('p', { class: info ? 'login-message login-info' : 'login-message', role: 'alert', testid: 'login-error', hidden: !message }, message || '');
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'login-submit' }, 'Log in');
  const form = h('form', { class: 'login-form', testid: 'login-form', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, 'Log in to Kafscale'),
    status,
    field('User name', username),
    field('Password', password),
    submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    submit.disabled = true;
    status.hidden = true;
    status.className = 'login-message';
    try {
      const session = await api.post('/api/v1/login', { username: username.value, password: password.value });
      onSession(session);
    } catch (e) {
      status.textContent = e.status === 401 ? 'Wrong user name or password.' : `Login failed: ${e.message}`;
      status.hidden = false;
      password.value = '';
      password.focus();
    } finally {
      submit.disabled = false;
    }
  });
  root.append(h('div', { class: 'login-page' }, form));
  username.focus();
}
