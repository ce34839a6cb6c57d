package nl.transparant.problems;

/**
 * A request body grew past the limit of its endpoint while it was being read (a chunked body, or one whose
 * Content-Length understated it). Unchecked so that it passes through JSON parsers and the import unchanged, to be
 * answered 413 instead of being taken for bad JSON.
 */
public class BodyTooLargeException extends RuntimeException {

    private final long limitBytes;

    public BodyTooLargeException(long limitBytes) {
        super("The request body is larger than " + limitBytes + " bytes.");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }

    /** "2 MB", "64 KB": the limit as a person reads it in a problem's detail. */
    public static String readable(long bytes) {
        return bytes >= 1024 * 1024 ? bytes / (1024 * 1024) + " MB" : bytes / 1024 + " KB";
    }
}
