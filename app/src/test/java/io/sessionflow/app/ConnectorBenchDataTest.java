package io.sessionflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.domain.Micros;
import io.sessionflow.domain.Symbol;
import io.sessionflow.feed.FeedMessage;
import io.sessionflow.feed.alpaca.AlpacaCodec;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorBenchDataTest {

    private final ConnectorBenchData data = new ConnectorBenchData(7, 700);

    @Test
    void everyTradeAndQuoteHasItsOwnSlotAndNothingElseHasOne() {
        assertThat(data.perSymbol()).isEqualTo(50);
        assertThat(data.slots()).isEqualTo(700);
        BitSet seen = new BitSet();
        AlpacaCodec codec = new AlpacaCodec(true);
        List<String> frames = data.frames(7, 64);
        assertThat(frames).hasSize(11);
        long points = 0;
        for (String frame : frames) {
            for (FeedMessage m : codec.decode(frame).messages()) {
                if (m instanceof FeedMessage.Trades t) {
                    t.trades().forEach(x -> seen.set(data.slot(x)));
                    points += t.trades().size();
                } else if (m instanceof FeedMessage.Quotes q) {
                    q.quotes().forEach(x -> seen.set(data.slot(x)));
                    points += q.quotes().size();
                }
            }
        }
        assertThat(points).isEqualTo(700);
        assertThat(seen.cardinality()).as("700 distinct slots in 0..699").isEqualTo(700);
        assertThat(seen.length()).isEqualTo(700);

        long open = Micros.of(data.session().open());
        assertThat(data.slot(Symbol.of("OTHER"), ConnectorBenchData.TRADE, open)).isEqualTo(-1);
        assertThat(data.slot(data.symbols().get(0), ConnectorBenchData.TRADE, open + 1)).isEqualTo(-1);
        assertThat(data.slot(data.symbols().get(0), ConnectorBenchData.QUOTE, open)).isEqualTo(-1);
        assertThat(data.slot(data.symbols().get(0), ConnectorBenchData.TRADE, open - 1)).isEqualTo(-1);
        assertThat(data.slot(data.symbols().get(6), ConnectorBenchData.QUOTE, data.quoteMicros(6, 49)))
                .isEqualTo(699);
        assertThat(data.slot(data.symbols().get(6), ConnectorBenchData.QUOTE, data.quoteMicros(6, 50)))
                .as("one past the last").isEqualTo(-1);
    }

    @Test
    void theTicksStayInTheirWindowAndTooDenseDataIsRefused() {
        long window = ConnectorBenchData.WINDOW_MINUTES * Micros.PER_MINUTE;
        assertThat(data.quoteMicros(6, 49) - Micros.of(data.session().open())).isLessThan(window);
        assertThat(data.bars(7)).isEqualTo(14);
        assertThatThrownBy(() -> new ConnectorBenchData(10_000, 200_000_000L))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not fit");
        assertThatThrownBy(() -> new ConnectorBenchData(3, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
