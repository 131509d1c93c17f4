/** The STI-VS HTTP interface ({@code /stir/v1/verification}, ATIS-1000082 style). */
package org.shakenpki.web.stir;
