/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// Small reusable UI pieces: tables, error boxes, stats, dialogs, toasts and form helpers.

import { h, replace } from './dom.js';
import { NONE } from './format.js';

/** A page heading with optional actions on the right. */
export function pageHeader(title, ...actions) {
  return h('div', { class: 'page-header' }, h('h1', { testid: 'page-title' }, title),
    h('div', { class: 'page-actions' }, actions));
}

/** An error box that says which source failed and why, as the API reported it. */
export function errorBox(error, context) {
  const parts = [context ? `${context}: ` : '', error.message];
  const code = [error.code, error.kafkaError].filter(Boolean).join(' / ');
  return h('div', { class: 'error-box', role: 'alert', testid: 'error' },
    h('strong', null, parts.join('')), code ? h('span', { class: 'error-code' }, ` (${code})`) : null);
}

/** A "loading" placeholder that is replaced when data arrives. */
export function loading(what = 'Loading…') {
  return h('p', { class: 'muted', testid: 'loading' }, what);
}

/**
 * A table. columns: [{title, cell(row) → node|string, class?, numeric?}]; rows: array;
 * rowTestid(row) names each row.
 */
export function table({ columns, rows = [], testid, rowTestid, empty = 'Nothing to show.', caption }) {
  const thead = h('thead', null, h('tr', null, columns.map((c) =>
    h('th', { scope: 'col', class: c.numeric ? 'num' : null }, c.title))));
  const tbody = h('tbody');
  if (rows.length === 0) {
    tbody.append(h('tr', null, h('td', { colspan: columns.length, class: 'muted', testid: 'empty' }, empty)));
  }
  for (const row of rows) {
    tbody.append(h('tr', { testid: rowTestid ? rowTestid(row) : null }, columns.map((c) => {
      const v = c.cell(row);
      return h('td', { class: [c.numeric ? 'num' : '', c.class || ''].join(' ').trim() || null,
        testid: c.testid || null }, v === null || v === undefined ? NONE : v);
    })));
  }
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'table', testid }, caption ? h('caption', null, caption) : null, thead, tbody));
}

/** A labelled figure, e.g. a count or a rate. */
export function stat(label, value, testid, hint) {
  return h('div', { class: 'stat', testid },
    h('div', { class: 'stat-label' }, label),
    // Long identifiers (cluster ids) get a smaller font instead of wrapping over three lines.
    h('div', { class: typeof value === 'string' && value.length > 18 ? 'stat-value stat-value-long' : 'stat-value',
      testid: testid ? `${testid}-value` : null }, value),
    hint ? h('div', { class: 'stat-hint' }, hint) : null);
}

/** A section with a heading. */
export function section(title, testid, ...content) {
  return h('section', { class: 'panel', testid, 'aria-label': title }, h('h2', null, title), content);
}

export function badge(textValue, kind = 'neutral', testid) {
  return h('span', { class: `badge badge-${kind}`, testid }, textValue);
}

/** A labelled form field; `input` is the control (its id links the label). */
export function field(label, input, help) {
  const id = input.id || `f-${Math.random().toString(36).slice(2, 10)}`;
  input.id = id;
  return h('div', { class: 'field' }, h('label', { for: id }, label), input,
    help ? h('small', { class: 'help' }, help) : null);
}

export function button(label, onclick, { kind = 'secondary', testid, type = 'button', disabled } = {}) {
  return h('button', { type, class: `btn btn-${kind}`, testid, onclick, disabled }, label);
}

/** Parses "key=value" lines (blank lines ignored); throws on a line without "=" or key. */
export function parseKeyValueLines(textValue) {
  const out = {};
  for (const [i, line] of textValue.split('\n').entries()) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const eq = trimmed.indexOf('=');
    if (eq <= 0) throw new Error(`Line ${i + 1}: expected key=value, got "${trimmed}"`);
    out[trimmed.slice(0, eq).trim()] = trimmed.slice(eq + 1).trim();
  }
  return out;
}

/**
 * A modal confirmation. When `requireText` is set the user must type it (e.g. the topic name)
 * before the confirm button is enabled. Resolves true when confirmed.
 */
export function confirmDialog({ title, message, confirmLabel = 'Confirm', requireText, danger = true }) {
  return new Promise((resolve) => {
    const input = requireText ? h('input', { type: 'text', autocomplete: 'off', testid: 'confirm-input' }) : null;
    const ok = h('button', { type: 'button', class: `btn ${danger ? 'btn-danger' : 'btn-primary'}`,
      testid: 'confirm-ok', disabled: Boolean(requireText) }, confirmLabel);
    const cancel = h('button', { type: 'button', class: 'btn btn-secondary', testid: 'confirm-cancel' }, 'Cancel');
    const dialog = h('dialog', { class: 'dialog', testid: 'confirm-dialog', 'aria-labelledby': 'dlg-title' },
      h('h2', { id: 'dlg-title' }, title), h('p', null, message),
      input ? field(`Type "${requireText}" to confirm`, input) : null,
      h('div', { class: 'dialog-actions' }, cancel, ok));
    let answered = false;
    const finish = (value) => {
      if (answered) return;
      answered = true;
      dialog.close();
      dialog.remove();
      resolve(value);
    };
    if (input) input.addEventListener('input', () => { ok.disabled = input.value !== requireText; });
    ok.addEventListener('click', () => finish(true));
    cancel.addEventListener('click', () => finish(false));
    dialog.addEventListener('cancel', () => finish(false));
    document.body.append(dialog);
    dialog.showModal();
    (input || cancel).focus();
  });
}

let toastRegion = null;

/** A short notification; errors stay until dismissed. */
export function toast(message, kind = 'info') {
  toastRegion = toastRegion || document.getElementById('toasts');
  const close = h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Dismiss' }, '×');
  const el = h('div', { class: `toast toast-${kind}`, role: kind === 'error' ? 'alert' : 'status', testid: `toast-${kind}` },
    h('span', null, message), close);
  close.addEventListener('click', () => el.remove());
  toastRegion.append(el);
  if (kind !== 'error') setTimeout(() => el.remove(), 5000);
}

/** Runs an async action with a button disabled meanwhile; reports errors as a toast. */
export async function busy(btn, action) {
  btn.disabled = true;
  try {
    return await action();
  } catch (e) {
    toast(`${e.message}${e.code ? ` (${[e.code, e.kafkaError].filter(Boolean).join(' / ')})` : ''}`, 'error');
    return undefined;
  } finally {
    btn.disabled = false;
  }
}

/** Fills `slot` with the result of `render(data)`, or an error box. */
export function fill(slot, render, data, error, context) {
  if (error) replace(slot, errorBox(error, context));
  else replace(slot, render(data));
}
