package org.shakenpki.kms;

import org.shakenpki.pkix.TNAuthList;
import org.shakenpki.problem.ProblemException;
import org.shakenpki.problem.ProblemType;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The telephone numbers and ranges of a delegate request as a TNAuthList of {@code one} and {@code range}
 * entries (RFC 8226 section 9: a number is 1-15 of 0-9 # *, a range has a count of at least 2). Malformed input is
 * a 400 ({@code malformed}).
 */
public final class DelegateNumbers {
    /** A range as the admin API takes it. */
    public record Range(String start, long count) {
    }

    private DelegateNumbers() {
    }

    public static TNAuthList of(List<String> numbers, List<Range> ranges) {
        List<TNAuthList.Entry> entries = new ArrayList<>();
        for (Range range : ranges == null ? List.<Range>of() : ranges) {
            entries.add(new TNAuthList.Range(range.start(), BigInteger.valueOf(range.count())));
        }
        for (String number : numbers == null ? List.<String>of() : numbers) {
            entries.add(new TNAuthList.One(number));
        }
        if (entries.isEmpty()) {
            throw new ProblemException(ProblemType.MALFORMED, "name at least one telephone number (numbers) or range (ranges)");
        }
        try {
            return TNAuthList.of(entries);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.MALFORMED, e.getMessage());
        }
    }
}
