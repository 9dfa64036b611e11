/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// Display formatting. Absent values (null/undefined/NaN) always render as "—" (or "unknown" for
// booleans): the console never invents a number it was not given.

export const NONE = '—';

const missing = (v) => v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v));

export function num(v, maxFractionDigits = 0) {
  if (missing(v)) return NONE;
  return Number(v).toLocaleString('en-US', { maximumFractionDigits: maxFractionDigits });
}

export function bytes(v) {
  if (missing(v)) return NONE;
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let n = Number(v);
  let i = 0;
  while (Math.abs(n) >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toLocaleString('en-US', { maximumFractionDigits: i === 0 ? 0 : 1 })} ${units[i]}`;
}

export function bytesPerSec(v) {
  return missing(v) ? NONE : `${bytes(v)}/s`;
}

export function perSec(v, unit = '') {
  return missing(v) ? NONE : `${num(v, 2)}${unit ? ' ' + unit : ''}/s`;
}

export function usd(v) {
  if (missing(v)) return NONE;
  const n = Number(v);
  const digits = n !== 0 && Math.abs(n) < 0.01 ? 6 : 4;
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: digits })}`;
}

export function ms(v) {
  return missing(v) ? NONE : `${num(v, 1)} ms`;
}

export function duration(v) {
  if (missing(v)) return NONE;
  let s = Math.floor(Number(v) / 1000);
  if (s < 60) return `${num(Number(v) / 1000, 1)} s`;
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const hh = Math.floor(s / 3600);
  s -= hh * 3600;
  const mm = Math.floor(s / 60);
  s -= mm * 60;
  if (d > 0) return `${d}d ${hh}h ${mm}m`;
  if (hh > 0) return `${hh}h ${mm}m ${s}s`;
  return `${mm}m ${s}s`;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** Epoch milliseconds → local "YYYY-MM-DD HH:MM:SS.mmm". */
export function time(v) {
  if (missing(v) || Number(v) < 0) return NONE;
  const d = new Date(Number(v));
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function bool(v, yes = 'yes', no = 'no') {
  if (v === true) return yes;
  if (v === false) return no;
  return 'unknown';
}

export function text(v) {
  return missing(v) || v === '' ? NONE : String(v);
}

export function percent(ratio) {
  return missing(ratio) ? NONE : `${num(Number(ratio) * 100, 1)} %`;
}
