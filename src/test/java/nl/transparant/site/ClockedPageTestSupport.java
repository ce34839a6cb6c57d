package nl.transparant.site;

import nl.transparant.support.ControlledClock;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * {@link PageTestSupport} with a clock the test moves ({@link ControlledClock}), for limits that depend on time. One
 * application context and in-memory database of its own, shared by every subclass.
 */
@Import(ControlledClock.AsBean.class)
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:pages-clocked;MODE=MariaDB;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1")
public abstract class ClockedPageTestSupport extends PageTestSupport {

    @Autowired
    protected ControlledClock clock;
}
