package dev.spoke.devserver;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the devserver standalone: {@code java -jar spoke-devserver.jar [--port N] [--workspaces file.json]
 * [--data dir] [--no-schema]}. Prints the base URL and serves until the process is stopped.
 */
public final class DevServerMain {

    private DevServerMain() {
    }

    /** Entry point. */
    public static void main(String[] args) throws InterruptedException {
        DevServer.Builder b = DevServer.builder();
        boolean workspacesSet = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port": b.port(Integer.parseInt(value(args, ++i, a))); break;
                case "--workspaces": b.workspaces(Path.of(value(args, ++i, a))); workspacesSet = true; break;
                case "--data": b.dataDirectory(Path.of(value(args, ++i, a))); break;
                case "--no-schema": b.validateSchema(false); break;
                case "--help":
                case "-h":
                    usage();
                    return;
                default:
                    System.err.println("unknown option " + a);
                    usage();
                    System.exit(2);
            }
        }
        if (!workspacesSet) {
            b.workspaces(WorkspacesFile.example());
        }
        DevServer server = b.build().start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "spoke-devserver-shutdown"));
        System.out.println("spoke devserver at " + server.baseUri());
        System.out.println("  events   " + server.eventsBaseUri());
        System.out.println("  identity " + server.identityBaseUri());
        System.out.println("  config   " + server.configBaseUri());
        System.out.println("  log      " + server.batchLog());
        for (WorkspacesFile.Workspace ws : server.workspacesFile().workspaces()) {
            System.out.println("  workspace " + ws.id() + " key " + ws.apiKey());
        }
        stopped.await();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            System.err.println(option + " needs a value");
            usage();
            System.exit(2);
        }
        return args[i];
    }

    private static void usage() {
        System.err.println("usage: DevServerMain [--port N] [--workspaces file.json] [--data dir] [--no-schema]");
    }
}
