package io.sessionflow.app;

import io.sessionflow.upkeep.DropFilter;
import picocli.CommandLine.Option;

/** {@code --drop-rate} and {@code --seed} of {@code replay}. Threading: used on the command's thread only. */
final class DropOptions {

    @Option(names = "--drop-rate", paramLabel = "X", defaultValue = "0",
            description = "Drop this seeded fraction of the streamed 1m bars before delivery (storage keeps them, "
                    + "so gap repair fills them).")
    double rate;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of --drop-rate.")
    long seed = 1;

    DropFilter filter() {
        if (!(rate >= 0 && rate <= 1)) {
            throw new UsageException("--drop-rate " + rate + " is not between 0 and 1");
        }
        return new DropFilter(rate, seed);
    }
}
