package io.sessionflow.feed.alpaca;

/**
 * The Alpaca Market Data v2 stock feeds: the path segment after {@code /v2/} in the stream URL.
 *
 * <p>Immutable (an enum); safe to share between threads.
 */
public enum AlpacaFeed {
    /** The Investors Exchange only; the free plan's feed. */
    IEX("iex"),
    /** The consolidated tape (CTA and UTP SIPs); needs a paid plan. */
    SIP("sip"),
    /** Alpaca's test stream, open at all hours; its symbol is {@code FAKEPACA}. */
    TEST("test");

    private final String path;

    AlpacaFeed(String path) {
        this.path = path;
    }

    /** The URL path segment: {@code iex}, {@code sip} or {@code test}. */
    public String path() {
        return path;
    }
}
