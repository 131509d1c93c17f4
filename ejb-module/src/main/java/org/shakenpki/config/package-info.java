/**
 * Small shared infrastructure for every role: the injected {@link java.time.Clock}, the node's name, files the
 * application writes into its data directory ({@link org.shakenpki.config.DataFiles}), role admin tokens
 * ({@link org.shakenpki.config.AdminToken}) and retry back-off.
 *
 * <p>May depend on: the JDK and Jakarta EE only. Every other package may depend on it.
 */
package org.shakenpki.config;
