/**
 * {@link io.sessionflow.config.SessionConfig}: every setting of a data manager with its default, and the keyed
 * builder through which files and command-line flags set them. {@link io.sessionflow.config.ConfigKeys} is the one
 * table of keys; {@link io.sessionflow.config.ConfigValues} parses and formats their values (the command line's
 * converters use it too). Bad values fail with a {@link io.sessionflow.config.ConfigException} that names the key
 * and the value, cut to a sane length.
 */
package io.sessionflow.config;
