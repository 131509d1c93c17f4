/**
 * Application metrics (MicroProfile Metrics 5.1 as Payara bundles it, application scope, Prometheus text at
 * {@code /metrics?scope=application}): the one place where the metric names, their tags and units are defined
 * ({@link org.shakenpki.metrics.Meter}) and where events are recorded ({@link org.shakenpki.metrics.Metrics}).
 *
 * <p>The roles call one static method of {@link org.shakenpki.metrics.Metrics} per event, so a call site is one
 * line and the hot paths (STI-AS signing, STI-VS verification) pay a map lookup and a counter increment, never a
 * database read. Figures that live in the database (the CRL, the SP-KMS credentials, the audit chain's sealing
 * lag, the HSM tokens) are gauges over a snapshot that {@link org.shakenpki.metrics.StateGauges} refreshes at most
 * every 15 seconds and only while someone scrapes. The README's "Metrics" table lists every name; the operations
 * kit in {@code docs/ops/} (Grafana dashboard, Prometheus alert rules, runbook) uses only these names, which
 * {@code OpsKitTest} checks.
 */
package org.shakenpki.metrics;
