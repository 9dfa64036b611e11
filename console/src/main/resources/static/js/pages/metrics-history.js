/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// The overview charts' data: the console sampler's history (GET /api/v1/metrics/history) plus
// the samples that arrive as `metrics` events afterwards, kept to the last 15 minutes.

export const SERIES = ['produceBytesPerSec', 'fetchBytesPerSec', 'produceRecordsPerSec', 's3PutPerSec', 's3GetPerSec'];
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

  /**
   * Adds the newest sample of a `metrics` event. Accepts a one-sample history document
   * ({timestamps:[t], series:{name:[v]}}) or one sample ({timestamp, rates:{name: v, …}}, the
   * values also accepted flat or under `series`/`values`).
   */
  add(sample) {
    if (!sample) return;
    if (Array.isArray(sample.timestamps)) {
      const series = sample.series || {};
      sample.timestamps.forEach((t, i) => this.push(t, Object.fromEntries(SERIES.map((s) => [s, (series[s] || [])[i]]))));
      return;
    }
    const t = sample.timestamp ?? sample.timestampMs ?? sample.atMs ?? sample.time;
    // The console sends {timestamp, rates: Rates|null}; rates null (no two samples yet) is a gap.
    const values = 'rates' in sample ? sample.rates || {} : sample.series || sample.values || sample;
    this.push(t, values);
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
