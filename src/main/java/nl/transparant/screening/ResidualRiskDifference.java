package nl.transparant.screening;

/**
 * A DPIA's declared residual risk that differs from the highest level the risk matrix gives the risks of its register
 * (level ids as {@code policies/risk-matrix.yaml} names them).
 */
public record ResidualRiskDifference(String declared, String matrixHighest) {
}
