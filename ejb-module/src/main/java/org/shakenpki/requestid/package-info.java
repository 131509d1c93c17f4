/**
 * The request's correlation id: taken from a client's {@code X-Request-Id} when it is a short token, else made here;
 * sent back in the response, written into every log line of the request (JSON log format, field {@code RequestId})
 * and into every audit record the request writes ({@code audit_log.request_id}), so an operator can follow one call
 * from the load balancer's log through the server's log to the audit trail.
 */
package org.shakenpki.requestid;
