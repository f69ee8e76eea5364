/**
 * The {@code sessionflow} command line: {@link io.sessionflow.app.Main} wires picocli, the exit-code contract
 * (0 success, 2 bad usage or input, 1 any other failure) and one-line error messages; one class per command.
 */
package io.sessionflow.app;
