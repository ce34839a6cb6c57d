package nl.transparant.standard;

import com.fasterxml.jackson.annotation.JsonProperty;

public enum FieldType {
    /** Plain text: markup is refused. */
    @JsonProperty("string") STRING,
    /** Rich text limited to the standard's allowed tags. */
    @JsonProperty("html") HTML,
    /** One of the permitted values. */
    @JsonProperty("enum") ENUM,
    /** Several of the permitted values. */
    @JsonProperty("multi") MULTI,
    /** A list of {title, link} rows. */
    @JsonProperty("grouping") GROUPING
}
