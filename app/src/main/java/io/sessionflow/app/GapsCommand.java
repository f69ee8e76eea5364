package io.sessionflow.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sessionflow.storage.MarketDataStore;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sessionflow gaps}: completeness per symbol and session, measured by a replay with gap repair. */
@Command(name = "gaps", mixinStandardHelpOptions = true,
        description = "Per symbol and session: expected, present and missing 1-minute bars, filled, confirmed "
                + "missing, and quality %%, as the coordinator and the upkeep thread see them.")
final class GapsCommand implements Callable<Integer> {

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    @Mixin
    DbOption db;

    @Mixin
    RunOptions run;

    @Mixin
    DropOptions drop;

    @Mixin
    FormatOption format;

    @Override
    public Integer call() throws Exception {
        boolean json = format.json();
        PrintWriter out = spec.commandLine().getOut();
        try (MarketDataStore store = main.stores().open(db.db)) {
            ReplayRunner.Outcome outcome = ReplayRunner.run(store, run, drop.filter(), List.of(),
                    spec.commandLine().getErr());
            if (json) {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(SummaryJson.of(outcome)));
            } else {
                out.print(Reports.gapTable(outcome));
            }
            out.flush();
            return Main.OK;
        }
    }
}
