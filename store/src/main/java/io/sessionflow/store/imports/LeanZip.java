package io.sessionflow.store.imports;

import java.io.IOException;
import java.nio.file.Path;

/**
 * One LEAN zip the importer reads: a minute or tick zip ({@link LeanFile}) or a daily or hour zip
 * ({@link LeanBarFile}).
 *
 * <p>Implementations are immutable; {@link #read} is called by the importing thread.
 */
interface LeanZip {

    Path path();

    /** Reads and validates every row of the zip. */
    ParsedFile read(ProgressMeter meter) throws IOException;
}
