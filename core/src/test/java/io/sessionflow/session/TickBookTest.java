package io.sessionflow.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Quote;
import io.sessionflow.domain.Symbol;
import io.sessionflow.domain.Trade;
import java.time.Instant;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TickBookTest {

    private static final Symbol AAA = Symbol.of("AAA");
    private static final long T0 = Micros.of(Instant.parse("2025-11-24T14:30:00Z"));

    @Test
    void quotesKeepTheirColumnsAndTheNewestRowsUpToTheRetention() {
        TickBook book = new TickBook(40, 1);
        for (int i = 0; i < 100; i++) {  // grows 16 -> 32 -> 40, then wraps
            book.addQuote(T0 + i, 10 + i, 11 + i, i, 2L * i);
        }
        assertThat(book.quoteCount()).isEqualTo(40);
        assertThat(book.droppedQuotes()).isEqualTo(60);
        assertThat(book.quotes(AAA)).extracting(q -> Micros.of(q.time()))
                .containsExactlyElementsOf(LongStream.range(60, 100).map(i -> T0 + i).boxed().toList());
        Quote last = book.quotes(AAA).get(39);
        assertThat(last.symbol()).isEqualTo(AAA);
        assertThat(new double[] {last.bid(), last.ask()}).containsExactly(109, 110);
        assertThat(new double[] {last.bidSize(), last.askSize()}).containsExactly(99, 198);
        assertThat(book.tradeCount()).as("trades are a ring of their own").isZero();
    }

    @Test
    void rowsKeepTheirOrderAcrossGrowthAfterWrapping() {
        TickBook book = new TickBook(1, 20);
        for (int i = 0; i < 20; i++) {
            book.addTrade(T0 + i, 100 + i, i);
        }
        assertThat(book.droppedTrades()).isZero();
        book.addTrade(T0 + 20, 120, 20);
        book.addTrade(T0 + 21, 121, 21);
        assertThat(book.droppedTrades()).isEqualTo(2);
        assertThat(book.trades(AAA)).extracting(Trade::price)
                .containsExactlyElementsOf(IntStream.range(2, 22).mapToObj(i -> 100.0 + i).toList());
        assertThat(book.trades(AAA)).extracting(Trade::size)
                .containsExactlyElementsOf(IntStream.range(2, 22).mapToObj(i -> (double) i).toList());
        assertThat(book.quoteCount()).isZero();
    }

    @Test
    void aRetentionOfOneKeepsTheLatestAndCountsTheRest() {
        TickBook book = new TickBook(1, 1);
        book.addQuote(T0, 1, 2, 3, 4);
        book.addQuote(T0 + 1, 5, 6, 7, 8);
        book.addQuote(T0 + 2, 9, 10, 11, 12);
        assertThat(book.quotes(AAA)).extracting(Quote::bid).containsExactly(9.0);
        assertThat(book.droppedQuotes()).isEqualTo(2);
    }

    @Test
    void clearForgetsTheRowsAndRestartsTheDropCounts() {
        TickBook book = new TickBook(5, 5);
        for (int i = 0; i < 12; i++) {
            book.addQuote(T0 + i, 1, 2, 3, 4);
            book.addTrade(T0 + i, 1, 1);
        }
        book.clear();
        assertThat(book.quotes(AAA)).isEmpty();
        assertThat(book.trades(AAA)).isEmpty();
        assertThat(book.droppedQuotes()).isZero();
        assertThat(book.droppedTrades()).isZero();
        book.addTrade(T0 + 100, 7, 7);
        assertThat(book.trades(AAA)).extracting(Trade::price).containsExactly(7.0);
    }

    @Test
    void theRetentionMustBePositive() {
        assertThatThrownBy(() -> new TickBook(0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tick retention 0 is not positive");
    }
}
