/**
 * Plain-GET publication of certificates: the STI-CR chains ({@code /sti-cr/<name>.pem}) and the STI-CA's own
 * root and intermediate ({@code /sti-ca/root.pem}, {@code /sti-ca/intermediate.pem}).
 */
package org.shakenpki.web.cr;
