package io.sessionflow.storage;

import io.sessionflow.domain.Symbol;
import java.util.Collection;
import java.util.Optional;

/**
 * The asset class and venue of each stored symbol, recorded when its data is imported.
 *
 * <p>Implementations are thread-safe.
 */
public interface InstrumentStore {

    /** The instrument recorded for {@code symbol}; empty when the store holds none for it. */
    Optional<Instrument> instrument(Symbol symbol);

    /**
     * Records the instruments the store does not know yet, in one transaction; known ones with the same asset class
     * are left as they are (a venue already recorded is kept).
     *
     * @throws IllegalArgumentException naming the symbol and both asset classes when one is recorded with another
     *                                  asset class; nothing is recorded then
     * @throws StorageException         when the store cannot be written
     */
    void recordInstruments(Collection<Instrument> instruments);
}
