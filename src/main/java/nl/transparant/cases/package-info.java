/**
 * A case: its register texts, stages, case pages and the living entry after publication. Commands come in as calls on {@code Cases} and {@code livingentry.LivingEntries}; what happens to a case goes out as events ({@code CaseEvents}, {@code CasePublished}, {@code livingentry.EntryRetired}).
 *
 * <p>The case page shows the case, its decisions and open tasks; the rest of it comes from {@code CasePageSection}s,
 * whether another module's or a part of this one's: the questionnaires in the tasks' forms (the pre-scan, DPIA and
 * IAMA) are the sub-package {@code questionnaire}, and the published entry's change, retirement and re-review the
 * sub-package {@code livingentry} (the named interface {@code cases :: livingentry}); the root names neither, each is
 * contributed as such a section.
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Cases", allowedDependencies = {"assessment", "identity", "operations", "organisations", "problems", "screening", "site", "standard", "workflow", "workflow :: livingentry", "workflow :: review"})
package nl.transparant.cases;

import org.springframework.modulith.ApplicationModule;
