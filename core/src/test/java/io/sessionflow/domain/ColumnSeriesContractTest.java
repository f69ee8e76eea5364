package io.sessionflow.domain;

import static io.sessionflow.domain.DomainFixtures.IWM;
import static io.sessionflow.domain.DomainFixtures.QQQ;
import static io.sessionflow.domain.DomainFixtures.SPY;
import static io.sessionflow.domain.DomainFixtures.minuteMicros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What every columnar series promises (rows, views, grouping by symbol, binary search), run once per series type
 * by its subclass. Rows are made by {@link #row}, so a failure names the series type that broke.
 *
 * @param <T> the record a row materialises as
 * @param <S> the series type
 */
abstract class ColumnSeriesContractTest<T, S extends ColumnSeries<T, S>> {

    /** A valid row of {@code symbol} at {@code minute}; {@code tag} tells rows with the same key apart. */
    abstract T row(Symbol symbol, int minute, int tag);

    /** The series of {@code rows}, in that order, built through the type's builder. */
    abstract S series(List<T> rows);

    @Test
    void getGivesTheRowsBackInOrder() {
        List<T> rows = List.of(row(SPY, 0, 1), row(QQQ, 0, 2), row(SPY, 1, 3));
        S s = series(rows);
        assertThat(s).hasSize(3).containsExactlyElementsOf(rows);
        assertThat(s.symbol(1)).isEqualTo(QQQ);
        assertThat(s.timeMicros(2)).isEqualTo(minuteMicros(1));
    }

    @Test
    void rowsOutsideTheSeriesAreRefused() {
        S s = series(List.of(row(SPY, 0, 1), row(SPY, 1, 2)));
        assertThatThrownBy(() -> s.get(2)).isInstanceOf(IndexOutOfBoundsException.class).hasMessage("row 2 of 2");
        assertThatThrownBy(() -> s.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        S view = s.subSeries(1, 2);
        assertThatThrownBy(() -> view.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> view.timeMicros(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void emptySeries() {
        S s = series(List.of());
        assertThat(s).isEmpty();
        assertThat(s.symbols()).isEmpty();
        assertThat(s.bySymbol()).isEmpty();
        assertThat(s.lowerBound(0)).isZero();
        assertThat(s.isTimeOrdered()).isTrue();
    }

    @Test
    void symbolsAreListedOnceInOrderOfFirstAppearance() {
        S s = series(List.of(row(QQQ, 0, 1), row(SPY, 0, 2), row(QQQ, 1, 3), row(IWM, 1, 4)));
        assertThat(s.symbols()).containsExactly(QQQ, SPY, IWM);
        assertThat(s.subSeries(2, 4).symbols()).containsExactly(QQQ, IWM);
    }

    @Test
    void bySymbolOfContiguousRowsGivesViewsSharingTheColumns() {
        List<T> rows = List.of(row(QQQ, 0, 1), row(QQQ, 1, 2), row(SPY, 0, 3), row(SPY, 1, 4), row(SPY, 2, 5));
        S s = series(rows);
        Map<Symbol, S> groups = s.bySymbol();
        assertThat(groups.keySet()).containsExactly(QQQ, SPY);
        assertThat(groups.get(QQQ)).containsExactlyElementsOf(rows.subList(0, 2));
        assertThat(groups.get(SPY)).containsExactlyElementsOf(rows.subList(2, 5));
        assertThat(groups.values()).allSatisfy(g -> assertThat(g.time).isSameAs(s.time));
    }

    @Test
    void bySymbolOfInterleavedRowsCopiesEachSymbolsRowsInOrder() {
        List<T> rows = List.of(row(SPY, 0, 1), row(QQQ, 0, 2), row(SPY, 1, 3), row(IWM, 1, 4), row(QQQ, 2, 5),
                row(SPY, 2, 6));
        Map<Symbol, S> groups = series(rows).bySymbol();
        assertThat(groups.keySet()).containsExactly(SPY, QQQ, IWM);
        assertThat(groups.get(SPY)).containsExactly(rows.get(0), rows.get(2), rows.get(5));
        assertThat(groups.get(QQQ)).containsExactly(rows.get(1), rows.get(4));
        assertThat(groups.get(IWM)).containsExactly(rows.get(3));
    }

    @Test
    void bySymbolOfAViewSeesOnlyTheViewsRows() {
        List<T> rows = List.of(row(IWM, 0, 1), row(SPY, 0, 2), row(QQQ, 0, 3), row(SPY, 1, 4), row(IWM, 1, 5));
        S s = series(rows);
        Map<Symbol, S> interleaved = s.subSeries(1, 4).bySymbol();
        assertThat(interleaved.keySet()).containsExactly(SPY, QQQ);
        assertThat(interleaved.get(SPY)).containsExactly(rows.get(1), rows.get(3));
        assertThat(interleaved.get(QQQ)).containsExactly(rows.get(2));

        Map<Symbol, S> contiguous = s.subSeries(1, 3).bySymbol();
        assertThat(contiguous.get(SPY)).containsExactly(rows.get(1));
        assertThat(contiguous.get(QQQ)).containsExactly(rows.get(2));
    }

    @Test
    void subSeriesIsAViewOfRowsFromInclusiveToExclusive() {
        List<T> rows = List.of(row(SPY, 0, 1), row(SPY, 1, 2), row(SPY, 2, 3), row(SPY, 3, 4), row(SPY, 4, 5));
        S s = series(rows);
        S middle = s.subSeries(1, 4);
        assertThat(middle).containsExactlyElementsOf(rows.subList(1, 4));
        assertThat(middle.time).isSameAs(s.time);
        assertThat(middle.subSeries(1, 3)).containsExactlyElementsOf(rows.subList(2, 4));
        assertThat(s.subSeries(0, 5)).containsExactlyElementsOf(rows);
        assertThat(s.subSeries(2, 2)).isEmpty();
        assertThat(s.subSeries(5, 5)).isEmpty();
    }

    @Test
    void subSeriesBoundsAreChecked() {
        S s = series(List.of(row(SPY, 0, 1), row(SPY, 1, 2), row(SPY, 2, 3)));
        assertThatThrownBy(() -> s.subSeries(-1, 2)).isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("rows [-1, 2) of 3");
        assertThatThrownBy(() -> s.subSeries(0, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> s.subSeries(2, 1)).isInstanceOf(IndexOutOfBoundsException.class);
        // A view's bounds are its own, not those of the columns underneath.
        assertThatThrownBy(() -> s.subSeries(1, 2).subSeries(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void lowerBoundFindsTheFirstRowAtOrAfterATime() {
        // Minutes 0, 2, 2, 2, 5: three rows share minute 2.
        S s = series(List.of(row(SPY, 0, 1), row(SPY, 2, 2), row(QQQ, 2, 3), row(IWM, 2, 4), row(SPY, 5, 5)));
        assertThat(s.lowerBound(minuteMicros(-1))).isZero();
        assertThat(s.lowerBound(minuteMicros(0))).isZero();
        assertThat(s.lowerBound(minuteMicros(0) + 1)).isEqualTo(1);
        assertThat(s.lowerBound(minuteMicros(2))).isEqualTo(1);
        assertThat(s.lowerBound(minuteMicros(3))).isEqualTo(4);
        assertThat(s.lowerBound(minuteMicros(5))).isEqualTo(4);
        assertThat(s.lowerBound(minuteMicros(6))).isEqualTo(5);
        // Relative to a view.
        S view = s.subSeries(2, 5);
        assertThat(view.lowerBound(minuteMicros(0))).isZero();
        assertThat(view.lowerBound(minuteMicros(3))).isEqualTo(2);
        assertThat(view.lowerBound(minuteMicros(9))).isEqualTo(3);
    }

    @Test
    void timeOrderAllowsEqualTimes() {
        assertThat(series(List.of(row(SPY, 0, 1), row(QQQ, 0, 2), row(SPY, 1, 3))).isTimeOrdered()).isTrue();
        S unordered = series(List.of(row(SPY, 1, 1), row(SPY, 0, 2), row(SPY, 2, 3)));
        assertThat(unordered.isTimeOrdered()).isFalse();
        assertThat(unordered.subSeries(1, 3).isTimeOrdered()).isTrue();
    }
}
