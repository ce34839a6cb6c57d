package nl.transparant.assessment;

/**
 * A policy file outside the assessment folders that the administrators' reload reads again too (for instance the
 * four-eyes rule of the workflow), so one reload brings every policy up to date and reports on all of them.
 */
public interface ReloadablePolicy {

    ReloadReport reload();

    ReloadReport lastReload();
}
