/**
 * The text of errors at the boundary: a message cut to a sane length that still says how long the original was
 * ({@link io.sessionflow.errors.ErrorText#cut}), and the root cause a wrapped failure carries
 * ({@link io.sessionflow.errors.ErrorText#rootMessage}).
 */
package io.sessionflow.errors;
