package nl.transparant.requests;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import nl.transparant.problems.ProblemAnswers;
import nl.transparant.problems.ProblemTexts;

/**
 * Refusals from the request filters, in the problem+json shape of every other API error, in the caller's language
 * (Dutch unless Accept-Language asks for English: {@link ProblemTexts}).
 */
final class RequestProblems {

    private RequestProblems() {
    }

    /**
     * @param title the key of the title, {@code problem.title.*}
     * @param detail the key of the explanation
     */
    static void write(HttpServletRequest request, HttpServletResponse response, int status, String title, String detail,
            Object... arguments) throws IOException {
        Locale language = ProblemTexts.callersLanguage(nl.transparant.problems.ProblemTexts.acceptLanguage(request));
        ProblemAnswers.write(response, ProblemAnswers.of(request, status, ProblemTexts.text(title, List.of(), language),
                ProblemTexts.text(detail, Arrays.asList(arguments), language)));
    }
}
