/**
 * {@link io.sessionflow.config.SessionConfig}: every setting of a data manager with its default, and the keyed
 * builder through which files and command-line flags set them. Bad values fail with a
 * {@link io.sessionflow.config.ConfigException} that names the key and the value.
 */
package io.sessionflow.config;
