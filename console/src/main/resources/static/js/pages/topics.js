/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// Topics: the list with partitions, sizes and overridden configs; create (partitions + configs)
// and delete with a typed confirmation. Writes are left out in read-only mode.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { badge, busy, button, confirmDialog, errorBox, field, loading, pageHeader, parseKeyValueLines,
  section, table, toast } from '../components.js';

export const PAGE = 'topics';

export function mount(root, ctx) {
  const slot = h('div', { testid: 'topics' }, loading());
  const showInternal = h('input', { type: 'checkbox', testid: 'show-internal' });
  let topics = [];

  const refresh = async () => {
    try {
      topics = await api.get('/api/v1/topics');
      if (ctx.isAlive()) render();
    } catch (e) {
      if (ctx.isAlive()) replace(slot, errorBox(e, 'Topics unavailable'));
    }
  };
  const render = () => {
    const rows = topics.filter((t) => showInternal.checked || !t.internal)
      .sort((a, b) => a.name.localeCompare(b.name));
    replace(slot, topicTable(rows, ctx, refresh));
  };
  showInternal.addEventListener('change', render);

  root.append(
    pageHeader('Topics', button('Refresh', () => refresh(), { testid: 'topics-refresh' })),
    ctx.readOnly ? null : createForm(ctx, refresh),
    section('All topics', 'topics-section',
      h('label', { class: 'inline-check' }, showInternal, ' Show internal topics'), slot),
  );
  refresh();
  // Topic counts change with the overview; refresh the list when it does.
  let lastCount = null;
  ctx.subscribe('overview', (doc) => {
    if (!doc) return;
    if (lastCount !== null && doc.topics !== lastCount) refresh();
    lastCount = doc.topics;
  }, false);
}

function topicTable(rows, ctx, refresh) {
  const columns = [
    { title: 'Name', cell: (t) => h('a', { href: ctx.route('topics', t.name), testid: 'topic-link' }, t.name) },
    { title: 'Partitions', numeric: true, cell: (t) => fmt.num(t.partitions), testid: 'topic-partitions' },
    { title: 'Size', numeric: true, cell: (t) => fmt.bytes(t.sizeBytes), testid: 'topic-size' },
    { title: 'Overridden configs', numeric: true, cell: (t) => fmt.num(t.overriddenConfigs) },
    { title: 'Internal', cell: (t) => (t.internal ? badge('internal', 'neutral') : '') },
    { title: 'Actions', cell: (t) => h('span', { class: 'row-actions' },
      h('a', { class: 'btn btn-small btn-secondary', href: ctx.route('topics', t.name, 'messages'), testid: 'topic-messages' }, 'Messages'),
      ctx.readOnly || t.internal ? null : button('Delete', (ev) => deleteTopic(ev.currentTarget, t.name, refresh),
        { kind: 'danger btn-small', testid: 'topic-delete' })) },
  ];
  return table({ columns, rows, testid: 'topics-table', rowTestid: (t) => `topic-row-${t.name}`, empty: 'No topics yet.' });
}

/** Asks for the topic name, then deletes it. Returns true when deleted. */
export async function deleteTopic(btn, name, after) {
  const ok = await confirmDialog({
    title: `Delete topic ${name}?`,
    message: 'All of its records are deleted. This cannot be undone.',
    confirmLabel: 'Delete topic',
    requireText: name,
  });
  if (!ok) return false;
  const done = await busy(btn, async () => {
    await api.del(`/api/v1/topics/${api.seg(name)}`);
    return true;
  });
  if (done) {
    toast(`Topic ${name} deleted.`, 'success');
    if (after) await after();
  }
  return Boolean(done);
}

function createForm(ctx, refresh) {
  const name = h('input', { type: 'text', required: true, pattern: '[a-zA-Z0-9._\\-]{1,249}', testid: 'create-topic-name', autocomplete: 'off' });
  const partitions = h('input', { type: 'number', min: '1', value: '1', required: true, testid: 'create-topic-partitions' });
  const configs = h('textarea', { rows: '3', testid: 'create-topic-configs', placeholder: 'retention.ms=604800000\ncleanup.policy=delete' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'create-topic-submit' }, 'Create topic');
  const form = h('form', { class: 'form-grid', testid: 'create-topic-form' },
    field('Name', name, 'Letters, digits, ".", "_" and "-".'),
    field('Partitions', partitions),
    field('Configs', configs, 'One key=value per line (optional).'),
    h('div', { class: 'form-actions' }, submit));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    let parsed;
    try {
      parsed = parseKeyValueLines(configs.value);
    } catch (e) {
      toast(e.message, 'error');
      return;
    }
    const created = await busy(submit, () => api.post('/api/v1/topics',
      { name: name.value.trim(), partitions: Number(partitions.value), configs: parsed }));
    if (created) {
      toast(`Topic ${created.name || name.value} created.`, 'success');
      form.reset();
      await refresh();
    }
  });
  const details = h('details', { class: 'panel write-action', testid: 'create-topic' },
    h('summary', null, 'Create a topic'), form);
  return details;
}
