/**
 * The SP-KMS administration API ({@code /kms/v1/credentials}), authenticated by the SP-KMS admin token.
 *
 * <p>May depend on: {@code kms} facades and views, {@code web}, {@code problem}.
 */
package org.shakenpki.web.kms;
