package io.sessionflow.storage;

import io.sessionflow.corporate.CorporateAction;
import io.sessionflow.corporate.CorporateActions;
import io.sessionflow.corporate.FactorFile;
import io.sessionflow.corporate.MapFile;
import io.sessionflow.domain.Symbol;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Each stored symbol's corporate actions: LEAN factor rows (the lossless form, from which prices are adjusted), the
 * splits and dividends with their ex-dates (derived from factor files when imported, or given in a plain CSV), and
 * map rows (the ticker the security had on each date). A store that keeps none answers empty and refuses records.
 *
 * <p>Implementations are thread-safe.
 */
public interface CorporateActionStore {

    /**
     * Replaces the factor rows of {@code file}'s symbol with its rows, in one transaction.
     *
     * @throws UnsupportedOperationException when the store keeps no corporate actions
     * @throws StorageException              when the store cannot be written
     */
    default void recordFactorFile(FactorFile file) {
        throw new UnsupportedOperationException("this store keeps no corporate actions");
    }

    /** Replaces the map rows of {@code file}'s symbol with its rows; as {@link #recordFactorFile}. */
    default void recordMapFile(MapFile file) {
        throw new UnsupportedOperationException("this store keeps no corporate actions");
    }

    /**
     * Records splits and dividends, one per symbol, ex-date and kind: a repeated one replaces the stored value.
     *
     * @throws UnsupportedOperationException when the store keeps no corporate actions
     */
    default void recordCorporateActions(Collection<CorporateAction> actions) {
        throw new UnsupportedOperationException("this store keeps no corporate actions");
    }

    /** The factor rows stored for {@code symbol}, or empty when none are. */
    default Optional<FactorFile> factorFile(Symbol symbol) {
        return Optional.empty();
    }

    /** The map rows stored for {@code symbol}, or empty when none are. */
    default Optional<MapFile> mapFile(Symbol symbol) {
        return Optional.empty();
    }

    /** The splits and dividends stored for {@code symbol}, by ex-date then kind. */
    default List<CorporateAction> corporateActions(Symbol symbol) {
        return List.of();
    }

    /**
     * The stored security whose map rows give it the ticker {@code ticker} on {@code date} (GOOG for GOOCV on
     * 2014-03-27), or empty when no map file says so.
     */
    default Optional<Symbol> securityTradedAs(Symbol ticker, LocalDate date) {
        return Optional.empty();
    }

    /**
     * The factors a replay adjusts with: a symbol's stored factor rows; without them, the stored splits as factor
     * rows ({@link FactorFile#ofSplits}; stored dividends then adjust nothing, their price factor needing the close
     * before the ex-date, which factor rows carry).
     */
    default CorporateActions factors() {
        return symbol -> factorFile(symbol).or(() -> FactorFile.ofSplits(symbol, corporateActions(symbol)));
    }
}
