package nl.transparant.site;

import nl.transparant.problems.ProblemTexts;
import org.springframework.stereotype.Component;

/**
 * For the templates ({@code @problemLanguage.of(text)}): the language a shown problem text is in, so a text a service
 * still gives in its own English words is marked {@code lang="en"} on a Dutch page, and a translated one is not.
 */
@Component("problemLanguage")
public class ProblemLanguage {

    public String of(Object text) {
        return ProblemTexts.languageOf(text == null ? null : text.toString());
    }
}
