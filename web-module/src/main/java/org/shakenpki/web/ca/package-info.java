/**
 * The STI-CA administration API ({@code /sti-ca/admin/v1/subscribers}): subscribers and their External Account
 * Binding keys, authenticated by the STI-CA admin token.
 *
 * <p>May depend on: {@code ca} facades and views, {@code web}, {@code problem}.
 */
package org.shakenpki.web.ca;
