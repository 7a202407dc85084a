'use strict';
// Two small inline SVG charts: the cluster's throughput (jobs finished per interval) and a job's
// attempts on a time line. Colours come from classes in app.css: the page's Content-Security-Policy
// refuses style attributes.
const Charts = (() => {
  const NS = 'http://www.w3.org/2000/svg';

  function el(name, attrs, parent, text) {
    const e = document.createElementNS(NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  const clock = ms => new Date(ms).toLocaleTimeString();

  // Jobs finished per interval, oldest first, as the nodes count them (every node's intervals are
  // aligned to the epoch, so their counts add up); the last interval, in progress, ends at `end`.
  // data-total is what the bars add up to.
  function throughput(counts, end, bucketMs) {
    const buckets = counts.length, start = end - bucketMs * buckets;
    const W = 600, H = 120, PAD = 18, barW = (W - PAD * 2) / buckets;
    const total = counts.reduce((a, b) => a + b, 0);
    const top = Math.max(1, ...counts);
    const svg = el('svg', { id: 'throughput', class: 'chart', viewBox: `0 0 ${W} ${H + PAD * 2}`, role: 'img',
      'data-total': total, 'aria-label': `${total} jobs finished in the last ${Math.round(bucketMs * buckets / 60000)} minutes` });
    el('line', { class: 'axis', x1: PAD, x2: W - PAD, y1: PAD + H, y2: PAD + H }, svg);
    el('text', { class: 'label', x: PAD, y: PAD - 5 }, svg, `${top} per ${bucketMs / 1000} s`);
    el('text', { class: 'label', x: PAD, y: H + PAD * 2 - 3 }, svg, clock(start));
    el('text', { class: 'label end', x: W - PAD, y: H + PAD * 2 - 3 }, svg, 'now');
    for (let i = 0; i < buckets; i++) {
      const x = PAD + i * barW + 1, barH = H * counts[i] / top;
      const g = el('g', { class: 'bucket', 'data-finished': counts[i] }, svg);
      el('title', {}, g, `${clock(start + i * bucketMs)}: ${counts[i]} finished`);
      if (counts[i]) el('rect', { class: 'st-SUCCEEDED', x, y: PAD + H - barH, width: barW - 2, height: barH }, g);
    }
    return svg;
  }

  // The nodes' published counts added up, aligned by the end of each node's newest interval.
  function clusterThroughput(nodes) {
    const withCounts = nodes.filter(n => n.throughput && n.throughput.end && n.throughput.finished.length);
    if (!withCounts.length) return null;
    const bucketMs = withCounts[0].throughput.intervalSeconds * 1000, size = withCounts[0].throughput.finished.length;
    const end = Math.max(...withCounts.map(n => Date.parse(n.throughput.end)));
    const counts = new Array(size).fill(0);
    for (const n of withCounts) {
      const shift = Math.round((end - Date.parse(n.throughput.end)) / bucketMs); // a node that published earlier
      n.throughput.finished.forEach((c, i) => { if (i - shift >= 0) counts[i - shift] += c; });
    }
    return throughput(counts, end, bucketMs);
  }

  // One row per attempt: which node, from its start to its end (or now, while it runs), coloured by
  // its outcome, with the exit code; the time axis spans the first start to the last end.
  function attempts(record, now) {
    const list = record.attempts;
    const W = 600, ROW = 26, LEFT = 130, PAD = 8;
    const begin = Math.min(...list.map(a => Date.parse(a.startedAt)));
    const end = Math.max(begin + 1, ...list.map(a => (a.finishedAt ? Date.parse(a.finishedAt) : now)));
    const scale = (W - LEFT - PAD - 150) / (end - begin);
    const svg = el('svg', { id: 'attempts-timeline', class: 'chart', viewBox: `0 0 ${W} ${list.length * ROW + PAD * 2 + 14}`,
      role: 'img', 'aria-label': `${list.length} attempts from ${clock(begin)} to ${clock(end)}` });
    list.forEach((a, i) => {
      const y = PAD + i * ROW;
      const from = Date.parse(a.startedAt), to = a.finishedAt ? Date.parse(a.finishedAt) : now;
      const outcome = a.outcome || 'RUNNING';
      const g = el('g', { class: 'attempt', 'data-attempt': a.attempt, 'data-node': a.node || '',
        'data-outcome': outcome, 'data-exit': a.exitCode ?? '' }, svg);
      el('title', {}, g, `attempt ${a.attempt} on ${a.node}: ${clock(from)} to ${a.finishedAt ? clock(to) : 'now'}, `
        + outcome + (a.exitCode === null || a.exitCode === undefined ? '' : ', exit ' + a.exitCode));
      el('text', { class: 'label', x: 0, y: y + 16 }, g, `#${a.attempt} ${a.node || ''}`.slice(0, 20));
      const x = LEFT + (from - begin) * scale;
      const width = Math.max(3, (to - from) * scale);
      el('rect', { class: 'st-' + outcome, x, y: y + 3, width, height: ROW - 8, rx: 3 }, g);
      el('text', { class: 'label', x: x + width + 6, y: y + 16 }, g,
        outcome + (a.exitCode === null || a.exitCode === undefined ? '' : ' exit ' + a.exitCode)
        + ' ' + ((to - from) / 1000).toFixed(1) + ' s');
    });
    const axisY = PAD + list.length * ROW + 10;
    el('text', { class: 'label', x: LEFT, y: axisY }, svg, clock(begin));
    el('text', { class: 'label end', x: W - PAD - 150, y: axisY }, svg, clock(end));
    return svg;
  }

  return { throughput, clusterThroughput, attempts };
})();
