'use strict';
// The runs view (#runs, #runs/ID): a form that starts a replay (POST /api/runs), the list of runs, and the panel
// of one run fed by its event stream (GET /api/runs/ID/events, event "progress": the run's view, see README).
// window.sfRuns counts the snapshots the panel received, for people and for the browser tests.
(function () {
  const state = {es: null, id: null, shown: null, chart: null, rates: [[], []], t0: null};
  window.sfRuns = {snapshots: 0, last: null};
  let built = false;

  function build() {
    const root = document.getElementById('view-runs');
    const field = (label, id, value, hint) => sf.el('label', {}, label,
      sf.el('input', {id, value, title: hint || '', size: id === 'run-symbols' ? 30 : 10}));
    root.append(
      sf.el('h2', {}, 'Runs'),
      sf.el('form', {id: 'run-form', class: 'run-form', onsubmit: start},
        field('symbols ', 'run-symbols', '', 'comma-separated, e.g. SPY,IBM'),
        field(' from ', 'run-from', '', 'YYYY-MM-DD'),
        field(' to ', 'run-to', '', 'YYYY-MM-DD, inclusive'),
        field(' intervals ', 'run-intervals', '5,15', 'derived bars in minutes, e.g. 5,15 or 1d'),
        field(' drop rate ', 'run-drop', '0', 'share of streamed 1m bars dropped (gap repair fills them)'),
        field(' speed ', 'run-speed', 'full', '"full" or k for k x real time'),
        ' ', sf.el('button', {id: 'run-start', type: 'submit'}, 'Start replay'),
        sf.el('span', {id: 'run-error', class: 'error'})),
      sf.el('table', {id: 'run-list', class: 'runs'}),
      sf.el('section', {id: 'run-panel', hidden: ''}));
    built = true;
  }

  async function start(ev) {
    ev.preventDefault();
    const v = id => document.getElementById(id).value.trim();
    const speed = v('run-speed');
    document.getElementById('run-error').textContent = '';
    try {
      const run = await sf.post('/api/runs', {
        symbols: v('run-symbols'), from: v('run-from'), to: v('run-to'), intervals: v('run-intervals'),
        dropRate: Number(v('run-drop') || 0), speed: speed === '' || speed === 'full' ? 'full' : Number(speed)});
      location.hash = '#runs/' + run.id;
    } catch (e) {
      document.getElementById('run-error').textContent = e.message;
    }
  }

  async function list() {
    const r = await sf.get('/api/runs');
    document.getElementById('run-form').hidden = !r.canLaunch;
    const t = document.getElementById('run-list');
    t.replaceChildren(sf.el('tr', {}, ['run', 'what', 'state', 'sessions', 'events'].map(h => sf.el('th', {}, h))));
    r.runs.slice().reverse().forEach(run => t.append(sf.el('tr', {id: 'run-row-' + run.id},
      sf.el('td', {}, sf.el('a', {href: '#runs/' + run.id}, run.id)), sf.el('td', {}, run.description),
      sf.el('td', {class: 'state-' + run.state}, run.state),
      sf.el('td', {}, run.progress.sessionsDone + '/' + run.progress.sessionsTotal),
      sf.el('td', {}, sf.int(run.progress.events)))));
    return r.runs;
  }

  function control(action) {
    return async () => {
      try {
        render(await sf.post('/api/runs/' + state.id + '/' + action));
      } catch (e) {
        document.getElementById('run-control-error').textContent = e.message;
      }
    };
  }

  function panel(id) {
    const p = document.getElementById('run-panel');
    p.hidden = false;
    const fig = (label, fid) => sf.el('span', {class: 'fig'}, label + ' ', sf.el('b', {id: fid}, '-'));
    p.replaceChildren(
      sf.el('h3', {id: 'run-title'}, id),
      sf.el('div', {class: 'figs'}, fig('state', 'run-state'), fig('session', 'run-session'),
        fig('time', 'run-time'), fig('sessions', 'run-sessions'), fig('events', 'run-events'),
        fig('events/s', 'run-rate')),
      sf.el('progress', {id: 'run-bar', max: '1', value: '0'}),
      sf.el('div', {class: 'controls'},
        sf.el('button', {id: 'run-pause', onclick: control('pause')}, 'Pause'),
        sf.el('button', {id: 'run-resume', onclick: control('resume')}, 'Resume'),
        sf.el('button', {id: 'run-stop', onclick: control('stop')}, 'Stop'),
        sf.el('span', {id: 'run-control-error', class: 'error'})),
      sf.el('div', {id: 'run-chart'}),
      sf.el('ul', {id: 'run-warnings', class: 'warnings'}),
      sf.el('table', {id: 'run-quality', class: 'quality'}),
      sf.el('div', {id: 'run-quality-more', class: 'note'}),
      sf.el('pre', {id: 'run-table', hidden: ''}));
    state.rates = [[], []];
    state.t0 = null;
    state.chart = typeof uPlot === 'function' ? new uPlot({width: 700, height: 160, title: 'events/s',
      scales: {x: {time: false}}, axes: [{label: 's'}, {}],
      series: [{label: 's'}, {label: 'events/s', stroke: '#2a6fdb', width: 1.5}]},
      state.rates, document.getElementById('run-chart')) : null;
  }

  function follow(id) {
    if (state.es) {
      state.es.close();
    }
    state.id = id;
    window.sfRuns.snapshots = 0;
    window.sfRuns.last = null;
    panel(id);
    const es = new EventSource('/api/runs/' + encodeURIComponent(id) + '/events');
    state.es = es;
    es.addEventListener('progress', m => {
      const run = JSON.parse(m.data);
      window.sfRuns.snapshots++;
      const before = window.sfRuns.last;
      window.sfRuns.last = run;
      schedule(run);
      if (!before || before.state !== run.state) {
        list().catch(() => {});  // the list's state column follows the run's changes
      }
      if (run.state === 'finished' || run.state === 'stopped' || run.state === 'failed') {
        es.close();  // the server ends the stream after the final view; without this the browser reconnects
        list().catch(() => {});
      }
    });
    es.onerror = () => {
      if (es.readyState === EventSource.CLOSED) {
        document.getElementById('run-control-error').textContent = 'the event stream closed';
      }
    };
  }

  // Messages are drawn once per animation frame at most, the latest one; the final one at once.
  let pending = null;
  function schedule(run) {
    const first = pending === null;
    pending = run;
    if (run.state === 'finished' || run.state === 'stopped' || run.state === 'failed') {
      render(run);
      pending = null;
    } else if (first) {
      requestAnimationFrame(() => {
        if (pending !== null) {
          render(pending);
          pending = null;
        }
      });
    }
  }

  function text(id, v) {
    document.getElementById(id).textContent = v;
  }

  function render(run) {
    // A control's answer and the stream's events come on two connections: never draw an older view over a newer
    // one (a Stop's answer arriving after the stream's final "stopped" would leave the panel at "running").
    if (state.shown && state.shown.id === run.id && run.version < state.shown.version) {
      return;
    }
    state.shown = run;
    const p = run.progress;
    const ended = run.state === 'finished' || run.state === 'stopped' || run.state === 'failed';
    text('run-title', run.id + ': ' + run.description);
    text('run-state', run.state);
    document.getElementById('run-state').className = 'state-' + run.state;
    text('run-session', p.session || '-');
    text('run-time', p.time ? p.time.replace('T', ' ').replace('Z', ' UTC') : '-');
    text('run-sessions', p.sessionsDone + '/' + (p.sessionsTotal || '?'));
    text('run-events', sf.int(p.events));
    document.getElementById('run-events').dataset.events = p.events;
    text('run-rate', sf.int(Math.round(p.eventsPerSecond)));
    const bar = document.getElementById('run-bar');
    bar.value = p.sessionsTotal ? p.sessionsDone / p.sessionsTotal : 0;
    document.getElementById('run-pause').disabled = run.state !== 'running' || run.stopping;
    document.getElementById('run-resume').disabled = run.state !== 'paused' || run.stopping;
    document.getElementById('run-stop').disabled = ended || run.stopping;
    if (run.stopping) {
      text('run-state', run.state + ' (stopping)');
    }
    if (p.symbols) {
      quality(p.symbols, p.symbolCount === undefined ? p.symbols.length : p.symbolCount);
    }
    if (Array.isArray(p.warnings)) {
      document.getElementById('run-warnings').replaceChildren(...p.warnings.map(w => sf.el('li', {}, w)));
    }
    if (state.chart && run.state === 'running') {
      const now = performance.now() / 1000;
      state.t0 = state.t0 === null ? now : state.t0;
      state.rates[0].push(Math.round((now - state.t0) * 10) / 10);
      state.rates[1].push(p.eventsPerSecond);
      state.chart.setData(state.rates);
    }
    const pre = document.getElementById('run-table');
    if (run.failure) {
      pre.hidden = false;
      pre.textContent = 'failed: ' + run.failure;
    } else if (run.report) {
      pre.hidden = false;
      pre.textContent = run.report.table;
    }
  }

  // The quality table shows the WORST symbols with the lowest quality first (those a person looks for); it is
  // rebuilt only when that list changes, else only its changed cells are written: a page that follows a full-speed
  // run of hundreds of symbols must cost the machine little (README, Runs in the dashboard).
  const WORST = 20;
  function quality(all, count) {
    const q = document.getElementById('run-quality');
    const symbols = all.slice().sort((a, b) => a.quality - b.quality || (a.symbol < b.symbol ? -1 : 1))
      .slice(0, WORST);
    const key = symbols.map(s => s.symbol).join(',');
    if (q.dataset.symbols !== key) {
      q.dataset.symbols = key;
      q.replaceChildren(sf.el('tr', {}, ['symbol', 'present', 'filled', 'confirmed missing', 'quality']
        .map(h => sf.el('th', {}, h))));
      symbols.forEach(s => q.append(sf.el('tr', {'data-symbol': s.symbol}, sf.el('td', {}, s.symbol),
        sf.el('td'), sf.el('td'), sf.el('td'), sf.el('td'))));
    }
    const rows = q.rows;
    symbols.forEach((s, i) => {
      const cells = rows[i + 1].cells;
      const values = [sf.int(s.present), sf.int(s.filled), sf.int(s.confirmedMissing), s.quality.toFixed(2) + '%'];
      values.forEach((v, k) => {
        if (cells[k + 1].textContent !== v) {
          cells[k + 1].textContent = v;
        }
      });
      const low = s.quality < 99 ? 'low' : '';
      if (cells[4].className !== low) {
        cells[4].className = low;
      }
    });
    text('run-quality-more', count > WORST ? 'the ' + WORST + ' lowest of ' + count + ' symbols' : '');
  }

  sf.view('runs', {
    async show(args) {
      if (!built) {
        build();
      }
      const runs = await list();
      const id = args[0] || (runs.length ? runs[runs.length - 1].id : null);
      if (id && id !== state.id) {
        follow(id);
      }
    },
  });
})();
