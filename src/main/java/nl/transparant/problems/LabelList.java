package nl.transparant.problems;

import java.util.List;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * The labels of some codes as one argument of a problem text ("Kies een van: {0}."), resolved in the reader's language
 * when the text is: the message source resolves an argument that is itself resolvable. The codes never show as words.
 */
public final class LabelList {

    private LabelList() {
    }

    /** The labels {@code prefix + code} of the codes, joined with commas (pairs of {@code problem.list.pair}). */
    public static MessageSourceResolvable of(String prefix, List<String> codes) {
        if (codes.isEmpty()) {
            return new DefaultMessageSourceResolvable(new String[] {"problem.list.empty"}, null, "");
        }
        MessageSourceResolvable first = new DefaultMessageSourceResolvable(new String[] {prefix + codes.get(0)}, null, codes.get(0));
        if (codes.size() == 1) {
            return first;
        }
        return new DefaultMessageSourceResolvable(new String[] {"problem.list.pair"},
                new Object[] {first, of(prefix, codes.subList(1, codes.size()))});
    }
}
