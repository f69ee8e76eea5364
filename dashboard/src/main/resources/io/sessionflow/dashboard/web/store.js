'use strict';
// The store view (#store).
sf.view('store', {show() {}});
