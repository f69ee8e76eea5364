'use strict';
// The runs view (#runs).
sf.view('runs', {show() {}});
