package org.shakenpki.audit;

/** How an audited action ended. */
public enum Outcome {
    /** Done as asked. */
    SUCCESS,
    /** Refused by policy or for bad input: nothing changed. */
    REFUSED,
    /** Attempted and failed: nothing changed, or the change was compensated. */
    FAILURE
}
