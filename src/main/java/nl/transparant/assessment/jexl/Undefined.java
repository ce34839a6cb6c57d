package nl.transparant.assessment.jexl;

/**
 * JavaScript's {@code undefined}, kept apart from {@code null} because jexl keeps them apart: a missing
 * context variable or property is undefined, and {@code undefined == null} holds while {@code [undefined]}
 * does not contain {@code null} (array membership is strict).
 */
public enum Undefined {
    UNDEFINED;

    @Override
    public String toString() {
        return "undefined";
    }
}
