package nl.transparant.ethics;

import java.util.Arrays;
import java.util.Optional;

/** What a member of the ethics committee says about a case. */
public enum Vote {
    POSITIVE("positive"),
    POSITIVE_WITH_CONDITIONS("positive-with-conditions"),
    NEGATIVE("negative");

    private final String code;

    Vote(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    static Optional<Vote> fromCode(String code) {
        return Arrays.stream(values()).filter(v -> v.code.equals(code)).findFirst();
    }
}
