/**
 * The STI-CA administration API, authenticated by the STI-CA admin token: subscribers and their External Account
 * Binding keys ({@code /sti-ca/admin/v1/subscribers}) and the CA hierarchy with the intermediate's rollover
 * ({@code /sti-ca/admin/v1/hierarchy}).
 *
 * <p>May depend on: {@code ca} facades and views, {@code web}, {@code problem}, {@code pkix} (PEM).
 */
package org.shakenpki.web.ca;
