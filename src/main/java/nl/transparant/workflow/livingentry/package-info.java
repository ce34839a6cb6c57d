/**
 * The living entry's flows after publication: the periodic re-review (entry-re-review) and retirement (entry-retirement), and their events.
 *
 * <p>Part of the workflow module, which keeps all code that touches the engine (see docs/architecture); other
 * modules may use this part's public types.
 */
@NamedInterface("livingentry")
package nl.transparant.workflow.livingentry;

import org.springframework.modulith.NamedInterface;
