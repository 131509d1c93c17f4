/**
 * The ACME resources of the STI-CA (RFC 8555 section 7.1), one JAX-RS class each, under {@code /acme}. A
 * resource builds the request's URLs, hands the JWS body to one EJB of {@code org.shakenpki.ca} and renders
 * the view it gets back; {@link org.shakenpki.web.acme.AcmeHeaders} adds the nonce and index link to every
 * response, errors included.
 *
 * <p>May depend on: {@code ca} facades and views, {@code web}, {@code problem}.
 */
package org.shakenpki.web.acme;
