/**
 * Plain-GET publication of certificates: the STI-CR chains ({@code /sti-cr/<name>.pem}) and the STI-CA's own
 * root and intermediate ({@code /sti-ca/root.pem}, {@code /sti-ca/intermediate.pem}).
 *
 * <p>May depend on: {@code cr} and the CA's read-only certificate view, {@code web}, {@code problem}.
 */
package org.shakenpki.web.cr;
