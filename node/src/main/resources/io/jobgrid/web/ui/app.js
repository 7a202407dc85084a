'use strict';
// The dashboard: a hash router (#/cluster, #/jobs, #/job/ID, #/dag/ID, #/vectors, #/schedules) and one function
// per page. Pages build DOM with h() (text is never parsed as HTML) and re-read what they show when
// a job event arrives, so they stay live without reloading.
const STATES = ['WAITING', 'QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'SKIPPED'];
const ENDED = new Set(['SUCCEEDED', 'FAILED', 'TIMED_OUT', 'CANCELLED', 'SKIPPED']);
const main = document.getElementById('main');
let page = { onEvent: () => {}, stop: () => {} };

function h(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (v !== null && v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) e.append(c instanceof Node ? c : String(c ?? ''));
  return e;
}
const badge = state => h('span', { class: 'badge st-' + state, 'data-state': state }, state);
const jobLink = j => h('a', { href: '#/job/' + j.id }, j.name || j.id);
const time = t => (t ? new Date(t).toLocaleTimeString() : '');
const mib = b => (b / 1048576).toFixed(0) + '\u00a0MiB';
const table = (heads, rows) => h('div', { class: 'scroll' }, h('table', {},
  h('thead', {}, h('tr', {}, heads.map(x => h('th', { scope: 'col' }, x)))), h('tbody', {}, rows)));

function debounce(fn, ms) {
  let timer = null;
  return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
}

// Each route() is a new visit; a page's late answers and refreshes are dropped once the user moved on.
let visit = 0;
function refresher(draw, ms) {
  const mine = visit;
  return debounce(() => { if (mine === visit) draw().catch(fail); }, ms);
}
function show(mine, ...children) {
  if (mine === visit) replaceKeepingFocus(main, children);
}

// Live pages re-render often; whoever moves by keyboard keeps their place (same id, link or field).
function replaceKeepingFocus(box, children) {
  const was = document.activeElement;
  const key = was && box.contains(was) && was !== box
    ? ['id', 'href', 'name'].map(a => was.getAttribute(a) && `[${a}="${CSS.escape(was.getAttribute(a))}"]`).find(Boolean)
    : null;
  box.replaceChildren(...children);
  const again = key && box.querySelector(key);
  if (again) again.focus();
}

function fail(e) {
  if (e instanceof Api.ApiError && e.status === 401) return login('');
  const box = main.querySelector('.page-error') || main.appendChild(h('p', { class: 'error page-error', role: 'alert' }));
  box.textContent = e.status === 403 ? 'Refused: ' + e.message : String(e.message);
}

// ---- pages --------------------------------------------------------------------------------------

async function cluster() {
  const mine = visit;
  const draw = async () => {
    const [nodes, jobs] = await Promise.all([Api.get('/api/v1/nodes'), Api.get('/api/v1/jobs?limit=1000')]);
    const since = Date.now() - 5 * 60 * 1000;
    const recent = jobs.body.filter(j => j.finishedAt && Date.parse(j.finishedAt) >= since);
    const counts = STATES.map(s => h('li', {}, badge(s), ' ', h('span', { 'data-count': s },
      jobs.body.filter(j => j.state === s).length)));
    show(mine, h('h1', {}, 'Cluster'),
      h('h2', {}, 'Nodes (', h('span', { id: 'node-count' }, nodes.body.length), ')'),
      table(['Node', 'Tags', 'Slots used / free', 'CPU', 'Heap used / max', 'Draining'], nodes.body.map(n =>
        h('tr', { class: 'node-row' }, h('td', {}, h('a', { href: '#/jobs?node=' + encodeURIComponent(n.name) }, n.name)),
          h('td', {}, Object.entries(n.tags).map(([k, v]) => k + '=' + v).join(' ')),
          h('td', {}, n.running + ' / ' + Math.max(0, n.slots - n.running)),
          h('td', {}, n.cpuLoad < 0 ? '' : Math.round(n.cpuLoad * 100) + '%'),
          h('td', {}, mib(n.heapUsedBytes) + ' / ' + mib(n.heapMaxBytes)),
          h('td', {}, n.draining ? 'draining' : 'no')))),
      h('h2', {}, 'Jobs by state (newest 1000)'), h('ul', { class: 'counts' }, counts),
      h('p', {}, 'Finished in the last 5 minutes: ', h('span', { id: 'finished-recently' }, recent.length),
        ' (', recent.filter(j => j.state !== 'SUCCEEDED').length, ' not succeeded)'),
      h('h2', {}, 'Throughput: jobs finished per 30 s, last 10 minutes'),
      Charts.clusterThroughput(nodes.body) || h('p', { class: 'muted' }, 'No node has published its counts yet.'));
  };
  await draw();
  const refresh = refresher(draw, 300);
  const timer = setInterval(refresh, 5000); // CPU and heap change without events
  return { onEvent: refresh, stop: () => clearInterval(timer) };
}

// The list is filtered by the node (state, node, name, creation time), so every page of a filtered
// listing is full and "Older" continues the same filter; the hash holds the filters as the API takes them.
const FILTERS = ['state', 'node', 'name', 'createdAfter', 'createdBefore', 'before'];
async function jobs(params) {
  const q = new URLSearchParams(params);
  const api = new URLSearchParams({ limit: q.get('limit') || '50' });
  for (const k of FILTERS) if (q.get(k)) api.set(k, q.get(k));
  const mine = visit;
  const list = h('div', { id: 'job-list' });
  // The filters are drawn once (so typing is never interrupted); only the list is live.
  const draw = async () => {
    const answer = await Api.get('/api/v1/jobs?' + api);
    replaceKeepingFocus(list, [
      table(['Job', 'State', 'Node', 'Attempt', 'Created'], answer.body.map(j => h('tr', { class: 'job-row', 'data-id': j.id },
        h('td', {}, jobLink(j)), h('td', {}, badge(j.state)), h('td', {}, j.node || ''), h('td', {}, j.attempt),
        h('td', {}, time(j.createdAt))))),
      answer.body.length ? '' : h('p', { class: 'muted', id: 'no-jobs' }, 'No jobs match.'),
      h('div', { class: 'actions' },
        q.get('before') ? h('a', { href: '#/jobs?' + withParam(q, 'before', null) }, 'Newest') : '',
        answer.next ? h('a', { href: '#/jobs?' + withParam(q, 'before', answer.next), id: 'older' }, 'Older') : '')]);
  };
  await draw();
  show(mine, h('h1', {}, 'Jobs'),
    h('form', { class: 'filters', role: 'search', onsubmit: ev => { ev.preventDefault(); filterJobs(ev.target, q); } },
      h('label', {}, 'State', h('select', { name: 'state' }, h('option', { value: '' }, 'any'),
        STATES.map(s => h('option', { value: s, selected: s === q.get('state') }, s)))),
      h('label', {}, 'Name contains', h('input', { name: 'name', value: q.get('name') || '' })),
      h('label', {}, 'Node', h('input', { name: 'node', value: q.get('node') || '' })),
      h('label', {}, 'Created after', h('input', { name: 'createdAfter', type: 'datetime-local', step: 1,
        value: localInput(q.get('createdAfter')) })),
      h('label', {}, 'Created before', h('input', { name: 'createdBefore', type: 'datetime-local', step: 1,
        value: localInput(q.get('createdBefore')) })),
      h('button', { type: 'submit' }, 'Filter')),
    h('form', { class: 'filters', onsubmit: openById },
      h('label', {}, 'Job id', h('input', { name: 'jobId', required: true })), h('button', { type: 'submit' }, 'Open')),
    list);
  const refresh = refresher(draw, 300);
  return { onEvent: () => { if (!q.get('before')) refresh(); }, stop: () => {} };
}

// A new filter starts from the newest page; times typed in local time go to the API as instants.
function filterJobs(form, q) {
  const next = new URLSearchParams();
  for (const [k, v] of new FormData(form)) {
    if (!v) continue;
    next.set(k, k.startsWith('created') ? new Date(v).toISOString() : v);
  }
  if (q.get('limit')) next.set('limit', q.get('limit'));
  location.hash = '#/jobs?' + next;
}

// An instant as a datetime-local input shows it: local time, to the second.
function localInput(iso) {
  if (!iso || isNaN(Date.parse(iso))) return '';
  const d = new Date(iso);
  const two = n => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:`
    + two(d.getSeconds());
}

function openById(ev) {
  ev.preventDefault();
  location.hash = '#/job/' + encodeURIComponent(ev.target.elements.jobId.value.trim());
}

function withParam(q, key, value) {
  const copy = new URLSearchParams(q);
  if (value) copy.set(key, value); else copy.delete(key);
  return copy;
}

async function job(id) {
  const mine = visit;
  const j = (await Api.get('/api/v1/jobs/' + encodeURIComponent(id))).body;
  const output = h('pre', { id: 'output', 'aria-live': 'off', tabindex: 0 });
  const cancel = h('button', { class: 'danger', id: 'cancel', disabled: ENDED.has(j.state), onclick: async () => {
    try { await Api.post(`/api/v1/jobs/${j.id}/cancel`); } catch (e) { fail(e); }
  } }, 'Cancel');
  const retry = h('button', { id: 'retry', onclick: async () => {
    try { location.hash = '#/job/' + (await Api.post('/api/v1/jobs', resubmittable(j.spec))).id; } catch (e) { fail(e); }
  } }, 'Submit again');
  const details = h('div', { id: 'job-details' });
  const drawDetails = record => details.replaceChildren(
    h('dl', {}, h('dt', {}, 'Id'), h('dd', {}, record.id), h('dt', {}, 'Node'), h('dd', {}, record.node || ''),
      h('dt', {}, 'Exit code'), h('dd', {}, record.exitCode ?? ''), h('dt', {}, 'Error'), h('dd', {}, record.error || '')),
    h('h2', {}, 'Attempts'),
    record.attempts.length ? Charts.attempts(record, Date.now()) : h('p', { class: 'muted' }, 'Not started yet.'),
    table(['#', 'Node', 'Started', 'Finished', 'Outcome', 'Exit', 'Error'], record.attempts.map(a => h('tr', {},
      h('td', {}, a.attempt), h('td', {}, a.node || ''), h('td', {}, time(a.startedAt)), h('td', {}, time(a.finishedAt)),
      h('td', {}, a.outcome), h('td', {}, a.exitCode ?? ''),
      h('td', {}, a.error || '')))));
  drawDetails(j);
  // Output exists once an attempt started: a job still waiting or queued has none to follow yet.
  // Both streams interleaved by default; the select shows one (stderr in its own colour).
  let abort = new AbortController();
  let following = false;
  let stream = '';
  let latest = j;
  const follow = record => {
    latest = record;
    if (following || !record.attempts.length) return;
    following = true;
    const signal = abort.signal;
    const only = stream ? '&stream=' + stream : '';
    Api.stream(`/api/v1/jobs/${j.id}/logs?follow=${!ENDED.has(record.state)}${only}`,
      t => { if (!signal.aborted) append(output, t); }, signal)
      .catch(e => { if (e.name !== 'AbortError') fail(e); });
  };
  const pick = h('select', { id: 'output-stream', 'aria-label': 'Which output', onchange: ev => {
    stream = ev.target.value;
    abort.abort();
    abort = new AbortController();
    following = false;
    output.replaceChildren();
    output.classList.toggle('stderr', stream === 'stderr');
    follow(latest);
  } }, h('option', { value: '' }, 'stdout and stderr'), h('option', { value: 'stdout' }, 'stdout only'),
    h('option', { value: 'stderr' }, 'stderr only'));
  show(mine, h('h1', {}, 'Job ', j.name || j.id, ' ', h('span', { id: 'job-state' }, badge(j.state))),
    h('div', { class: 'actions' }, cancel, retry,
      j.parents.length || j.children.length ? h('a', { href: '#/dag/' + j.id }, 'Show its DAG') : ''),
    details, h('h2', {}, 'Output ', pick), output, h('h2', {}, 'Spec'), h('pre', {}, JSON.stringify(j.spec, null, 2)));
  follow(j);
  const reread = refresher(async () => {
    const now = (await Api.get('/api/v1/jobs/' + j.id)).body;
    document.getElementById('job-state').replaceChildren(badge(now.state));
    cancel.disabled = ENDED.has(now.state);
    drawDetails(now);
    follow(now);
  }, 200);
  return { onEvent: (name, e) => { if (e.id === j.id || name === 'dropped') reread(); }, stop: () => abort.abort() };
}

// Adds output; a reader at the bottom stays at the bottom, one who scrolled up is left where they are.
function append(pre, text) {
  const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
  pre.append(text);
  if (atBottom) pre.scrollTop = pre.scrollHeight;
}

// The spec as POST /api/v1/jobs takes it: without nulls and without the idempotency key, which would
// answer the old job instead of a new one.
function resubmittable(spec) {
  const copy = Object.fromEntries(Object.entries(spec).filter(([k, v]) => v !== null && k !== 'idempotencyKey'));
  if (copy.dependsOn && !copy.dependsOn.length) delete copy.dependsOn;
  return copy;
}

async function dag(id) {
  const mine = visit;
  let ids = new Set();
  const draw = async () => {
    const d = (await Api.get(`/api/v1/jobs/${encodeURIComponent(id)}/dag`)).body;
    const open = d.jobs.filter(j => !ENDED.has(j.state));
    ids = new Set(d.jobs.map(j => j.id));
    show(mine, h('h1', {}, 'DAG of ', d.jobs.length, ' jobs ', d.complete ? '(ended)' : '(running)'),
      h('div', { class: 'actions' }, h('button', { class: 'danger', id: 'cancel-dag', disabled: !open.length,
        onclick: () => cancelDag(open) }, 'Cancel the DAG'), h('a', { href: '#/job/' + id }, 'Back to the job')),
      h('div', { class: 'dag' }, Dag.draw(d.jobs)));
  };
  await draw();
  const refresh = refresher(draw, 200);
  return { onEvent: (name, e) => { if (ids.has(e.id) || name === 'dropped') refresh(); }, stop: () => {} };
}

// Cancels, with cascade, every unfinished job none of whose parents is unfinished: that reaches all.
async function cancelDag(open) {
  const openIds = new Set(open.map(j => j.id));
  for (const j of open.filter(o => !o.parents.some(p => openIds.has(p)))) {
    try { await Api.post(`/api/v1/jobs/${j.id}/cancel?cascade=true`); } catch (e) { fail(e); }
  }
}

async function vectors() {
  const mine = visit;
  const list = (await Api.get('/api/v1/vectors')).body;
  show(mine, h('h1', {}, 'Vectors'), list.length ? table(['Name', 'Size', 'Chunks', 'Version', 'State'],
    list.map(v => h('tr', {}, h('td', {}, v.name), h('td', {}, v.size.toLocaleString()), h('td', {}, v.chunks),
      h('td', {}, v.version), h('td', {}, v.state)))) : h('p', { class: 'muted' }, 'No vectors.'));
  return { onEvent: () => {}, stop: () => {} };
}

// Recurring schedules: when each fires, its last fire and job, its next fire; pause and resume.
async function schedules() {
  const mine = visit;
  const draw = async () => {
    const list = (await Api.get('/api/v1/schedules')).body;
    show(mine, h('h1', {}, 'Schedules'), list.length ? table(['Name', 'When', 'Overlap', 'Last fire', 'Last job',
      'Next fire', ''], list.map(s => h('tr', { class: 'schedule-row', 'data-id': s.id },
      h('td', {}, s.name || s.id), h('td', {}, s.cron ? `cron ${s.cron} (${s.timezone})` : `every ${s.every}`),
      h('td', {}, s.overlap), h('td', {}, time(s.lastFireTime)),
      h('td', {}, s.lastJob ? h('a', { href: '#/job/' + s.lastJob }, s.lastJob) : ''),
      h('td', {}, s.paused ? 'paused' : time(s.nextFireTime)),
      h('td', {}, h('button', { class: 'pause', onclick: () => toggle(s) }, s.paused ? 'Resume' : 'Pause')))))
      : h('p', { class: 'muted' }, 'No schedules.'));
  };
  const toggle = async s => {
    try {
      await Api.post(`/api/v1/schedules/${encodeURIComponent(s.id)}/${s.paused ? 'resume' : 'pause'}`);
      await draw();
    } catch (e) { fail(e); }
  };
  await draw();
  const refresh = refresher(draw, 300);
  const timer = setInterval(refresh, 5000); // next fire times move on without events
  return { onEvent: refresh, stop: () => clearInterval(timer) };
}

// ---- routing, sign-in and the live event stream ------------------------------------------------

async function route() {
  visit++;
  page.stop();
  // Events that arrive while the new page reads its first state may be newer than what it read:
  // note them, and let the page re-read once it is in place.
  let missed = false;
  page = { onEvent: () => { missed = true; }, stop: () => {} };
  const [path, query] = location.hash.slice(1).split('?');
  const parts = path.split('/').filter(Boolean);
  const section = '#/' + (parts[0] === 'job' || parts[0] === 'dag' ? 'jobs' : parts[0] || 'cluster');
  document.querySelectorAll('nav a').forEach(a => {
    if (a.getAttribute('href') === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  const mine = visit;
  let next;
  if (parts[0] === 'jobs') next = await jobs(query || '');
  else if (parts[0] === 'job') next = await job(parts[1]);
  else if (parts[0] === 'dag') next = await dag(parts[1]);
  else if (parts[0] === 'vectors') next = await vectors();
  else if (parts[0] === 'schedules') next = await schedules();
  else next = await cluster();
  if (mine !== visit) return next.stop(); // the user moved on while this page loaded
  page = next;
  if (missed) page.onEvent('dropped', {});
}

function login(message) {
  visit++;
  signedIn = false;
  if (live) live.abort();
  page.stop();
  Api.clearToken();
  main.replaceChildren(document.getElementById('login').content.cloneNode(true));
  const form = main.querySelector('form');
  form.querySelector('.error').textContent = message;
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    Api.setToken(form.token.value);
    try {
      await Api.get('/api/v1/nodes');
      start();
    } catch (e) {
      login(e.status === 401 ? 'That token was refused.' : e.message);
    }
  });
  form.token.focus();
}

let live = null;
let signedIn = false;
function connect() {
  if (live || !signedIn) return;
  live = new AbortController();
  const status = document.getElementById('live');
  Api.events((name, e) => {
    if (name === 'hello') {
      status.textContent = 'live';
      status.classList.add('on');
      page.onEvent('dropped', {}); // what changed before the stream (re)connected was not heard: re-read
    } else {
      page.onEvent(name, e); // job, member, or dropped (events were lost: pages re-read on any event)
    }
  }, live.signal).catch(() => {}).finally(() => {
    live = null;
    status.textContent = 'offline';
    status.classList.remove('on');
    setTimeout(connect, 3000); // the node restarted or the stream was cut: come back (once signed in)
  });
}

function start() {
  signedIn = true;
  route().then(connect).catch(routeFailed);
}

// A page that could not be shown (an unknown id, a node going away) says so instead of the old page.
function routeFailed(e) {
  if (e instanceof Api.ApiError && e.status === 401) return login('');
  main.replaceChildren(h('h1', {}, 'Cannot show this page'), h('p', { class: 'error page-error', role: 'alert' },
    e.message), h('p', {}, h('a', { href: '#/cluster' }, 'Back to the cluster')));
}

window.addEventListener('hashchange', () => route().catch(routeFailed));
start();
