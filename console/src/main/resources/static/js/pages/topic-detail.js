/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// Topic detail: per-partition owner, leader epoch, log start/end offsets, size and segment objects
// in the bucket; configs with edit / reset / add; add partitions; delete.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { busy, button, errorBox, field, loading, pageHeader, section, table, toast } from '../components.js';
import { configTable } from './brokers.js';
import { deleteTopic } from './topics.js';

export const PAGE = 'topic-detail';

export function mount(root, ctx, [name]) {
  const slot = h('div', { testid: 'topic-detail' }, loading());
  const actions = [
    h('a', { class: 'btn btn-secondary', href: ctx.route('topics', name, 'messages'), testid: 'topic-browse' }, 'Browse messages'),
    ctx.readOnly ? null : button('Delete topic', async (ev) => {
      if (await deleteTopic(ev.currentTarget, name)) ctx.navigate('#/topics');
    }, { kind: 'danger', testid: 'topic-detail-delete' }),
  ];
  root.append(pageHeader(`Topic ${name}`, actions), slot);

  // Built once: live refreshes replace only the partitions table, never a form being typed in.
  let built = null;
  const load = async ({ partitionsOnly = false } = {}) => {
    let topic;
    try {
      topic = await api.get(`/api/v1/topics/${api.seg(name)}`);
    } catch (e) {
      if (ctx.isAlive() && !partitionsOnly) {
        built = null;
        replace(slot, errorBox(e, `Topic ${name} unavailable`));
      }
      return;
    }
    if (!ctx.isAlive()) return;
    if (!built) built = build(topic);
    replace(built.partitions, partitionTable(topic, built.segments, name));
    built.partitionsTitle.textContent = `Partitions (${topic.partitions.length})`;
    if (!partitionsOnly) {
      replace(built.configs, configTable(topic.configs || [], 'topic-config-table',
        ctx.readOnly ? [] : [editColumn(name, () => load())]));
    }
  };
  const build = (topic) => {
    const b = { partitions: h('div'), segments: h('div', { testid: 'segments' }), configs: h('div') };
    const partitionsSection = section('Partitions', 'partitions-section', b.partitions,
      ctx.readOnly ? null : addPartitionsForm(name, topic.partitions.length, () => load()), b.segments);
    b.partitionsTitle = partitionsSection.querySelector('h2');
    replace(slot,
      h('p', { class: 'muted' }, 'Topic id: ', h('code', { testid: 'topic-id' }, fmt.text(topic.topicId)),
        topic.internal ? ' · internal' : ''),
      partitionsSection,
      section('Configuration', 'configs-section', b.configs,
        ctx.readOnly ? null : addConfigForm(name, () => load())));
    return b;
  };
  load();
  // Offsets and sizes move with traffic: refresh the partitions on every overview event.
  ctx.subscribe('overview', (doc) => {
    if (doc && built) load({ partitionsOnly: true });
  }, false);
}

function partitionTable(topic, segmentsSlot, name) {
  return table({
    testid: 'partitions-table',
    rows: topic.partitions,
    rowTestid: (p) => `partition-row-${p.partition}`,
    columns: [
      { title: 'Partition', numeric: true, cell: (p) => String(p.partition) },
      { title: 'Owner (broker)', numeric: true, cell: (p) => fmt.text(p.owner), testid: 'partition-owner' },
      { title: 'Leader epoch', numeric: true, cell: (p) => fmt.num(p.leaderEpoch) },
      { title: 'Log start', numeric: true, cell: (p) => fmt.num(p.logStartOffset), testid: 'partition-log-start' },
      { title: 'Log end', numeric: true, cell: (p) => fmt.num(p.logEndOffset), testid: 'partition-log-end' },
      { title: 'Size', numeric: true, cell: (p) => fmt.bytes(p.sizeBytes) },
      { title: 'Segments', numeric: true, cell: (p) => fmt.num(p.segments) },
      { title: '', cell: (p) => button('Segment objects', (ev) => showSegments(ev.currentTarget, name, p.partition, segmentsSlot),
        { kind: 'secondary btn-small', testid: `show-segments-${p.partition}` }) },
    ],
  });
}

async function showSegments(btn, name, partition, slot) {
  const segments = await busy(btn, () => api.get(`/api/v1/topics/${api.seg(name)}/partitions/${partition}/segments`));
  if (!segments) return;
  replace(slot, h('h3', null, `Segment objects of partition ${partition}`), table({
    testid: 'segments-table',
    empty: 'No segment has been flushed to the object store yet.',
    columns: [
      { title: 'Base offset', numeric: true, cell: (s) => fmt.num(s.baseOffset) },
      { title: 'Last offset', numeric: true, cell: (s) => fmt.num(s.lastOffset) },
      { title: 'Size', numeric: true, cell: (s) => fmt.bytes(s.sizeBytes) },
      { title: 'Object key', cell: (s) => h('code', { class: 'break' }, fmt.text(s.objectKey)) },
      { title: 'Created', cell: (s) => fmt.time(s.createdAtMs) },
      { title: 'Compacted', cell: (s) => fmt.bool(s.compacted) },
    ],
    rows: segments,
  }));
}

function editColumn(name, reload) {
  return {
    title: 'Actions',
    cell: (c) => {
      if (c.readOnly) return '';
      const edit = button('Edit', () => {
        const input = h('input', { type: 'text', value: c.value ?? '', testid: 'config-edit-input', 'aria-label': `New value of ${c.name}` });
        const save = button('Save', () => patchConfigs(save, name, { set: { [c.name]: input.value }, delete: [] }, reload),
          { kind: 'primary btn-small', testid: 'config-edit-save' });
        const cancel = button('Cancel', () => reload(), { kind: 'secondary btn-small' });
        cell.replaceChildren(input, save, cancel);
        input.focus();
      }, { kind: 'secondary btn-small', testid: 'config-edit' });
      const reset = c.isDefault ? null : button('Reset to default',
        () => patchConfigs(reset, name, { set: {}, delete: [c.name] }, reload), { kind: 'secondary btn-small', testid: 'config-reset' });
      const cell = h('span', { class: 'row-actions' }, edit, reset);
      return cell;
    },
  };
}

async function patchConfigs(btn, name, body, reload) {
  const result = await busy(btn, () => api.patch(`/api/v1/topics/${api.seg(name)}/configs`, body));
  if (result) {
    toast('Configuration updated.', 'success');
    await reload();
  }
}

function addConfigForm(name, reload) {
  const key = h('input', { type: 'text', required: true, testid: 'config-add-key', autocomplete: 'off' });
  const value = h('input', { type: 'text', required: true, testid: 'config-add-value', autocomplete: 'off' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'config-add-submit' }, 'Set config');
  const form = h('form', { class: 'form-inline write-action', testid: 'config-add-form' },
    field('Config name', key), field('Value', value), submit);
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    patchConfigs(submit, name, { set: { [key.value.trim()]: value.value }, delete: [] }, reload);
  });
  return form;
}

function addPartitionsForm(name, current, reload) {
  const count = h('input', { type: 'number', min: String(current + 1), value: String(current + 1), required: true, testid: 'add-partitions-count' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary', testid: 'add-partitions-submit' }, 'Add partitions');
  const form = h('form', { class: 'form-inline write-action', testid: 'add-partitions-form' },
    field('New total partition count', count), submit);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const done = await busy(submit, () => api.post(`/api/v1/topics/${api.seg(name)}/partitions`, { count: Number(count.value) }));
    if (done) {
      const n = Number(count.value);
      toast(`Topic ${name} now has ${n} partitions.`, 'success');
      count.min = String(n + 1);
      count.value = String(n + 1);
      await reload();
    }
  });
  return form;
}
