'use strict';
// The dashboard's only door to the node: its public REST API. The token the user typed is kept in
// this tab's sessionStorage and sent as an Authorization header, never in a URL. Streams (the
// event stream, logs?follow) are read with fetch rather than EventSource, which cannot send headers.
const Api = (() => {
  const KEY = 'jobgrid.token';
  class ApiError extends Error {
    constructor(status, body) {
      super((body && body.error) || ('HTTP ' + status));
      this.status = status;
    }
  }

  function headers(extra) {
    const h = Object.assign({}, extra);
    const token = sessionStorage.getItem(KEY);
    if (token) h.Authorization = 'Bearer ' + token;
    return h;
  }

  async function send(method, path, body, signal) {
    const init = { method, headers: headers(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      signal, cache: 'no-store' };
    if (body !== undefined) init.body = JSON.stringify(body);
    const res = await fetch(path, init);
    if (!res.ok) {
      const text = await res.text();
      let parsed = null;
      try { parsed = JSON.parse(text); } catch (e) { parsed = { error: text }; }
      throw new ApiError(res.status, parsed);
    }
    return res;
  }

  async function get(path) {
    const res = await send('GET', path);
    return { body: await res.json(), next: res.headers.get('X-Jobgrid-Next') };
  }

  async function post(path, body) {
    return (await send('POST', path, body)).json();
  }

  // Reads a streaming answer, handing each decoded chunk to onText, until it ends or signal aborts.
  async function stream(path, onText, signal) {
    const res = await send('GET', path, undefined, signal);
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      onText(decoder.decode(value, { stream: true }));
    }
  }

  // The cluster's event stream (text/event-stream), parsed by hand: onEvent(name, data).
  async function events(onEvent, signal) {
    let buffer = '';
    await stream('/api/v1/events', text => {
      buffer += text;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        let name = 'message';
        let data = '';
        for (const line of block.split('\n')) {
          if (line.startsWith('event: ')) name = line.slice(7);
          else if (line.startsWith('data: ')) data += line.slice(6);
        }
        if (data) onEvent(name, JSON.parse(data));
      }
    }, signal);
  }

  return {
    ApiError, get, post, stream, events,
    setToken: t => sessionStorage.setItem(KEY, t),
    clearToken: () => sessionStorage.removeItem(KEY),
  };
})();
