package nl.transparant.register;

/** A value of a filter and how many of the matching entries have it. */
public record FacetValue(String value, int count) {
}
