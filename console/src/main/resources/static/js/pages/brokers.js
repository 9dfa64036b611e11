/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// Brokers: id, address, rack, controller, reachability, uptime, owned partitions, flush and cache
// statistics (live from `overview` events); #/brokers/{id} adds the broker's configuration.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { badge, errorBox, loading, pageHeader, section, table } from '../components.js';

export const PAGE = 'brokers';

/**
 * The brokers table, shared with the overview page. `flush: false` hides the flush columns: the
 * overview's broker list carries no flush state (it would cost a partitions read per broker).
 */
export function brokerRows(brokers, ctx, testid = 'brokers-table', { flush = true } = {}) {
  const flushColumns = flush ? [
    { title: 'Pending flush', numeric: true, cell: (b) => (b.flush ? fmt.bytes(b.flush.pendingBytes) : fmt.NONE) },
    { title: 'Pending batches', numeric: true, cell: (b) => (b.flush ? fmt.num(b.flush.pendingBatches) : fmt.NONE) },
    { title: 'Last flush', cell: (b) => (b.flush && b.flush.lastFlushAgeMs !== null && b.flush.lastFlushAgeMs !== undefined
      ? `${fmt.duration(b.flush.lastFlushAgeMs)} ago` : fmt.NONE) },
  ] : [];
  return table({
    testid,
    rows: brokers,
    rowTestid: (b) => `broker-row-${b.id}`,
    empty: 'No brokers known.',
    columns: [
      { title: 'Id', cell: (b) => h('a', { href: ctx.route('brokers', b.id) }, String(b.id)) },
      { title: 'Address', cell: (b) => `${fmt.text(b.host)}:${fmt.text(b.port)}` },
      { title: 'Rack', cell: (b) => fmt.text(b.rack) },
      { title: 'Role', cell: (b) => (b.controller ? badge('controller', 'info') : '') },
      { title: 'Admin API', cell: (b) => reachability(b) },
      { title: 'Uptime', cell: (b) => fmt.duration(b.uptimeMs) },
      { title: 'Owned partitions', numeric: true, cell: (b) => fmt.num(b.ownedPartitions), testid: 'owned-partitions' },
      ...flushColumns,
      { title: 'Cache hit ratio', numeric: true, cell: (b) => (b.cache ? fmt.percent(b.cache.hitRatio) : fmt.NONE) },
      { title: 'Cache size', numeric: true, cell: (b) => (b.cache ? fmt.bytes(b.cache.bytes) : fmt.NONE) },
    ],
  });
}

function reachability(b) {
  if (b.reachable === true) return badge('reachable', 'ok');
  if (b.reachable === false) {
    return h('span', null, badge('unreachable', 'bad'), b.message ? h('span', { class: 'error-text' }, ` ${b.message}`) : null);
  }
  return badge('unknown', 'neutral');
}

export function mount(root, ctx, params) {
  if (params.length > 0) {
    mountDetail(root, ctx, params[0]);
    return;
  }
  const slot = h('div', { testid: 'brokers' }, loading());
  root.append(pageHeader('Brokers'), slot);
  const show = (brokers, error) => {
    if (error) replace(slot, errorBox(error, 'Brokers unavailable'));
    else replace(slot, brokerRows(brokers, ctx));
  };
  // The overview event carries no flush state, so each one is only the cue to re-read
  // /api/v1/brokers (with flush), one read at a time, while this page is open.
  let inFlight = false;
  const reload = () => {
    if (inFlight || !ctx.isAlive()) return Promise.resolve();
    inFlight = true;
    return api.get('/api/v1/brokers').then((b) => ctx.isAlive() && show(b, null), (e) => ctx.isAlive() && show(null, e))
      .finally(() => { inFlight = false; });
  };
  reload().finally(() => ctx.isAlive() && ctx.subscribe('overview', (doc, error) => (error ? show(null, error) : reload()), false));
}

function mountDetail(root, ctx, id) {
  const slot = h('div', { testid: 'broker-detail' }, loading());
  root.append(pageHeader(`Broker ${id}`, h('a', { class: 'btn btn-secondary', href: '#/brokers' }, 'All brokers')), slot);
  api.get(`/api/v1/brokers/${api.seg(id)}`).then((b) => {
    if (!ctx.isAlive()) return;
    replace(slot,
      section('State', 'broker-state', brokerRows([b], ctx, 'broker-state-table'),
        b.startedAtMs ? h('p', { class: 'muted' }, `Started ${fmt.time(b.startedAtMs)}`) : null),
      section('Configuration', 'broker-configs', configTable(b.configs || [], 'broker-config-table')));
  }, (e) => ctx.isAlive() && replace(slot, errorBox(e, `Broker ${id} unavailable`)));
}

/** A read-only table of Config documents (name, value, source, flags). */
export function configTable(configs, testid, extraColumns = []) {
  return table({
    testid,
    rows: configs,
    rowTestid: (c) => `config-${c.name}`,
    empty: 'No configuration reported.',
    columns: [
      { title: 'Name', cell: (c) => h('code', null, c.name) },
      { title: 'Value', cell: (c) => (c.sensitive ? h('span', { class: 'muted' }, '(sensitive)') : h('code', { testid: 'config-value' }, fmt.text(c.value))) },
      { title: 'Source', cell: (c) => fmt.text(c.source) },
      { title: 'Default', cell: (c) => fmt.bool(c.isDefault) },
      { title: 'Read-only', cell: (c) => fmt.bool(c.readOnly) },
      ...extraColumns,
    ],
  });
}
