/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// Time-series charts drawn by uPlot (served as a WebJar, loaded by index.html as a global). Data
// gaps stay gaps (null), nothing is interpolated or invented.

import { h } from './dom.js';

export const COLORS = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626'];

/**
 * Creates a chart in `container`. series: [{label, format}] (format renders one value for the
 * legend); yFormat renders axis ticks. Returns {setData(timestampsMs, valueArrays), destroy()}.
 */
export function timeChart(container, { title, series, yFormat = (v) => String(v), height = 220, testid }) {
  const box = h('figure', { class: 'chart', testid, 'aria-label': title });
  box.append(h('figcaption', { class: 'chart-title' }, title));
  const canvasHolder = h('div', { class: 'chart-canvas' });
  box.append(canvasHolder);
  container.append(box);

  const UPlot = window.uPlot;
  if (typeof UPlot !== 'function') {
    canvasHolder.append(h('p', { class: 'error-text', testid: 'chart-unavailable' },
      'Chart unavailable: the uPlot library did not load from /webjars/uplot.'));
    return { setData() {}, destroy() { box.remove(); } };
  }

  const width = () => Math.max(280, canvasHolder.clientWidth || container.clientWidth || 600);
  const opts = {
    width: width(),
    height,
    scales: { x: { time: true } },
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: 'time' },
      ...series.map((s, i) => ({
        label: s.label,
        stroke: COLORS[i % COLORS.length],
        width: 2,
        spanGaps: false,
        points: { show: false },
        value: (u, v) => (v === null || v === undefined ? '—' : (s.format || yFormat)(v)),
      })),
    ],
    axes: [
      {},
      { size: 80, values: (u, splits) => splits.map((v) => yFormat(v)) },
    ],
  };
  const empty = [[], ...series.map(() => [])];
  const plot = new UPlot(opts, empty, canvasHolder);
  // Resize in the next frame and only when the width changed: resizing inside the observer's
  // callback changes the observed box again and makes the browser report a "ResizeObserver loop".
  let lastWidth = width();
  let frame = 0;
  const resize = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      const w = width();
      if (w !== lastWidth) {
        lastWidth = w;
        plot.setSize({ width: w, height });
      }
    });
  });
  resize.observe(canvasHolder);

  return {
    setData(timestampsMs, values) {
      // uPlot's time scale is in seconds.
      plot.setData([timestampsMs.map((t) => t / 1000), ...values]);
    },
    destroy() {
      cancelAnimationFrame(frame);
      resize.disconnect();
      plot.destroy();
      box.remove();
    },
  };
}
