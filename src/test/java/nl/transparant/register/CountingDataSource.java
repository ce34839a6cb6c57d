package nl.transparant.register;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * A real data source that writes down the SQL of every statement prepared or executed through it (a JDK proxy over
 * the application's own pool, not a mock): what lets a test say how many round trips a read costs.
 */
final class CountingDataSource {

    private CountingDataSource() {
    }

    static DataSource wrap(DataSource target, List<String> statements) {
        return proxy(DataSource.class, target, (method, args) -> {
            if (method.getName().equals("getConnection")) {
                return connection((Connection) invoke(method, target, args), statements);
            }
            return invoke(method, target, args);
        });
    }

    private static Connection connection(Connection target, List<String> statements) {
        return proxy(Connection.class, target, (method, args) -> {
            String name = method.getName();
            if ((name.equals("prepareStatement") || name.equals("prepareCall")) && args != null && args[0] instanceof String sql) {
                statements.add(sql);
            }
            Object result = invoke(method, target, args);
            if (name.equals("createStatement")) {
                return statement((Statement) result, statements);
            }
            return result;
        });
    }

    private static Statement statement(Statement target, List<String> statements) {
        return proxy(Statement.class, target, (method, args) -> {
            if (method.getName().startsWith("execute") && args != null && args.length > 0 && args[0] instanceof String sql) {
                statements.add(sql);
            }
            return invoke(method, target, args);
        });
    }

    private interface Call {
        Object apply(java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler handler = (proxy, method, args) -> call.apply(method, args);
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
