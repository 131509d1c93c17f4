/**
 * The one place where failures become RFC 7807 / RFC 8555 problem documents ({@code application/problem+json}):
 * the exception mapper for {@link org.shakenpki.problem.ProblemException} and for anything unexpected (which
 * becomes {@code serverInternal} without its cause), and the servlet error page for what never reaches JAX-RS.
 *
 * <p>May depend on: {@code problem} and {@code web}.
 */
package org.shakenpki.web.problem;
