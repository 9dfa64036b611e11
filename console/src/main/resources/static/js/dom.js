/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// Builds DOM nodes without ever parsing markup: every piece of data ends up in a text node or an
// attribute value, so cluster data (topic names, record values, error messages) cannot inject HTML.
// Styling goes through classes only (the CSP forbids inline style attributes).

/**
 * Creates an element. attrs: `class`, `testid` (→ data-testid), `on<event>` functions, `hidden`,
 * `disabled`, `checked`, `value` and `selected` as properties, anything else as an attribute.
 * Children: nodes, strings/numbers (as text), arrays (flattened); null/undefined/false are skipped.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') el.className = value;
      else if (name === 'testid') el.dataset.testid = value;
      else if (name.startsWith('on') && typeof value === 'function') {
        el.addEventListener(name.slice(2).toLowerCase(), value);
      } else if (name === 'style') {
        throw new Error('inline styles are not allowed; use a class');
      } else if (name === 'value') {
        // defaultValue too, so that form.reset() returns to it rather than to empty.
        if (el instanceof HTMLInputElement) el.defaultValue = String(value);
        el.value = value;
      } else if (['hidden', 'disabled', 'checked', 'selected', 'required', 'open'].includes(name)) {
        el[name] = value;
      } else el.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (see {@link h}) to a parent node. */
export function append(parent, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return parent;
}

/** Replaces all children of a node. */
export function replace(parent, ...children) {
  parent.replaceChildren();
  return append(parent, children);
}

/** Sets a node's text (null → the em-dash used for "unknown"). */
export function setText(el, text) {
  el.textContent = text === null || text === undefined ? '—' : String(text);
  return el;
}
