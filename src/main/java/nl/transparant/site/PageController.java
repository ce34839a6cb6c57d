package nl.transparant.site;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * A controller that renders browser pages. Its failures become pages with the right status code
 * ({@link PageExceptionHandler}), while the API's controllers keep answering with problem+json:
 * the two kinds of controller share services and exceptions, so the marker is what tells them apart.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface PageController {
}
