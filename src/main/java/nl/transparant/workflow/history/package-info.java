/**
 * The engine's history as a read model for the audit: executions, variables, deployed definitions and the BPMN diagrams.
 *
 * <p>Part of the workflow module, which keeps all code that touches the engine (see docs/architecture); other
 * modules may use this part's public types.
 */
@NamedInterface("history")
package nl.transparant.workflow.history;

import org.springframework.modulith.NamedInterface;
