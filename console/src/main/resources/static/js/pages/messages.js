/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// Message browser: pick a topic, partition (or all), start (newest / offset / timestamp), limit and
// format (text, JSON, hex); records are listed newest first. Also produces a test message.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { badge, busy, errorBox, field, loading, pageHeader, parseKeyValueLines, section, table, toast } from '../components.js';

export const PAGE = 'messages';

export function mount(root, ctx, params) {
  const topicName = params[0] || null;
  root.append(pageHeader(topicName ? `Messages in ${topicName}` : 'Messages'));
  if (!topicName) {
    mountTopicPicker(root, ctx);
    return;
  }
  const results = h('div', { testid: 'messages-results' });
  const controls = browseForm(ctx, topicName, results);
  root.append(
    h('p', null, h('a', { href: ctx.route('topics', topicName) }, `Topic ${topicName} details`)),
    section('Browse', 'browse-section', controls.form, results),
    ctx.readOnly ? null : section('Produce a test message', 'produce-section', produceForm(topicName, controls)));
  controls.load();
}

function mountTopicPicker(root, ctx) {
  const slot = h('div', { testid: 'topic-picker' }, loading());
  root.append(section('Choose a topic', 'topic-picker-section', slot));
  api.get('/api/v1/topics').then((topics) => {
    if (!ctx.isAlive()) return;
    const list = topics.filter((t) => !t.internal).sort((a, b) => a.name.localeCompare(b.name));
    replace(slot, list.length === 0 ? h('p', { class: 'muted' }, 'No topics yet.')
      : h('ul', { class: 'link-list' }, list.map((t) =>
        h('li', null, h('a', { href: ctx.route('topics', t.name, 'messages'), testid: 'pick-topic' }, t.name)))));
  }, (e) => ctx.isAlive() && replace(slot, errorBox(e, 'Topics unavailable')));
}

function browseForm(ctx, topicName, results) {
  const partition = h('select', { testid: 'browse-partition' }, h('option', { value: '' }, 'All partitions'));
  const mode = h('select', { testid: 'browse-mode' },
    h('option', { value: 'newest' }, 'Newest records'),
    h('option', { value: 'offset' }, 'From offset'),
    h('option', { value: 'timestamp' }, 'From time'));
  const offset = h('input', { type: 'number', min: '0', value: '0', testid: 'browse-offset' });
  const timestamp = h('input', { type: 'datetime-local', step: '1', testid: 'browse-timestamp' });
  const limit = h('input', { type: 'number', min: '1', max: '500', value: '50', testid: 'browse-limit' });
  const format = h('select', { testid: 'browse-format' },
    h('option', { value: 'text' }, 'Text'), h('option', { value: 'json' }, 'JSON'), h('option', { value: 'hex' }, 'Hex'));
  const offsetField = field('Offset', offset);
  const timestampField = field('Time', timestamp);
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'browse-submit' }, 'Load');
  const form = h('form', { class: 'form-inline', testid: 'browse-form' },
    field('Partition', partition), field('Start', mode), offsetField, timestampField,
    field('Limit', limit), field('Format', format), submit);
  const syncMode = () => {
    offsetField.hidden = mode.value !== 'offset';
    timestampField.hidden = mode.value !== 'timestamp';
  };
  mode.addEventListener('change', syncMode);
  syncMode();

  api.get(`/api/v1/topics/${api.seg(topicName)}`).then((t) => {
    if (!ctx.isAlive()) return;
    for (const p of t.partitions) partition.append(h('option', { value: String(p.partition) }, `Partition ${p.partition}`));
  }, (e) => ctx.isAlive() && replace(results, errorBox(e, `Topic ${topicName} unavailable`)));

  const load = async () => {
    const q = new URLSearchParams();
    if (partition.value !== '') q.set('partition', partition.value);
    if (mode.value === 'offset') q.set('offset', offset.value || '0');
    if (mode.value === 'timestamp') {
      const t = new Date(timestamp.value).getTime();
      if (!Number.isFinite(t)) {
        toast('Choose a time to start from.', 'error');
        return;
      }
      q.set('timestamp', String(t));
    }
    q.set('limit', limit.value || '50');
    q.set('format', format.value);
    replace(results, loading('Loading records…'));
    const doc = await busy(submit, () => api.get(`/api/v1/topics/${api.seg(topicName)}/messages?${q}`));
    if (!ctx.isAlive()) return;
    if (!doc) {
      replace(results, h('p', { class: 'muted' }, 'Could not load records (see the error above).'));
      return;
    }
    replace(results, messageTable(doc.messages || []));
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    load();
  });
  return { form, load, partition };
}

function payload(v, testid) {
  if (v === null || v === undefined) return h('span', { class: 'null', testid }, 'null');
  return h('pre', { class: 'payload', testid }, v);
}

function messageTable(messages) {
  return table({
    testid: 'messages-table',
    rowTestid: (m) => `message-${m.partition}-${m.offset}`,
    empty: 'No records in this range.',
    columns: [
      { title: 'Partition', numeric: true, cell: (m) => String(m.partition), testid: 'message-partition' },
      { title: 'Offset', numeric: true, cell: (m) => String(m.offset), testid: 'message-offset' },
      { title: 'Timestamp', cell: (m) => h('span', { title: fmt.text(m.timestampType) }, fmt.time(m.timestamp)) },
      { title: 'Key', cell: (m) => payload(m.key, 'message-key') },
      { title: 'Value', cell: (m) => (m.truncated
        ? [payload(m.value, 'message-value'),
          h('span', { title: 'Key, value or a header is longer than 64 KiB; only the first 64 KiB are shown.' },
            badge('truncated to 64 KiB', 'warn', 'message-truncated'))]
        : payload(m.value, 'message-value')) },
      { title: 'Headers', cell: (m) => ((m.headers || []).length === 0 ? fmt.NONE
        : h('dl', { class: 'headers', testid: 'message-headers' }, m.headers.map((hd) =>
          [h('dt', null, hd.key), h('dd', null, hd.value === null ? 'null' : hd.value)]))) },
    ],
    rows: messages,
  });
}

function produceForm(topicName, controls) {
  const partition = h('input', { type: 'number', min: '0', testid: 'produce-partition', placeholder: 'any' });
  const key = h('input', { type: 'text', testid: 'produce-key', autocomplete: 'off' });
  const value = h('textarea', { rows: '3', required: true, testid: 'produce-value' });
  const headers = h('textarea', { rows: '2', testid: 'produce-headers', placeholder: 'source=console' });
  const result = h('p', { class: 'muted', testid: 'produce-result', role: 'status' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'produce-submit' }, 'Produce');
  const form = h('form', { class: 'form-grid write-action', testid: 'produce-form' },
    field('Partition', partition, 'Empty: let the partitioner choose.'),
    field('Key', key, 'Empty: no key.'),
    field('Value', value),
    field('Headers', headers, 'One key=value per line.'),
    h('div', { class: 'form-actions' }, submit), result);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    let parsedHeaders;
    try {
      parsedHeaders = parseKeyValueLines(headers.value);
    } catch (e) {
      toast(e.message, 'error');
      return;
    }
    const body = {
      partition: partition.value === '' ? null : Number(partition.value),
      key: key.value === '' ? null : key.value,
      value: value.value,
      headers: parsedHeaders,
    };
    const done = await busy(submit, () => api.post(`/api/v1/topics/${api.seg(topicName)}/messages`, body));
    if (done) {
      result.textContent = `Produced to partition ${done.partition} at offset ${done.offset}.`;
      toast('Message produced.', 'success');
      await controls.load();
    }
  });
  return form;
}
