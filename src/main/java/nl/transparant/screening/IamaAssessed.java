package nl.transparant.screening;

import java.util.List;

/**
 * A case's IAMA was handed in and evaluated under this definition version: whether it stops the case (and which
 * criteria said so), whether it serves as an AI Act Art. 27 FRIA, and the remaining risk to fundamental rights.
 */
public record IamaAssessed(String caseId, String organisation, String actorId, String definition, boolean stop,
        List<String> stopCriteria, String fria, String fundamentalRightsRisk) {
}
