/**
 * The living entry, the lifecycle's last step: after publication the owner changes the entry through the review again
 * ({@link LivingEntries#startChange}), asks to retire it ({@link LivingEntries#requestRetirement}), and re-reviews it
 * when {@code policies/re-review.yaml} ({@link ReReviewPolicy}) says, a date an owner or privacy officer may move
 * ({@link LivingEntries#rescheduleReReview}); the engine's flows for these are in
 * {@code workflow.livingentry}. Contributed to the case page by {@link LivingEntrySection}, a {@code CasePageSection}.
 *
 * <p>Other modules may use this part's public types: the register and the audit listen to {@link EntryRetired}.
 */
@NamedInterface("livingentry")
package nl.transparant.cases.livingentry;

import org.springframework.modulith.NamedInterface;
