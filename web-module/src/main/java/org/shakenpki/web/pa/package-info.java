/**
 * The STI-PA HTTP API ({@code /api/v1/...}, {@code /download/v1/...}) in the shape of the deployed US STI-PA:
 * login, SPC tokens, the trust list, revocations, administration and downloads. Resources read the caller from
 * the {@code Authorization} header and the client address, and hand both to {@code pa}, which decides.
 *
 * <p>May depend on: {@code pa} facades and views, {@code web}, {@code problem}.
 */
package org.shakenpki.web.pa;
