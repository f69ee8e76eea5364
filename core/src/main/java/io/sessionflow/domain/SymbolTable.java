package io.sessionflow.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The growing symbol dictionary of a series builder: symbols are stored once, rows hold an int index. */
final class SymbolTable {

    private final List<Symbol> symbols = new ArrayList<>();
    private final Map<Symbol, Integer> index = new HashMap<>();
    private Symbol last;
    private int lastIndex = -1;

    int indexOf(Symbol symbol) {
        if (symbol == last) {
            return lastIndex;
        }
        Integer i = index.get(symbol);
        if (i == null) {
            i = symbols.size();
            symbols.add(symbol);
            index.put(symbol, i);
        }
        last = symbol;
        lastIndex = i;
        return i;
    }

    Symbol[] toArray() {
        return symbols.toArray(new Symbol[0]);
    }
}
