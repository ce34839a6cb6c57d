package nl.transparant.workflow.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;

/**
 * The route table's whole result ({@code reviewRoute}) is kept by the engine as a Java-serialized map; the auditor reads it
 * as its outputs, and nothing but a map of plain values is ever read back from such bytes.
 */
class DecisionResultReadTest {

    @Test
    void aDecisionTablesResultIsReadAsItsOutputs() throws Exception {
        Map<String, Object> result = new HashMap<>();
        result.put("dpiaRequired", false);
        result.put("approvalTier", "standard");
        result.put("maxYears", 3);

        Object read = ProcessHistory.asRecorded(Variables.createVariables().putValueTyped("reviewRoute", serialized(result))).get("reviewRoute");

        assertThat(read).isEqualTo(Map.of("approvalTier", "standard", "dpiaRequired", false, "maxYears", 3));
    }

    @Test
    void anythingElseInTheBytesIsNeverReadBack() throws Exception {
        Map<String, Object> withAFile = new HashMap<>();
        withAFile.put("dpiaRequired", false);
        withAFile.put("file", new java.io.File("/etc/passwd"));
        Map<String, Object> withAList = new HashMap<>();
        withAList.put("list", new java.util.ArrayList<>(java.util.List.of("a")));

        for (Map<String, Object> refused : java.util.List.of(withAFile, withAList)) {
            Object read = ProcessHistory.asRecorded(Variables.createVariables().putValueTyped("reviewRoute", serialized(refused)))
                    .get("reviewRoute");
            assertThat(read).isEqualTo("(java.util.HashMap, application/x-java-serialized-object)");
        }
        // a type other than a map is not read at all, whatever its bytes
        Object other = ProcessHistory.asRecorded(Variables.createVariables().putValueTyped("x", Variables
                .serializedObjectValue(Base64.getEncoder().encodeToString(bytes("text"))).objectTypeName("java.lang.String")
                .serializationDataFormat(Variables.SerializationDataFormats.JAVA).create())).get("x");
        assertThat(other).isEqualTo("(java.lang.String, application/x-java-serialized-object)");
    }

    private static org.camunda.bpm.engine.variable.value.ObjectValue serialized(Map<String, Object> map) throws Exception {
        return Variables.serializedObjectValue(Base64.getEncoder().encodeToString(bytes(map))).objectTypeName("java.util.HashMap")
                .serializationDataFormat(Variables.SerializationDataFormats.JAVA).create();
    }

    private static byte[] bytes(Object object) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(object);
        }
        return out.toByteArray();
    }
}
