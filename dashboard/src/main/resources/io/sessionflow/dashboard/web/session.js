'use strict';
// The session view (#session).
sf.view('session', {show() {}});
