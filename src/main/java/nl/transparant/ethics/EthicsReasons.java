package nl.transparant.ethics;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The reason the committee's votes give a decision ({@link EthicsVotes}) is stored as data, with codes, the same in
 * every language; it is shown in the reader's language: {@code @ethicsReasons.shown(rationale, #locale)}. Any other
 * reason is shown as written.
 */
@Component("ethicsReasons")
public class EthicsReasons {

    static final String HEADER = "Ethics committee, %d votes, outcome %s:";
    static final String CONDITIONS = " (conditions: ";

    private static final Pattern GENERATED = Pattern.compile("Ethics committee, (\\d+) votes, outcome ([a-z-]+):\\n(.*)", Pattern.DOTALL);
    private static final Pattern VOTE_LINE = Pattern.compile("(.*?): (positive-with-conditions|positive|negative) – (.*?)(?: \\(conditions: (.*)\\))?");

    private final MessageSource messages;

    EthicsReasons(MessageSource messages) {
        this.messages = messages;
    }

    public String shown(String rationale, Locale locale) {
        Matcher generated = rationale == null ? null : GENERATED.matcher(rationale);
        if (generated == null || !generated.matches()) {
            return rationale;
        }
        String outcome = messages.getMessage("outcome.done." + generated.group(2), null, generated.group(2), locale);
        String header = messages.getMessage("ethics.reason.header",
                new Object[] {Integer.parseInt(generated.group(1)), outcome}, locale);
        String lines = generated.group(3).lines().map(line -> voteLine(line, locale)).collect(Collectors.joining("\n"));
        return header + "\n" + lines;
    }

    private String voteLine(String line, Locale locale) {
        Matcher vote = VOTE_LINE.matcher(line);
        if (!vote.matches()) {
            return line;
        }
        String shown = vote.group(1) + ": " + messages.getMessage("ethics.vote." + vote.group(2), null, locale) + " – " + vote.group(3);
        return vote.group(4) == null ? shown : shown + " (" + messages.getMessage("ethics.reason.conditions", new Object[] {vote.group(4)}, locale) + ")";
    }
}
