/**
 * The operator's console (docs/console.md): Jakarta Faces pages under {@code /console} for STI-PA administrators
 * ({@code /console/pa}) and service providers' administrators ({@code /console/provider}), and for the operators of
 * the roles administered with an admin token ({@code /console/kms}, {@code /console/as}, {@code /console/ca},
 * {@code /console/vs}). Page beans only read the form, pass the logged-in principal
 * ({@link org.shakenpki.web.console.Caller}) or the session's admin token ({@link org.shakenpki.web.console.RoleToken})
 * to the EJBs and show what they return or refuse; the EJBs decide who may do what.
 */
package org.shakenpki.web.console;
