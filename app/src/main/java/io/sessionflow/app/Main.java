package io.sessionflow.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.sessionflow.storage.StorageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of {@code sessionflow}. Exit codes: 0 on success, 2 on bad usage or bad input (one line on stderr,
 * naming the offending value), 1 on any other failure (one line, the stack trace with {@code --verbose}).
 */
@Command(name = "sessionflow", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Session-aware market-data coordinator: replay, import, generate, inspect.",
        subcommands = {DemoCommand.class, CalendarCommand.class, ImportCommand.class, GenerateCommand.class,
                ReplayCommand.class, LiveCommand.class, GapsCommand.class, CoverageCommand.class, ExportCommand.class,
                BenchCommand.class, FeedServerCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Log detail (DEBUG) and print stack traces of failures.")
    void setVerbose(boolean verbose) {
        Main.verbose = verbose;
        ((Logger) LoggerFactory.getLogger("io.sessionflow")).setLevel(verbose ? Level.DEBUG : Level.WARN);
    }

    private static volatile boolean verbose;

    private StoreOpener storeOpener = StoreOpener.stores();

    /** The opener commands use for {@code --db}. */
    StoreOpener stores() {
        return storeOpener;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, StoreOpener.stores());
    }

    /** Runs one command line with the given streams and store opener; returns the exit code. Used by tests. */
    public static int run(String[] args, PrintStream out, PrintStream err, StoreOpener opener) {
        new Main().setVerbose(false);  // each run starts quiet, whatever an earlier in-process run asked for
        Main main = new Main();
        main.storeOpener = opener;
        PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        CommandLine cli = new CommandLine(main)
                .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                .setErr(errWriter)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setParameterExceptionHandler((ex, a) -> {
                    // One line, as for every usage error: the help hint goes at its end, not on a line of its own.
                    CommandLine cmd = ex.getCommandLine();
                    errWriter.println(prefix(cmd) + message(ex) + " (try '" + cmd.getCommandSpec().qualifiedName()
                            + " --help')");
                    return USAGE;
                })
                .setExecutionExceptionHandler((ex, cmd, parsed) -> {
                    boolean usage = isUsage(ex);
                    errWriter.println(prefix(cmd) + (usage ? "" : "error: ") + message(ex));
                    if (verbose) {
                        ex.printStackTrace(errWriter);
                    } else if (!usage) {
                        errWriter.println("(run with --verbose for the stack trace)");
                    }
                    return usage ? USAGE : FAILURE;
                });
        Converters.register(cli);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // What held the memory is gone with the stack; what is left is enough for one line instead of a trace.
            errWriter.println("sessionflow: error: out of memory (" + e.getMessage() + ", the JVM's heap is at most "
                    + (Runtime.getRuntime().maxMemory() >> 20) + " MB): give it more, for example "
                    + "SESSIONFLOW_JAVA_OPTS=-Xmx8g, or ask for less (fewer symbols or sessions)");
            return FAILURE;
        }
    }

    private static boolean isUsage(Throwable ex) {
        return ex instanceof UsageException
                || ex instanceof DateTimeParseException
                || (ex instanceof IllegalArgumentException && !(ex.getCause() instanceof StorageException));
    }

    private static String message(Throwable ex) {
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }

    private static String prefix(CommandLine cmd) {
        return cmd.getCommandSpec().qualifiedName() + ": ";
    }

    /** The project version, written into {@code version.properties} by the build (Maven resource filtering). */
    static final class Version implements CommandLine.IVersionProvider {

        static final String RESOURCE = "version.properties";

        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IOException(RESOURCE + " is missing from the build of " + Main.class.getName());
                }
                p.load(in);
            }
            return new String[] {"sessionflow " + p.getProperty("version", "(version.properties has no version)")};
        }
    }
}
