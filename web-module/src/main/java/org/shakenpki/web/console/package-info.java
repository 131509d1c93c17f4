/**
 * The operator's console (docs/console.md): Jakarta Faces pages under {@code /console} for STI-PA administrators
 * ({@code /console/pa}) and service providers' administrators ({@code /console/provider}). Page beans only read
 * the form, pass the logged-in principal ({@link org.shakenpki.web.console.Caller}) to the STI-PA's EJBs and show
 * what they return or refuse; the EJBs decide who may do what.
 */
package org.shakenpki.web.console;
