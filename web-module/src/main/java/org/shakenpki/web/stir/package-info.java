/**
 * The STI-AS and STI-VS HTTP interfaces ({@code /stir/v1/signing}, {@code /stir/v1/verification}, ATIS-1000082
 * style), the STI-AS's API-key administration ({@code /stir/v1/admin/api-keys}) and its webhook for the
 * notifications of an SP-KMS elsewhere ({@code /stir/v1/credential-notifications}).
 *
 * <p>May depend on: {@code stir} facades, {@code net} (the webhook signature), {@code web}, {@code problem}.
 */
package org.shakenpki.web.stir;
