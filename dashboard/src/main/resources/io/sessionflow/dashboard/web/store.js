'use strict';
// The store view (#store): filters, the heatmap of symbols x sessions (heatmap.js) and its legend.
// A click on a cell opens #session/SYMBOL/DATE.
sf.view('store', (function () {
  let root;
  let timer;
  const inputs = {};

  function build() {
    root = document.getElementById('view-store');
    const field = (name, label, attrs) => {
      inputs[name] = sf.el('input', Object.assign({id: 'store-' + name, name}, attrs));
      inputs[name].addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(load, 300); });
      return sf.el('label', {}, label + ' ', inputs[name]);
    };
    root.append(sf.el('form', {class: 'filters', onsubmit: e => { e.preventDefault(); load(); }},
      field('symbols', 'symbols', {placeholder: 'SPY,IBM (all)', size: 24}),
      field('from', 'from', {type: 'date'}), field('to', 'to', {type: 'date'}),
      field('q', 'search', {type: 'search', placeholder: 'symbol contains', size: 14})),
    sf.el('div', {id: 'store-summary'}), sfHeat.legend(),
    sf.el('div', {class: 'heatmap-box'}, sf.el('canvas', {id: 'heatmap'})),
    sf.el('div', {id: 'heatmap-tip', class: 'tip', hidden: ''}));
  }

  async function load() {
    const params = new URLSearchParams();
    ['symbols', 'from', 'to', 'q'].forEach(k => { if (inputs[k].value) params.set(k, inputs[k].value); });
    const summary = document.getElementById('store-summary');
    const canvas = document.getElementById('heatmap');
    canvas.dataset.rendered = 'false';
    try {
      const t0 = performance.now();
      const data = await sf.get('/api/store/heatmap?' + params);
      const apiMs = performance.now() - t0;
      summary.textContent = data.rows.length + ' symbols x ' + data.sessions.length + ' sessions with 1m bars, '
        + (data.from || '') + ' to ' + (data.to || '') + ' (' + data.calendar + ', dates in ' + data.zone + ')';
      summary.classList.remove('error');
      sfHeat.draw(canvas, document.getElementById('heatmap-tip'), data, root.clientWidth || 1200,
        cell => { location.hash = '#session/' + encodeURIComponent(cell.symbol) + '/' + cell.date; });
      window.sfHeatmapApiMs = apiMs;
    } catch (e) {
      summary.textContent = e.message;
      summary.classList.add('error');
    }
  }

  return {
    show() {
      if (!root) {
        build();
      }
      load();
    },
  };
})());
