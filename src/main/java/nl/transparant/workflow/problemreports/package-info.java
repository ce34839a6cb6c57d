/**
 * The flow of a problem reported by the public (problem-report): handling and reminders; the register keeps the report itself.
 *
 * <p>Part of the workflow module, which keeps all code that touches the engine (see docs/architecture); other
 * modules may use this part's public types.
 */
@NamedInterface("problemreports")
package nl.transparant.workflow.problemreports;

import org.springframework.modulith.NamedInterface;
