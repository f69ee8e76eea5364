'use strict';
// The heatmap drawn on one <canvas>: symbols (rows) x sessions (columns), a cell's colour its bar quality.
// One canvas and no element per cell, so 500 x 250 cells draw in a few tens of milliseconds.
// Read-only test hook, documented in the README: window.sfHeatmap = {cells, rows, columns, renderedMs, cellCenter}
// (cells row-major: {symbol, date, present, expected, quality}; quality null = no data; cellCenter(row, col) gives the
// cell's centre in CSS pixels relative to the canvas), and the canvas carries data-rows, data-columns, data-rendered.
const sfHeat = (function () {
  const STOPS = [[0, [165, 0, 38]], [50, [244, 109, 67]], [90, [254, 224, 139]], [99, [166, 217, 106]],
    [100, [26, 152, 80]]];
  const NO_DATA = '#e4e4e4';
  const LEFT = 90;
  const TOP = 26;
  const DATE_LABEL = 70;
  const palette = [];  // 1001 colours: quality in tenths of a percent

  for (let i = 0; i <= 1000; i++) {
    const q = i / 10;
    let k = 0;
    while (k < STOPS.length - 2 && q > STOPS[k + 1][0]) k++;
    const [q0, c0] = STOPS[k];
    const [q1, c1] = STOPS[k + 1];
    const t = q1 === q0 ? 0 : Math.min(1, Math.max(0, (q - q0) / (q1 - q0)));
    palette.push('rgb(' + c0.map((c, j) => Math.round(c + (c1[j] - c) * t)).join(',') + ')');
  }

  function colour(quality) {
    return quality === null || quality === undefined ? NO_DATA : palette[Math.round(quality * 10)];
  }

  // Draws `data` (the /api/store/heatmap answer) into `canvas`; `onCell(cell)` on a click.
  function draw(canvas, tip, data, width, onCell) {
    const rows = data.rows.length;
    const cols = data.sessions.length;
    const cw = Math.max(3, Math.min(40, Math.floor((width - LEFT - 10 - DATE_LABEL) / Math.max(1, cols))));
    const ch = Math.max(3, Math.min(20, Math.floor(1800 / Math.max(1, rows))));
    canvas.width = LEFT + cols * cw + 1 + DATE_LABEL;  // room for the last column's date label
    canvas.height = TOP + rows * ch + 1;
    canvas.style.width = canvas.width + 'px';
    canvas.style.height = canvas.height + 'px';
    const ctx = canvas.getContext('2d');
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const cells = new Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      const row = data.rows[r];
      for (let c = 0; c < cols; c++) {
        const q = row.quality[c];
        ctx.fillStyle = colour(q);
        ctx.fillRect(LEFT + c * cw, TOP + r * ch, cw - (cw > 4 ? 1 : 0), ch - (ch > 4 ? 1 : 0));
        cells[r * cols + c] = {symbol: row.symbol, date: data.sessions[c].date, present: row.present[c],
          expected: data.sessions[c].expected, quality: q};
      }
    }
    ctx.fillStyle = '#222';
    ctx.font = '11px system-ui, sans-serif';
    ctx.textBaseline = 'middle';
    const labelEvery = Math.max(1, Math.ceil(13 / ch));
    for (let r = 0; r < rows; r += labelEvery) {
      ctx.fillText(data.rows[r].symbol, 4, TOP + r * ch + ch / 2);
    }
    ctx.textBaseline = 'alphabetic';
    const dateEvery = Math.max(1, Math.ceil(76 / cw));
    for (let c = 0; c < cols; c += dateEvery) {
      ctx.fillRect(LEFT + c * cw, TOP - 5, 1, 5);
      ctx.fillText(data.sessions[c].date, LEFT + c * cw, TOP - 8);
    }
    canvas.dataset.rows = rows;
    canvas.dataset.columns = cols;
    const at = ev => {
      const b = canvas.getBoundingClientRect();
      const c = Math.floor((ev.clientX - b.left - LEFT) / cw);
      const r = Math.floor((ev.clientY - b.top - TOP) / ch);
      return r >= 0 && r < rows && c >= 0 && c < cols ? cells[r * cols + c] : null;
    };
    canvas.onmousemove = ev => {
      const cell = at(ev);
      if (!cell) {
        tip.hidden = true;
        return;
      }
      tip.hidden = false;
      tip.replaceChildren(...tipLines(cell).map(t => sf.el('div', {}, t)));
      tip.style.left = (ev.pageX + 14) + 'px';
      tip.style.top = (ev.pageY + 14) + 'px';
    };
    canvas.onmouseleave = () => { tip.hidden = true; };
    canvas.onclick = ev => {
      const cell = at(ev);
      if (cell) onCell(cell);
    };
    window.sfHeatmap = Object.freeze({cells, rows, columns: cols, renderedMs: performance.now(),
      cellCenter: (r, c) => ({x: LEFT + c * cw + cw / 2, y: TOP + r * ch + ch / 2})});
    canvas.dataset.rendered = 'true';
    performance.mark('sf-heatmap-rendered');
  }

  function tipLines(cell) {
    const head = cell.symbol + ' · ' + cell.date;
    if (cell.quality === null) {
      return [head, 'no data (no 1m bar in this session)', 'expected ' + cell.expected];
    }
    return [head, 'present ' + cell.present + ' / expected ' + cell.expected,
      'missing ' + Math.max(0, cell.expected - cell.present), 'quality ' + cell.quality.toFixed(2) + '%'];
  }

  // The legend: swatches of the scale and of "no data".
  function legend() {
    const parts = [['0%', 0], ['50%', 50], ['90%', 90], ['99%', 99], ['100%', 100]].map(([t, q]) =>
      sf.el('span', {class: 'swatch-item'}, sf.el('span', {class: 'swatch', style: 'background:' + colour(q)}), t));
    parts.push(sf.el('span', {class: 'swatch-item'}, sf.el('span', {class: 'swatch', style: 'background:' + NO_DATA}),
      'no data'));
    return sf.el('div', {class: 'legend', id: 'heatmap-legend'}, 'quality (present / expected): ', parts);
  }

  return {draw, legend, colour};
})();
