'use strict';
// Draws a DAG left to right as inline SVG: each job's column is the length of the longest path
// from a root to it, so every edge points right; rows are the order of jobs within a column.
const Dag = (() => {
  const NS = 'http://www.w3.org/2000/svg';
  const W = 150, H = 40, GAP_X = 60, GAP_Y = 18, PAD = 12;

  function layers(jobs) {
    const byId = new Map(jobs.map(j => [j.id, j]));
    const depth = new Map();
    const visit = (id, seen) => {
      if (depth.has(id)) return depth.get(id);
      if (seen.has(id)) return 0; // a cycle cannot be stored, but never loop on bad data
      seen.add(id);
      const parents = byId.get(id).parents.filter(p => byId.has(p));
      const d = parents.length ? 1 + Math.max(...parents.map(p => visit(p, seen))) : 0;
      depth.set(id, d);
      return d;
    };
    jobs.forEach(j => visit(j.id, new Set()));
    return depth;
  }

  function el(name, attrs, parent) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (parent) parent.appendChild(e);
    return e;
  }

  // Returns an <svg>; each job is a link to its page, with data-id and data-state for tests.
  function draw(jobs) {
    const depth = layers(jobs);
    const rows = new Map();
    const pos = new Map();
    for (const j of jobs) {
      const col = depth.get(j.id);
      const row = rows.get(col) || 0;
      rows.set(col, row + 1);
      pos.set(j.id, { x: PAD + col * (W + GAP_X), y: PAD + row * (H + GAP_Y) });
    }
    const width = PAD * 2 + (Math.max(0, ...depth.values()) + 1) * (W + GAP_X) - GAP_X;
    const height = PAD * 2 + Math.max(1, ...rows.values()) * (H + GAP_Y) - GAP_Y;
    const svg = el('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'group',
      'aria-label': 'DAG of ' + jobs.length + ' jobs' });
    for (const j of jobs) {
      for (const p of j.parents) {
        if (!pos.has(p)) continue;
        const a = pos.get(p), b = pos.get(j.id);
        const mid = (a.x + W + b.x) / 2;
        el('path', { class: 'edge', d: `M${a.x + W},${a.y + H / 2} C${mid},${a.y + H / 2} ${mid},${b.y + H / 2} `
          + `${b.x},${b.y + H / 2}` }, svg);
      }
    }
    for (const j of jobs) {
      const { x, y } = pos.get(j.id);
      const link = el('a', { href: '#/job/' + j.id, class: 'dag-job', 'data-id': j.id, 'data-state': j.state,
        'aria-label': (j.name || j.id) + ': ' + j.state }, svg);
      el('rect', { x, y, width: W, height: H, rx: 6, class: 'st-' + j.state }, link);
      const name = el('text', { x: x + 8, y: y + 16 }, link);
      name.textContent = (j.name || j.id).slice(0, 20);
      const state = el('text', { x: x + 8, y: y + 32 }, link);
      state.textContent = j.state;
    }
    return svg;
  }

  return { draw };
})();
