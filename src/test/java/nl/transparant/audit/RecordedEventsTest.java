package nl.transparant.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.Type;

/**
 * Every event the application publishes is in the decision log's table ({@link RecordedEvents}), recorded by another
 * listener of the audit module, or listed here as deliberately not recorded, with why; and every row of the table is
 * an event somebody publishes. The published events are read from the byte code: the value handed to
 * {@code publishEvent} is built right before the call ({@code new X(..)} or a factory method returning X).
 */
class RecordedEventsTest {

    /** Heard by another listener of the audit module, which writes its records. */
    private static final Map<String, String> RECORDED_ELSEWHERE = Map.of(
            "nl.transparant.workflow.EngineEvents$EngineOperationPerformed", "EngineOperationRecords: engine-operation",
            "nl.transparant.workflow.EngineEvents$EngineOperationRefused", "EngineOperationRecords: authorisation-denied",
            "nl.transparant.workflow.EngineEvents$EmergencyChangeMade", "EngineOperationRecords: emergency-change");

    /** Published for other modules only; what an auditor needs of them is recorded from another event. */
    private static final Map<String, String> NOT_RECORDED = Map.of(
            "nl.transparant.workflow.livingentry.LivingEntryEvents$RetirementApproved",
            "the retirement it leads to is recorded as entry-retired (EntryRetired), with the approver",
            "nl.transparant.obligations.ObligationEvents$CatalogueChanged",
            "the reload is recorded as policies-reloaded; each case it touches as obligations-changed (CatalogueChangeNoticed)",
            "nl.transparant.register.RegisterVersionPublished",
            "for the delivery to the national register; the same publication is recorded as entry-published or new-version-published");

    /** One row per event and one event per record type, so an auditor's filter on a type finds one kind of fact. */
    @Test
    void theTableListsEveryMappedEventOnceWithItsOwnRecordType() {
        List<EventMapping<?>> rows = RecordedEvents.all();
        assertThat(rows).extracting(EventMapping::type).doesNotHaveDuplicates();
        assertThat(rows).extracting(EventMapping::recordType).doesNotHaveDuplicates()
                .doesNotContain(RefusalRecorder.AUTHORISATION_DENIED, DefinitionRecords.DEFINITION_DEPLOYED);
        Map<String, String> byEvent = new TreeMap<>();
        rows.forEach(row -> byEvent.put(row.type().getSimpleName(), row.recordType()));
        assertThat(byEvent).containsEntry("CaseCreated", "case-created").containsEntry("TaskDecided", "task-decided")
                .containsEntry("OrganisationChanged", "organisation-changed").hasSize(34);
    }

    @Test
    void everyPublishedEventIsRecordedOrDeliberatelyNot() throws IOException {
        Map<String, Set<String>> published = publishedEvents();
        assertThat(published).as("events found in the byte code").containsKeys(
                "nl.transparant.cases.CaseEvents$CaseCreated", "nl.transparant.organisations.OrganisationChanged",
                "nl.transparant.assessment.PoliciesReloaded");
        assertThat(published).as("publishEvent calls whose event type the byte code does not show: build the event in the call")
                .doesNotContainKey("?");
        Set<String> mapped = RecordedEvents.all().stream().map(row -> row.type().getName()).collect(Collectors.toCollection(TreeSet::new));
        Set<String> unaccounted = new TreeSet<>(published.keySet());
        unaccounted.removeAll(mapped);
        unaccounted.removeAll(RECORDED_ELSEWHERE.keySet());
        unaccounted.removeAll(NOT_RECORDED.keySet());
        assertThat(unaccounted).as("published events neither in RecordedEvents nor listed as recorded elsewhere or not recorded")
                .isEmpty();
        Set<String> unpublished = new TreeSet<>(mapped);
        unpublished.addAll(RECORDED_ELSEWHERE.keySet());
        unpublished.addAll(NOT_RECORDED.keySet());
        unpublished.removeAll(published.keySet());
        assertThat(unpublished).as("rows and list entries for events nobody publishes").isEmpty();
    }

    /** Event type (binary name, or "?") to the classes that publish it. */
    private static Map<String, Set<String>> publishedEvents() throws IOException {
        Map<String, Set<String>> published = new TreeMap<>();
        List<Path> classes;
        try (Stream<Path> files = Files.walk(Path.of("target", "classes", "nl", "transparant"))) {
            classes = files.filter(file -> file.toString().endsWith(".class")).toList();
        }
        for (Path file : classes) {
            try (InputStream in = Files.newInputStream(file)) {
                ClassReader reader = new ClassReader(in);
                String publisher = reader.getClassName().replace('/', '.');
                reader.accept(new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(int access, String name, String descriptor, String signature, String[] exceptions) {
                        return new PublishCalls(type -> published.computeIfAbsent(type, key -> new TreeSet<>()).add(publisher));
                    }
                }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            }
        }
        return published;
    }

    /** Remembers the type the last instruction left on the stack; at a publishEvent call, that is the event. */
    private static final class PublishCalls extends MethodVisitor {

        private final java.util.function.Consumer<String> found;
        private String lastType = "?";

        PublishCalls(java.util.function.Consumer<String> found) {
            super(Opcodes.ASM9);
            this.found = found;
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String name, String descriptor, boolean isInterface) {
            if (name.equals("publishEvent") && descriptor.equals("(Ljava/lang/Object;)V")) {
                found.accept(lastType);
            }
            Type returned = Type.getReturnType(descriptor);
            lastType = name.equals("<init>") ? owner.replace('/', '.')
                    : returned.getSort() == Type.OBJECT ? returned.getClassName() : "?";
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            lastType = opcode == Opcodes.CHECKCAST ? type.replace('/', '.') : "?";
        }

        @Override
        public void visitInsn(int opcode) {
            lastType = "?";
        }

        @Override
        public void visitVarInsn(int opcode, int var) {
            lastType = "?";
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
            lastType = "?";
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            lastType = "?";
        }

        @Override
        public void visitLdcInsn(Object value) {
            lastType = "?";
        }

        @Override
        public void visitInvokeDynamicInsn(String name, String descriptor, org.springframework.asm.Handle bootstrap, Object... arguments) {
            lastType = "?";
        }
    }
}
