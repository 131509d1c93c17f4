/**
 * The STI-AS and STI-VS HTTP interfaces ({@code /stir/v1/signing}, {@code /stir/v1/verification}, ATIS-1000082
 * style) and the STI-AS's API-key administration ({@code /stir/v1/admin/api-keys}).
 *
 * <p>May depend on: {@code stir} facades, {@code web}, {@code problem}.
 */
package org.shakenpki.web.stir;
