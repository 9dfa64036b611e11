/*
 * Copyright 2026 The Kafscale Authors. Licensed under the Apache License, Version 2.0.
 */
// Consumer groups: state, protocol type, members, coordinator and total lag, live from `groups`.

import * as api from '../api.js';
import { h, replace } from '../dom.js';
import * as fmt from '../format.js';
import { badge, errorBox, loading, pageHeader, table } from '../components.js';

export const PAGE = 'groups';

const STATE_KIND = { Stable: 'ok', Empty: 'neutral', Dead: 'bad', PreparingRebalance: 'warn', CompletingRebalance: 'warn' };

export function stateBadge(state, testid) {
  return badge(fmt.text(state), STATE_KIND[state] || 'neutral', testid);
}

export function mount(root, ctx) {
  const slot = h('div', { testid: 'groups' }, loading());
  root.append(pageHeader('Consumer groups'), slot);
  const show = (groups, error) => {
    if (error) {
      replace(slot, errorBox(error, 'Consumer groups unavailable'));
      return;
    }
    const rows = [...groups].sort((a, b) => a.groupId.localeCompare(b.groupId));
    replace(slot, table({
      testid: 'groups-table',
      rowTestid: (g) => `group-row-${g.groupId}`,
      empty: 'No consumer groups.',
      columns: [
        { title: 'Group', cell: (g) => h('a', { href: ctx.route('groups', g.groupId), testid: 'group-link' }, g.groupId) },
        { title: 'State', cell: (g) => stateBadge(g.state), testid: 'group-state' },
        { title: 'Protocol type', cell: (g) => fmt.text(g.protocolType) },
        { title: 'Members', numeric: true, cell: (g) => fmt.num(g.members), testid: 'group-members' },
        { title: 'Coordinator', numeric: true, cell: (g) => fmt.text(g.coordinator) },
        { title: 'Lag', numeric: true, cell: (g) => fmt.num(g.lag), testid: 'group-lag' },
      ],
      rows,
    }));
  };
  api.get('/api/v1/groups').then((g) => ctx.isAlive() && show(g, null), (e) => ctx.isAlive() && show(null, e))
    .finally(() => ctx.isAlive() && ctx.subscribe('groups', show, false));
}
