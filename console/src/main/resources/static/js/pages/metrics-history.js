/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// The overview charts' data: the console sampler's history (GET /api/v1/metrics/history) plus
// the samples that arrive as `metrics` events afterwards, kept to the last 15 minutes.

export const SERIES = ['produceBytesPerSec', 'fetchBytesPerSec', 'produceRecordsPerSec', 's3PutPerSec', 's3GetPerSec', 's3ListPerSec'];
const WINDOW_MS = 15 * 60 * 1000;

const value = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Column-oriented history: timestamps[i] with series[name][i]; a gap is null. */
export class MetricsHistory {
  constructor() {
    this.timestamps = [];
    this.series = Object.fromEntries(SERIES.map((s) => [s, []]));
  }

  load(doc) {
    this.timestamps = [];
    for (const s of SERIES) this.series[s] = [];
    const ts = (doc && doc.timestamps) || [];
    const series = (doc && doc.series) || {};
    ts.forEach((t, i) => this.push(t, Object.fromEntries(SERIES.map((s) => [s, (series[s] || [])[i]]))));
  }

  /** Adds the sample of a `metrics` event: {timestamp, rates: Rates|null}; rates null is a gap. */
  add(sample) {
    if (!sample) return;
    this.push(sample.timestamp, sample.rates || {});
  }

  push(t, values) {
    if (typeof t !== 'number') return;
    const last = this.timestamps[this.timestamps.length - 1];
    if (last !== undefined && t <= last) {
      if (t === last) for (const s of SERIES) this.series[s][this.series[s].length - 1] = value(values[s]);
      return;
    }
    this.timestamps.push(t);
    for (const s of SERIES) this.series[s].push(value(values[s]));
    while (this.timestamps.length && this.timestamps[0] < t - WINDOW_MS) {
      this.timestamps.shift();
      for (const s of SERIES) this.series[s].shift();
    }
  }
}
