package nl.transparant.workflow.history;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.NativeHistoricVariableInstanceQuery;
import org.camunda.bpm.engine.query.NativeQuery;
import org.camunda.bpm.engine.task.NativeTaskQuery;
import org.camunda.bpm.engine.task.Task;

/**
 * The engine reads a review cycle makes on every step, written out once as native queries. The engine's query API
 * builds its SQL anew on every call, evaluating each condition of its mapping by reflection over the query object
 * (OGNL, which looks up a missing getter among all of the object's methods every time): a quarter of the application's
 * CPU per review cycle went there (docs/benchmarks.md, 2026-12-06). A native query is fixed SQL with bound parameters,
 * mapped to the same engine objects, so callers read what they read before.
 *
 * <p>Native queries skip the engine's tenant check. The task reads, which are made for a person, take that person's
 * organisations and apply the check as the engine words it: a task of no organisation, or of one of theirs. The
 * history reads are about one known process instance or case, for the audit trail and the four-eyes check, which must
 * see everything that was done on it anyway. Table names are the engine's own (no prefix is configured).
 */
public final class EngineReads {

    private static final String TASK = "SELECT RES.* FROM ACT_RU_TASK RES";
    /** As the engine's variable query: a variable removed from its instance is no longer one of its variables. */
    private static final String VARIABLES = "SELECT RES.* FROM ACT_HI_VARINST RES WHERE RES.PROC_INST_ID_ = #{instance} "
            + "AND (RES.STATE_ IS NULL OR RES.STATE_ <> #{deleted})";

    private EngineReads() {
    }

    /** The task with this id, if it exists and is of no organisation or of one of these. */
    public static Optional<Task> task(TaskService tasks, String taskId, Collection<String> organisations) {
        NativeTaskQuery query = tasks.createNativeTaskQuery();
        query.sql(TASK + " WHERE RES.ID_ = #{id} AND " + tenantCheck(query, "RES", organisations)).parameter("id", taskId);
        return Optional.ofNullable(query.singleResult());
    }

    /** The active (not suspended) tasks of a case's processes, of no organisation or of one of these, by id. */
    public static List<Task> activeTasksOfCase(TaskService tasks, String caseId, Collection<String> organisations) {
        NativeTaskQuery query = tasks.createNativeTaskQuery();
        query.sql(TASK + " INNER JOIN ACT_RU_EXECUTION INSTANCE ON RES.PROC_INST_ID_ = INSTANCE.ID_"
                        + " WHERE INSTANCE.BUSINESS_KEY_ = #{caseId} AND RES.SUSPENSION_STATE_ = 1 AND "
                        + tenantCheck(query, "RES", organisations) + " ORDER BY RES.ID_")
                .parameter("caseId", caseId);
        return query.list();
    }

    /** The variable of that name of a process instance (none, or one). */
    public static List<HistoricVariableInstance> variable(HistoryService history, String processInstanceId, String name) {
        return variableQuery(history, VARIABLES + " AND RES.NAME_ = #{name}", processInstanceId).parameter("name", name).list();
    }

    private static NativeHistoricVariableInstanceQuery variableQuery(HistoryService history, String sql, String processInstanceId) {
        NativeHistoricVariableInstanceQuery query = history.createNativeHistoricVariableInstanceQuery().disableCustomObjectDeserialization();
        query.sql(sql).parameter("instance", processInstanceId).parameter("deleted", "DELETED");
        return query;
    }

    /** The engine's tenant check, for a person of these organisations: no organisation, or one of theirs. */
    private static String tenantCheck(NativeQuery<?, ?> query, String alias, Collection<String> organisations) {
        if (organisations.isEmpty()) {
            return alias + ".TENANT_ID_ IS NULL";
        }
        StringBuilder check = new StringBuilder("(" + alias + ".TENANT_ID_ IS NULL OR " + alias + ".TENANT_ID_ IN (");
        int i = 0;
        for (String organisation : organisations) {
            check.append(i == 0 ? "" : ", ").append("#{tenant").append(i).append('}');
            query.parameter("tenant" + i, organisation);
            i++;
        }
        return check.append("))").toString();
    }
}
