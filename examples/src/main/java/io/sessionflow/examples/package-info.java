/**
 * Example strategies that use only the public API ({@link io.sessionflow.api.DataManager} and the listener and
 * SessionData types it exposes). Run them with {@code examples/run}.
 */
package io.sessionflow.examples;
