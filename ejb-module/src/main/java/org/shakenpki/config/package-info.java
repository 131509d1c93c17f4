/**
 * Small shared infrastructure for every role: the injected {@link java.time.Clock}, the node's name, files the
 * application writes into its data directory ({@link org.shakenpki.config.DataFiles}), role admin tokens
 * ({@link org.shakenpki.config.AdminToken}), the Bearer parser, retry back-off, and the typed settings reader
 * ({@link org.shakenpki.config.SettingReader}) with the role switches every role's settings bean is built on.
 *
 * <p>May depend on: {@code problem}, the JDK and Jakarta EE. Every other package may depend on it.
 */
package org.shakenpki.config;
