'use strict';
// The session view (#session/SYMBOL/DATE): one symbol's session as the coordinator delivered it, from
// /api/store/session: candles of the chosen interval (candles.js) over a volume pane, the missing, filled and
// synthetic minutes marked on the time axis and listed, the session's figures and the trailing sessions.
// Read-only test hook: window.sfSession = {symbol, date, interval, marks, counts, figures} once drawn, and the
// element #session-view carries data-rendered.
sf.view('session', (function () {
  let root;
  let charts = [];
  const INTERVALS = [1, 5, 15, 30, 60];

  function build() {
    root = document.getElementById('view-session');
    const form = sf.el('form', {class: 'filters', id: 'session-form', onsubmit: e => { e.preventDefault(); go(); }},
      sf.el('label', {}, 'symbol ', sf.el('input', {id: 'session-symbol', size: 8})),
      sf.el('label', {}, 'date ', sf.el('input', {id: 'session-date', type: 'date'})),
      sf.el('label', {}, 'interval ', sf.el('select', {id: 'session-interval', onchange: go},
        INTERVALS.map(i => sf.el('option', {value: i}, i + 'm'))), ''),
      sf.el('button', {type: 'submit'}, 'show'));
    root.append(form, sf.el('div', {id: 'session-status'}), sf.el('div', {id: 'session-view'}));
    document.getElementById('session-interval').value = '5';
  }

  function go() {
    const s = document.getElementById('session-symbol').value.trim().toUpperCase();
    const d = document.getElementById('session-date').value;
    const i = document.getElementById('session-interval').value;
    if (s && d) location.hash = '#session/' + encodeURIComponent(s) + '/' + d + '/' + i;
  }

  async function load(symbol, date, interval) {
    const status = document.getElementById('session-status');
    const view = document.getElementById('session-view');
    view.dataset.rendered = 'false';
    charts.forEach(c => c.destroy());
    charts = [];
    view.replaceChildren();
    status.textContent = 'replaying ' + symbol + ' ' + date + ' through the coordinator...';
    status.classList.remove('error');
    try {
      const r = await sf.get('/api/store/session?' + new URLSearchParams({symbol, date, interval}));
      status.textContent = r.symbol + ' ' + r.date + ', ' + (r.interval === 1 ? '1m' : r.interval + 'm')
        + ' candles; times in ' + r.zoneLabel + ' (' + r.zone + ')';
      render(view, r);
    } catch (e) {
      status.textContent = e.message;
      status.classList.add('error');
    }
  }

  function render(view, r) {
    const s = r.interval === 1 ? r.bars : r.derived;
    const tzDate = ts => uPlot.tzDate(new Date(ts * 1e3), r.zone);
    const width = Math.max(600, Math.min(1000, (root.clientWidth || 1200) - 420));
    const priceBox = sf.el('div', {class: 'chart', id: 'session-price'});
    const volumeBox = sf.el('div', {class: 'chart', id: 'session-volume'});
    const side = sf.el('div', {class: 'session-side'}, figures(r), trailing(r));
    view.append(sf.el('div', {class: 'session-layout'},
      sf.el('div', {}, priceBox, volumeBox, markLegend(r), markList(r)), side));
    const open = Date.parse(r.open) / 1000;
    const close = Date.parse(r.close) / 1000;
    const x = {time: true, range: () => [open, close]};
    const sync = {key: 'session', setSeries: false};
    const hidden = {paths: () => null, points: {show: false}};
    charts.push(new uPlot({width, height: 320, tzDate, scales: {x}, cursor: {sync}, legend: {show: true},
      plugins: [sfCandles.plugin(r.marks, 60)],
      series: [{label: 'time (' + r.zoneLabel + ')'}, Object.assign({label: 'open'}, hidden),
        Object.assign({label: 'high'}, hidden), Object.assign({label: 'low'}, hidden),
        Object.assign({label: 'close'}, hidden)],
      axes: [{}, {label: 'price', size: 60}]}, [s.time, s.open, s.high, s.low, s.close], priceBox));
    charts.push(new uPlot({width, height: 130, tzDate, scales: {x}, cursor: {sync}, legend: {show: false},
      series: [{}, {label: 'volume', fill: 'rgba(80,110,160,0.5)', stroke: 'rgba(80,110,160,0.9)',
        paths: uPlot.paths.bars({size: [0.7, 24]}), points: {show: false}}],
      axes: [{label: 'time (' + r.zoneLabel + ', ' + r.zone + ')'}, {label: 'volume', size: 60,
        splits: (u, i, min, max) => [0, max / 2, max],
        values: (u, vals) => vals.map(v => v >= 1e6 ? (v / 1e6).toFixed(1) + 'M' : v >= 1e3 ? (v / 1e3).toFixed(1) + 'k'
          : Math.round(v))}]},
    [s.time, s.volume], volumeBox));
    window.sfSession = Object.freeze({symbol: r.symbol, date: r.date, interval: r.interval, marks: r.marks,
      counts: r.counts, figures: r.figures});
    view.dataset.rendered = 'true';
  }

  function markLegend(r) {
    return sf.el('div', {class: 'legend', id: 'session-legend'}, 'marked minutes: ',
      Object.entries(sfCandles.MARK_COLOURS).map(([k, c]) => sf.el('span', {class: 'swatch-item'},
        sf.el('span', {class: 'swatch', style: 'background:' + c}), k + ' ',
        sf.el('b', {id: 'count-' + k}, r.counts[k] || 0))));
  }

  function markList(r) {
    const items = r.marks.map(m => sf.el('li', {class: 'mark ' + m.kind, 'data-kind': m.kind, 'data-time': m.time},
      m.local + ' ' + m.kind));
    return sf.el('details', {class: 'marks'}, sf.el('summary', {}, r.marks.length + ' marked minutes (' + r.zoneLabel
      + ')'), sf.el('ol', {id: 'session-marks'}, items));
  }

  function figures(r) {
    const f = r.figures;
    const rows = [['expected', f.expected], ['present', f.present], ['missing', f.missing], ['filled', f.filled],
      ['confirmed missing', f.confirmedMissing], ['synthetic', f.synthetic], ['quality', f.quality.toFixed(2) + '%']];
    return sf.el('table', {class: 'figures', id: 'session-figures'}, sf.el('caption', {}, r.symbol + ' ' + r.date),
      rows.map(([k, v]) => sf.el('tr', {'data-figure': k}, sf.el('th', {}, k), sf.el('td', {}, v))));
  }

  function trailing(r) {
    const head = sf.el('tr', {}, ['session', 'expected', 'present', 'missing', 'quality'].map(h => sf.el('th', {}, h)));
    const row = (f, own) => sf.el('tr', {class: own ? 'own' : ''},
      sf.el('td', {}, own ? f.date : sf.el('a', {href: '#session/' + r.symbol + '/' + f.date + '/' + r.interval},
        f.date)), sf.el('td', {}, f.expected), sf.el('td', {}, f.present), sf.el('td', {}, f.missing),
      // A session without any bar (before the symbol's data starts, say) is 0 % by the figures; say why.
      sf.el('td', {title: f.present === 0 ? 'no 1m bar stored for this session' : ''},
        f.quality.toFixed(2) + '%' + (f.present === 0 ? ' (no data)' : '')));
    return sf.el('table', {class: 'figures', id: 'session-trailing'},
      sf.el('caption', {}, 'trailing sessions'), head, r.trailing.map(f => row(f, false)), row(r.figures, true));
  }

  return {
    show(args) {
      if (!root) {
        build();
      }
      const [symbol, date, interval] = args;
      if (symbol) document.getElementById('session-symbol').value = symbol;
      if (date) document.getElementById('session-date').value = date;
      if (interval) document.getElementById('session-interval').value = interval;
      if (symbol && date) {
        load(symbol.toUpperCase(), date, interval || document.getElementById('session-interval').value);
      } else {
        document.getElementById('session-status').textContent = 'click a cell of the store heatmap, or pick a '
          + 'symbol and a date';
      }
    },
  };
})());
