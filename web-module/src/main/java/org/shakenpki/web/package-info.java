/**
 * The web tier's shared pieces: the JAX-RS application, JSON body helpers and limits, and the index page. A
 * resource parses, checks the protocol envelope, calls one EJB or CDI facade of its role and renders.
 *
 * <p>May depend on: the ejb-module's role facades and views, {@code json} and {@code problem}; never on JPA or
 * on keys.
 */
package org.shakenpki.web;
