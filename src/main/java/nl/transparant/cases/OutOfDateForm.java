package nl.transparant.cases;

import nl.transparant.identity.PeopleNames;
import nl.transparant.identity.StaffUser;

/**
 * What a form that went out of date says (a save refused because the case changed since it was opened): who saved the
 * texts meanwhile, by name, or that it was the person themselves in another window or tab; "someone else" only for a
 * case last saved before this was kept.
 *
 * @param key      the notice's message key: {@code base}, {@code base.by} (with the name), {@code base.self}, or
 *                 {@code base.moved} when the case moved on while its texts stayed as they were
 * @param argument the name for {@code base.by}, else null
 */
record OutOfDateForm(String key, String argument) {

    static OutOfDateForm of(String base, AlgorithmCase current, StaffUser user, PeopleNames people, Long opened) {
        if (opened != null && !current.textsChangedSince(opened)) {
            // the case moved on (submitted, sent back), its texts did not: nobody is named
            return new OutOfDateForm(base + ".moved", null);
        }
        return current.getTextsChangedBy()
                .map(by -> by.equals(user.id()) ? new OutOfDateForm(base + ".self", null) : new OutOfDateForm(base + ".by", people.name(by)))
                .orElseGet(() -> new OutOfDateForm(base, null));
    }
}
