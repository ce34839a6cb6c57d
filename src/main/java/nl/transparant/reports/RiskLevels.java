package nl.transparant.reports;

import java.util.Locale;
import nl.transparant.screening.RiskMatrix;

/**
 * The levels of the risk matrix in force as a report shows them: the level of a likelihood × impact and its name in the
 * report's language. The matrix comes from {@code screening} ({@link RiskMatrix}, the one reader of
 * {@code policies/risk-matrix.yaml}) for each report, so the report follows the matrix in force and a broken matrix
 * refuses the report as it refuses the DPIA.
 */
record RiskLevels(RiskMatrix matrix, Locale locale) {

    /** The level of this combination, or null when either answer is missing or the matrix has no such cell. */
    AssessmentReport.Level of(Object likelihood, Object impact) {
        return named(matrix.risk(likelihood, impact));
    }

    /** The level of a rank as the DPIA calculations use it; null for a rank the matrix lacks (0: not answered). */
    AssessmentReport.Level ranked(int rank) {
        return named(matrix.levelOfRank(rank).orElse(null));
    }

    AssessmentReport.Level named(String level) {
        return level == null ? null : new AssessmentReport.Level(level, matrix.label(level, locale));
    }
}
