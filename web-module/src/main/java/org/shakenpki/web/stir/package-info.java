/**
 * The STI-AS and STI-VS HTTP interfaces ({@code /stir/v1/signing}, {@code /stir/v1/verification}, ATIS-1000082
 * style) and the STI-AS's API-key administration ({@code /stir/v1/admin/api-keys}).
 */
package org.shakenpki.web.stir;
