/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// One consumer group: state, members and assignments, committed offsets and lag per partition, a
// lag chart (console sampler), offset reset with a dry-run preview before applying, delete.
// Re-read on every `groups` event so lag moves without reloads.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { timeChart } from '../charts.js';
import { busy, button, confirmDialog, errorBox, field, loading, pageHeader, section, stat, table, toast } from '../components.js';
import { stateBadge } from './groups.js';

export const PAGE = 'group-detail';

export function mount(root, ctx, [groupId]) {
  const summary = h('div', { class: 'stats', testid: 'group-summary' }, loading());
  const members = h('div', { testid: 'group-members' });
  const offsets = h('div', { testid: 'group-offsets' });
  const chartSlot = h('div', { class: 'charts' });
  const chartError = h('div');
  const resetSlot = h('div', { testid: 'reset-slot' });
  const del = ctx.readOnly ? null : button('Delete group', async (ev) => {
    const btn = ev.currentTarget;
    const ok = await confirmDialog({ title: `Delete consumer group ${groupId}?`,
      message: 'Its committed offsets are deleted. Only an empty group can be deleted.', confirmLabel: 'Delete group', requireText: groupId });
    if (!ok) return;
    const done = await busy(btn, async () => { await api.del(`/api/v1/groups/${api.seg(groupId)}`); return true; });
    if (done) {
      toast(`Group ${groupId} deleted.`, 'success');
      ctx.navigate('#/groups');
    }
  }, { kind: 'danger', testid: 'group-delete' });

  root.append(pageHeader(`Consumer group ${groupId}`, h('a', { class: 'btn btn-secondary', href: '#/groups' }, 'All groups'), del),
    summary,
    section('Lag', 'lag-section', chartError, chartSlot),
    section('Offsets and lag per partition', 'offsets-section', offsets),
    section('Members', 'members-section', members),
    ctx.readOnly ? null : section('Reset offsets', 'reset-section', resetSlot));

  const chart = timeChart(chartSlot, { title: 'Total lag (records)', testid: 'chart-lag', yFormat: (v) => fmt.num(v), series: [{ label: 'lag' }] });
  ctx.onDestroy(() => chart.destroy());

  let resetBuilt = false;
  const load = async () => {
    try {
      const g = await api.get(`/api/v1/groups/${api.seg(groupId)}`);
      if (!ctx.isAlive()) return;
      render(g);
      if (!resetBuilt && !ctx.readOnly) {
        resetBuilt = true;
        replace(resetSlot, resetForm(groupId, g, load));
      }
    } catch (e) {
      if (ctx.isAlive()) replace(summary, errorBox(e, `Group ${groupId} unavailable`));
    }
    try {
      const hist = await api.get(`/api/v1/groups/${api.seg(groupId)}/lag-history`);
      if (!ctx.isAlive()) return;
      replace(chartError);
      chart.setData(hist.timestamps || [], [(hist.lag || []).map((v) => (typeof v === 'number' ? v : null))]);
    } catch (e) {
      if (ctx.isAlive()) replace(chartError, errorBox(e, 'Lag history unavailable'));
    }
  };
  const render = (g) => {
    replace(summary,
      stat('State', stateBadge(g.state, 'group-state-badge'), 'group-state'),
      stat('Total lag', fmt.num(g.totalLag), 'group-total-lag'),
      stat('Members', fmt.num((g.members || []).length), 'group-member-count'),
      stat('Coordinator', fmt.text(g.coordinator), 'group-coordinator'),
      stat('Protocol', `${fmt.text(g.protocolType)} / ${fmt.text(g.protocol)}`, 'group-protocol'));
    replace(offsets, table({
      testid: 'offsets-table',
      rowTestid: (o) => `offset-row-${o.topic}-${o.partition}`,
      empty: 'No committed offsets.',
      columns: [
        { title: 'Topic', cell: (o) => h('a', { href: ctx.route('topics', o.topic) }, o.topic) },
        { title: 'Partition', numeric: true, cell: (o) => String(o.partition) },
        { title: 'Committed offset', numeric: true, cell: (o) => fmt.num(o.committedOffset), testid: 'offset-committed' },
        { title: 'Log end offset', numeric: true, cell: (o) => fmt.num(o.logEndOffset), testid: 'offset-log-end' },
        { title: 'Lag', numeric: true, cell: (o) => fmt.num(o.lag), testid: 'offset-lag' },
      ],
      rows: g.offsets || [],
    }));
    replace(members, table({
      testid: 'members-table',
      empty: 'No active members.',
      columns: [
        { title: 'Member id', cell: (m) => h('code', { class: 'break' }, m.memberId) },
        { title: 'Client id', cell: (m) => fmt.text(m.clientId) },
        { title: 'Host', cell: (m) => fmt.text(m.host) },
        { title: 'Assignments', cell: (m) => ((m.assignments || []).length === 0 ? fmt.NONE
          : (m.assignments || []).map((a) => `${a.topic}-${a.partition}`).join(', ')) },
      ],
      rows: g.members || [],
    }));
  };
  load();
  ctx.subscribe('groups', () => load(), false);
}

function resetForm(groupId, group, reload) {
  const topics = [...new Set((group.offsets || []).map((o) => o.topic))].sort();
  const topic = h('input', { type: 'text', required: true, list: 'reset-topics', value: topics[0] || '', testid: 'reset-topic', autocomplete: 'off' });
  const topicList = h('datalist', { id: 'reset-topics' }, topics.map((t) => h('option', { value: t })));
  const partitions = h('input', { type: 'text', testid: 'reset-partitions', placeholder: 'all', autocomplete: 'off' });
  const strategy = h('select', { testid: 'reset-strategy' },
    ['earliest', 'latest', 'offset', 'timestamp', 'shift'].map((s) => h('option', { value: s }, s)));
  const value = h('input', { type: 'number', testid: 'reset-value' });
  const valueField = field('Value', value, 'Offset, epoch ms, or shift by ±n.');
  const preview = h('div', { testid: 'reset-preview' });
  const dry = h('button', { type: 'submit', class: 'btn btn-secondary', testid: 'reset-dry-run' }, 'Preview (dry run)');
  const apply = h('button', { type: 'button', class: 'btn btn-danger', testid: 'reset-apply', disabled: true }, 'Apply reset');
  let previewed = null;

  const syncStrategy = () => { valueField.hidden = ['earliest', 'latest'].includes(strategy.value); };
  strategy.addEventListener('change', syncStrategy);
  syncStrategy();

  const body = (dryRun) => {
    const parts = partitions.value.trim();
    return {
      topic: topic.value.trim(),
      partitions: parts === '' ? null : parts.split(',').map((p) => Number(p.trim())),
      strategy: strategy.value,
      value: valueField.hidden || value.value === '' ? null : Number(value.value),
      dryRun,
    };
  };
  const invalidate = () => {
    previewed = null;
    apply.disabled = true;
  };
  for (const el of [topic, partitions, strategy, value]) el.addEventListener('input', invalidate);
  strategy.addEventListener('change', invalidate);

  const form = h('form', { class: 'form-inline write-action', testid: 'reset-form' },
    field('Topic', topic), topicList, field('Partitions', partitions, 'Comma-separated; empty for all.'),
    field('Strategy', strategy), valueField, dry, apply);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const request = body(true);
    const result = await busy(dry, () => api.post(`/api/v1/groups/${api.seg(groupId)}/reset-offsets`, request));
    if (!result) return;
    replace(preview, h('h3', null, 'Dry run: nothing changed yet'), resetTable(result.offsets || []));
    previewed = request;
    apply.disabled = false;
  });
  apply.addEventListener('click', async () => {
    if (!previewed) return;
    const result = await busy(apply, () => api.post(`/api/v1/groups/${api.seg(groupId)}/reset-offsets`, { ...previewed, dryRun: false }));
    if (!result) return;
    replace(preview, h('h3', { testid: 'reset-applied' }, 'Applied'), resetTable(result.offsets || []));
    invalidate();
    toast('Offsets reset.', 'success');
    await reload();
  });
  return h('div', null, form, preview);
}

function resetTable(offsets) {
  return table({
    testid: 'reset-preview-table',
    rowTestid: (o) => `reset-row-${o.topic}-${o.partition}`,
    empty: 'No partitions matched.',
    columns: [
      { title: 'Topic', cell: (o) => o.topic },
      { title: 'Partition', numeric: true, cell: (o) => String(o.partition) },
      { title: 'Current offset', numeric: true, cell: (o) => fmt.num(o.currentOffset), testid: 'reset-current' },
      { title: 'New offset', numeric: true, cell: (o) => fmt.num(o.newOffset), testid: 'reset-new' },
    ],
    rows: offsets,
  });
}
