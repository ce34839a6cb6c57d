package nl.transparant.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.MethodVisitor;
import org.springframework.asm.Opcodes;
import org.springframework.asm.Type;

/**
 * Which events the application publishes, and where, read from its byte code: the value handed to
 * {@code publishEvent} is built right before the call ({@code new X(..)} or a factory method returning X), so the
 * type of the last value put on the stack is the event. Shared by the decision log's coverage test and the event
 * catalogue, so both name the same publishers.
 */
public final class PublishedEvents {

    private PublishedEvents() {
    }

    /** Event type (binary name, or "?") to the classes that publish it. */
    public static Map<String, Set<String>> byEventType() throws IOException {
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
