package nl.transparant.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.LoggerFactory;

/**
 * What the application logged as an unexpected error (a 500) while the tests ran in this JVM, so that a test that
 * receives a 500 can say why in its own failure message: CI keeps only the end of the build's output, where the
 * server's stack trace is long gone.
 */
public final class UnexpectedErrors {

    private static final int KEPT = 5;
    private static final Deque<String> recent = new ArrayDeque<>();
    private static final String NAME = "unexpected-errors-for-tests";

    private UnexpectedErrors() {
    }

    /**
     * Starts keeping the errors the API's exception handler logs. Call it once the application runs (in a
     * {@code @BeforeEach}): Spring Boot resets the logging set-up when a context starts, which removes the listener; it
     * is then attached again, and calling it while attached does nothing.
     */
    public static synchronized void listen() {
        Logger handler = (Logger) LoggerFactory.getLogger("nl.transparant.problems.ApiExceptionHandler");
        if (handler.getAppender(NAME) != null) {
            return;
        }
        AppenderBase<ILoggingEvent> keeper = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
                    remember(event.getFormattedMessage() + causes(event.getThrowableProxy()));
                }
            }
        };
        keeper.setName(NAME);
        keeper.setContext(handler.getLoggerContext());
        keeper.start();
        handler.addAppender(keeper);
    }

    /** The cause chain, one line each, with where the deepest one was thrown: short enough for the end of a CI log. */
    private static String causes(IThrowableProxy thrown) {
        StringBuilder chain = new StringBuilder();
        IThrowableProxy deepest = null;
        for (IThrowableProxy t = thrown; t != null; t = t.getCause()) {
            chain.append("\n  caused by ").append(t.getClassName()).append(": ").append(t.getMessage());
            deepest = t;
        }
        if (deepest != null) {
            StackTraceElementProxy[] frames = deepest.getStackTraceElementProxyArray();
            for (int i = 0; i < Math.min(6, frames.length); i++) {
                chain.append("\n    ").append(frames[i].getSTEAsString());
            }
        }
        return chain.toString();
    }

    private static synchronized void remember(String error) {
        recent.addLast(error.length() > 4000 ? error.substring(0, 4000) + "…" : error);
        while (recent.size() > KEPT) {
            recent.removeFirst();
        }
    }

    /** The last unexpected errors logged, newest last, with their cause chains; empty when there were none. */
    public static synchronized String lastOnes() {
        return recent.isEmpty() ? "(none logged)" : String.join("\n----\n", recent);
    }
}
