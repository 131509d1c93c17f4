/**
 * The database schema (Flyway migrations in {@code db/migration}, run at start-up before JPA is used, for H2
 * and PostgreSQL alike) and the database's status for the health check.
 *
 * <p>May depend on: the JDK, Jakarta EE and Flyway only.
 */
package org.shakenpki.persistence;
