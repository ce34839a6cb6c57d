package nl.transparant.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * A GET (or HEAD) of an address no controller serves: whoever asks, signed in or not, gets the "page not found" page
 * in the language they asked for, not a login redirect or a 403 for an address that does not exist. Only reading
 * methods: an unknown POST still meets the CSRF check and the deny-all rule. Addresses a controller does serve are
 * left to the rules before, so nothing that exists becomes readable this way.
 */
final class UnservedPageAddress implements RequestMatcher {

    private final Supplier<HandlerMapping> controllers;

    /**
     * @param controllers the application's request mappings (the annotated controllers), looked up when first asked:
     *                    the web configuration builds them after the security chains
     */
    UnservedPageAddress(Supplier<HandlerMapping> controllers) {
        this.controllers = controllers;
    }

    @Override
    public boolean matches(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return false;
        }
        // the lookup writes request attributes (the matched pattern, the parsed path): on a copy, so the dispatch
        // that follows starts clean
        HttpServletRequest probe = new OwnAttributes(request);
        try {
            ServletRequestPathUtils.parseAndCache(probe);
            return controllers.get().getHandler(probe) == null;
        } catch (Exception servedOtherwise) {
            // e.g. the address exists for another method: not "unknown", so the rules before decide
            return false;
        }
    }

    /** The request with attributes of its own: reads fall through to the original, writes stay here. */
    private static final class OwnAttributes extends HttpServletRequestWrapper {

        private final Map<String, Object> attributes = new HashMap<>();
        private final Set<String> removed = new HashSet<>();

        OwnAttributes(HttpServletRequest request) {
            super(request);
        }

        @Override
        public Object getAttribute(String name) {
            if (attributes.containsKey(name)) {
                return attributes.get(name);
            }
            return removed.contains(name) ? null : super.getAttribute(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
            removed.remove(name);
        }

        @Override
        public void removeAttribute(String name) {
            attributes.remove(name);
            removed.add(name);
        }

        @Override
        public Enumeration<String> getAttributeNames() {
            Set<String> names = new HashSet<>(Collections.list(super.getAttributeNames()));
            names.removeAll(removed);
            names.addAll(attributes.keySet());
            return Collections.enumeration(names);
        }
    }
}
