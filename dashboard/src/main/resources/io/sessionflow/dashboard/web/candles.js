'use strict';
// Candlesticks and marked minutes for uPlot, which draws lines and bars but no candles: a plugin whose draw hook
// paints each bar's wick and body from series 1..4 (open, high, low, close), and a band of ticks at the bottom of
// the plot for the marked minutes (missing red, filled amber, synthetic grey). Written for this page after the idea
// of uPlot's candlestick demo.
const sfCandles = (function () {
  const UP = '#2a9d55';
  const DOWN = '#d0443e';
  const MARK_COLOURS = {missing: '#e02424', filled: '#f0a020', synthetic: '#8a8a8a'};

  // bodyWidth: fraction of the bar's slot; marks: [{epoch, kind}]; minute: seconds a mark covers.
  function plugin(marks, minute) {
    function drawCandles(u) {
      const ctx = u.ctx;
      const [t, o, h, l, c] = u.data;
      const [i0, i1] = [u.series[0].idxs ? u.series[0].idxs[0] : 0, u.series[0].idxs ? u.series[0].idxs[1] : t.length - 1];
      const slot = t.length > 1 ? Math.abs(u.valToPos(t[1], 'x', true) - u.valToPos(t[0], 'x', true)) : 10;
      const body = Math.max(1, Math.min(slot * 0.7, 24 * devicePixelRatio));
      ctx.save();
      ctx.beginPath();
      ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
      ctx.clip();
      for (let i = Math.max(0, i0); i <= Math.min(i1, t.length - 1); i++) {
        if (o[i] === null || o[i] === undefined) continue;
        const x = u.valToPos(t[i], 'x', true);
        const yo = u.valToPos(o[i], 'y', true);
        const yc = u.valToPos(c[i], 'y', true);
        const yh = u.valToPos(h[i], 'y', true);
        const yl = u.valToPos(l[i], 'y', true);
        ctx.fillStyle = c[i] >= o[i] ? UP : DOWN;
        ctx.fillRect(Math.round(x - 0.5), yh, Math.max(1, devicePixelRatio), Math.max(1, yl - yh));
        ctx.fillRect(Math.round(x - body / 2), Math.min(yo, yc), body, Math.max(1, Math.abs(yc - yo)));
      }
      ctx.restore();
    }

    function drawMarks(u) {
      const ctx = u.ctx;
      const band = 8 * devicePixelRatio;
      const y = u.bbox.top + u.bbox.height - band;
      let drawn = 0;
      ctx.save();
      for (const m of marks) {
        const x0 = u.valToPos(m.epoch, 'x', true);
        const x1 = u.valToPos(m.epoch + minute, 'x', true);
        if (x1 < u.bbox.left || x0 > u.bbox.left + u.bbox.width) continue;
        ctx.fillStyle = MARK_COLOURS[m.kind] || '#000';
        ctx.globalAlpha = 0.18;
        ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height - band);
        ctx.globalAlpha = 1;
        ctx.fillRect(x0, y, Math.max(1, x1 - x0), band);
        drawn++;
      }
      ctx.restore();
      u.root.dataset.drawnMarks = drawn;
    }

    return {hooks: {draw: [drawCandles, drawMarks]}};
  }

  return {plugin, MARK_COLOURS};
})();
