'use strict';
// The page's views: one per hash (#store, #session, #runs).
(function () {
  function show() {
    const name = (location.hash || '#store').slice(1).split('/')[0];
    document.querySelectorAll('.view').forEach(v => { v.hidden = v.id !== 'view-' + name; });
  }
  window.addEventListener('hashchange', show);
  show();
})();
