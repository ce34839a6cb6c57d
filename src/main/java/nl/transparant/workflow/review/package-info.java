/**
 * The review of a case: the algorithm-review process's task views and completion, drafts, the supervisor's advice, four eyes and the conditions that block a release; the facts of a review as {@code ReviewEvents}.
 *
 * <p>Part of the workflow module, which keeps all code that touches the engine (see docs/architecture); other
 * modules may use this part's public types.
 */
@NamedInterface("review")
package nl.transparant.workflow.review;

import org.springframework.modulith.NamedInterface;
