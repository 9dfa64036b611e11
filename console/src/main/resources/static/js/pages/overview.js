/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// Overview: cluster counts, health of Kafka / metadata store / object store, rates and the
// estimated S3 request cost, throughput and S3 request charts, brokers. Initial data from
// /api/v1/overview and /api/v1/metrics/history, then live from the `overview` and `metrics` events.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { timeChart } from '../charts.js';
import { badge, errorBox, loading, pageHeader, section, stat } from '../components.js';
import { brokerRows } from './brokers.js';
import { MetricsHistory } from './metrics-history.js';

export const PAGE = 'overview';

export function mount(root, ctx) {
  const summary = h('div', { class: 'stats', testid: 'overview-summary' }, loading());
  const health = h('div', { class: 'health-grid', testid: 'overview-health' });
  const rates = h('div', { class: 'stats', testid: 'overview-rates' });
  const brokersSlot = h('div', { testid: 'overview-brokers' });
  const historyError = h('div', { testid: 'history-error' });
  const charts = h('div', { class: 'charts' });

  root.append(
    pageHeader('Overview'),
    summary,
    section('Health', 'health-section', health),
    section('Throughput and object store requests', 'rates-section', rates, historyError, charts),
    section('Brokers', 'brokers-section', brokersSlot),
  );

  const throughput = timeChart(charts, {
    title: 'Produce / fetch throughput', testid: 'chart-throughput', yFormat: fmt.bytesPerSec,
    series: [{ label: 'produce' }, { label: 'fetch' }],
  });
  const s3 = timeChart(charts, {
    title: 'S3 requests per second', testid: 'chart-s3', yFormat: (v) => fmt.num(v, 2),
    series: [{ label: 'PUT' }, { label: 'GET' }, { label: 'LIST' }],
  });
  ctx.onDestroy(() => { throughput.destroy(); s3.destroy(); });

  const history = new MetricsHistory();
  const redraw = () => {
    const s = history.series;
    throughput.setData(history.timestamps, [s.produceBytesPerSec, s.fetchBytesPerSec]);
    s3.setData(history.timestamps, [s.s3PutPerSec, s.s3GetPerSec, s.s3ListPerSec]);
  };

  const showOverview = (doc, error) => {
    if (error) {
      // Old figures would be stale: show only what the error document says.
      replace(summary, errorBox(error, 'Cluster overview unavailable'));
      for (const el of [health, rates, brokersSlot]) replace(el, h('p', { class: 'muted' }, 'Unavailable.'));
      return;
    }
    renderSummary(summary, doc);
    renderHealth(health, doc.health || {});
    renderRates(rates, doc.rates);
    replace(brokersSlot, brokerRows(doc.brokers || [], ctx, 'overview-brokers-table', { flush: false }));
  };

  api.get('/api/v1/overview').then((doc) => ctx.isAlive() && showOverview(doc, null),
    (e) => ctx.isAlive() && showOverview(null, e)).finally(() => ctx.isAlive() && ctx.subscribe('overview', showOverview, false));

  api.get('/api/v1/metrics/history').then((doc) => {
    if (!ctx.isAlive()) return;
    history.load(doc);
    redraw();
  }, (e) => ctx.isAlive() && replace(historyError, errorBox(e, 'Metrics history unavailable')))
    .finally(() => ctx.isAlive() && ctx.subscribe('metrics', (sample, error) => {
      if (error) {
        replace(historyError, errorBox(error, 'Live metrics unavailable'));
        return;
      }
      replace(historyError);
      history.add(sample);
      redraw();
    }, false));
}

function renderSummary(el, doc) {
  replace(el,
    stat('Cluster id', fmt.text(doc.clusterId), 'stat-cluster-id'),
    stat('Controller', fmt.text(doc.controllerId), 'stat-controller'),
    // With Kafka down the broker list is empty because it is unknown, not because there are none.
    stat('Brokers', doc.health && doc.health.kafka && doc.health.kafka.ok === false
      ? fmt.NONE : fmt.num((doc.brokers || []).length), 'stat-brokers'),
    stat('Topics', fmt.num(doc.topics), 'stat-topics'),
    stat('Partitions', fmt.num(doc.partitions), 'stat-partitions'),
    stat('Consumer groups', fmt.num(doc.groups), 'stat-groups'));
}

const HEALTH_SOURCES = [
  ['kafka', 'Kafka cluster'],
  ['metadataStore', 'Metadata store'],
  ['objectStore', 'Object store'],
];

function renderHealth(el, health) {
  replace(el, HEALTH_SOURCES.map(([key, label]) => {
    const hl = health[key];
    const state = !hl ? badge('unknown', 'neutral') : hl.ok ? badge('healthy', 'ok') : badge('down', 'bad');
    return h('div', { class: `health-card ${hl && hl.ok === false ? 'health-down' : ''}`, testid: `health-${key}` },
      h('div', { class: 'health-title' }, label, ' ', state),
      h('div', null, 'Latency: ', h('span', { testid: `health-${key}-latency` }, hl ? fmt.ms(hl.latencyMs) : fmt.NONE)),
      hl && hl.message ? h('div', { class: hl.ok ? 'muted' : 'error-text', testid: `health-${key}-message` }, hl.message) : null);
  }));
}

function renderRates(el, rates) {
  if (!rates) {
    replace(el, h('p', { class: 'muted span-all', testid: 'rates-pending' },
      'Rates appear once the console has two samples of the brokers\' /metrics.'));
    return;
  }
  replace(el,
    stat('Produce', fmt.bytesPerSec(rates.produceBytesPerSec), 'rate-produce'),
    stat('Fetch', fmt.bytesPerSec(rates.fetchBytesPerSec), 'rate-fetch'),
    stat('Records produced', fmt.perSec(rates.produceRecordsPerSec, 'records'), 'rate-records'),
    stat('S3 PUT', fmt.perSec(rates.s3PutPerSec), 'rate-s3-put'),
    stat('S3 GET', fmt.perSec(rates.s3GetPerSec), 'rate-s3-get'),
    stat('S3 LIST', fmt.perSec(rates.s3ListPerSec), 'rate-s3-list'),
    stat('Estimated S3 request cost', rates.estimatedS3CostPerHourUsd === null || rates.estimatedS3CostPerHourUsd === undefined
      ? fmt.NONE : `${fmt.usd(rates.estimatedS3CostPerHourUsd)} / hour`, 'rate-s3-cost',
    `at ${fmt.usd(rates.putPricePer1000Usd)} per 1,000 PUT or LIST and ${fmt.usd(rates.getPricePer1000Usd)} per 1,000 GET`));
}

