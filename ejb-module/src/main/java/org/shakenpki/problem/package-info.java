/**
 * The one internal error type, {@link org.shakenpki.problem.ProblemException}, carrying a
 * {@link org.shakenpki.problem.ProblemType}: every RFC 8555 section 6.7 ACME error and the project's own problem
 * types, each with its HTTP status. It crosses EJB boundaries unwrapped; the web tier renders it as an RFC 7807
 * problem document in one place.
 *
 * <p>May depend on: the JDK and Jakarta EE only.
 */
package org.shakenpki.problem;
