package nl.transparant.screening;

/** A case's DPIA was handed in and evaluated, under this definition version, with this residual risk. */
public record DpiaAssessed(String caseId, String organisation, String actorId, String definition, String residualRisk,
        boolean priorConsultationRequired, int risks) {
}
