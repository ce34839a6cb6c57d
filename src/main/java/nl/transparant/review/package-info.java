/**
 * The staff's task pages and task API: thin controllers over {@code workflow.review.ReviewProcess} (start, complete)
 * and {@code workflow.review.ReviewTasks} (inbox, task views).
 *
 * <p>Facts travel between modules as events, commands as direct calls to a module's top-level types; the
 * dependencies allowed here are checked by {@code ModularityTest}.
 */
@ApplicationModule(displayName = "Review", allowedDependencies = {"cases", "identity", "organisations", "problems", "site", "workflow", "workflow :: review"})
package nl.transparant.review;

import org.springframework.modulith.ApplicationModule;
