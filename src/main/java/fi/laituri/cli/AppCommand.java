package fi.laituri.cli;

import java.util.Map;
import java.util.concurrent.Callable;

/** A command that needs a running application; start-up failures become one line and exit code 2. */
abstract class AppCommand implements Callable<Integer> {

    /** Where LAITURI_* settings come from; tests replace it. */
    Map<String, String> env = System.getenv();

    @Override
    public final Integer call() throws Exception {
        Application app;
        try {
            beforeStart();
            app = Application.start(env, properties());
        } catch (Application.StartupFailure e) {
            System.err.println("laituri: " + e.getMessage());
            return 2;
        }
        try {
            return run(app);
        } catch (Application.StartupFailure e) {
            app.close();
            System.err.println("laituri: " + e.getMessage());
            return 2;
        }
    }

    /** Checks to make, and work to do, before the application starts, and with it its scheduled jobs. */
    void beforeStart() throws Exception {
    }

    /** One-shot commands leave scheduled publishing to the serving instances. */
    Map<String, Object> properties() {
        return Map.of("laituri.scheduler.enabled", false);
    }

    /** Does the work; closes {@code app} unless it keeps serving. */
    abstract int run(Application app) throws Exception;
}
