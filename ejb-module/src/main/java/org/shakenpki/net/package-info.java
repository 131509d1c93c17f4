/**
 * Outbound HTTP(S) for roles that fetch from other organisations (an SPC token's {@code x5u}, the STI-PA
 * API): no redirects, time and size limits, the JDK's trust plus an optional PEM file.
 */
package org.shakenpki.net;
