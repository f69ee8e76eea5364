'use strict';
// Shared by the views: the API client (with the token for changes), hash routing and small formatters.
// Views register with sf.view(name, {show(args)}); the hash is #name/arg1/arg2 (#session/SHY/2008-03-07).
// The token comes once in the address as #token=..., printed by `sessionflow serve`; it is kept in this tab's
// sessionStorage and removed from the address bar, so it is never sent in a URL.
const sf = (function () {
  const TOKEN_KEY = 'sessionflow-token';
  const views = {};

  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function takeTokenFromHash() {
    const m = /(^#|&)token=([0-9A-Za-z_-]+)/.exec(location.hash);
    if (m) {
      sessionStorage.setItem(TOKEN_KEY, m[2]);
      // #runs/run-1&token=... (replay --dashboard) opens that view; #token=... alone (serve) the store.
      const rest = location.hash.replace(/(^#|&)token=[0-9A-Za-z_-]+/, '').replace(/^#/, '');
      history.replaceState(null, '', location.pathname + location.search + '#' + (rest || 'store'));
    }
    const state = document.getElementById('token-state');
    if (state) {
      state.textContent = token() ? 'controls enabled' : 'read-only (open the address serve printed)';
    }
  }

  async function request(method, path, body) {
    const headers = {'Accept': 'application/json'};
    if (method !== 'GET') {
      headers['X-Sessionflow-Token'] = token() || '';
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const r = await fetch(path, {method, headers, body: body === undefined ? undefined : JSON.stringify(body)});
    const json = await r.json().catch(() => ({error: r.status + ' ' + r.statusText}));
    if (!r.ok) {
      const e = new Error(json.error || (r.status + ' ' + r.statusText));
      e.status = r.status;
      throw e;
    }
    return json;
  }

  function show() {
    takeTokenFromHash();
    const parts = (location.hash || '#store').slice(1).split('/').map(decodeURIComponent);
    const name = views[parts[0]] ? parts[0] : 'store';
    document.querySelectorAll('.view').forEach(v => { v.hidden = v.id !== 'view-' + name; });
    views[name].show(parts.slice(1));
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === 'class') e.className = v; else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v);
    });
    children.flat().forEach(c => e.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return e;
  }

  window.addEventListener('hashchange', show);
  window.addEventListener('DOMContentLoaded', show);

  return {
    get: path => request('GET', path),
    post: (path, body) => request('POST', path, body),
    view: (name, v) => { views[name] = v; },
    el,
    pct: q => (q * 100).toFixed(2) + '%',
    int: n => Number(n).toLocaleString('en-US'),
    token,
  };
})();
