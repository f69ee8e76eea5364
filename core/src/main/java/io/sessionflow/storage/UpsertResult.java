package io.sessionflow.storage;

/**
 * What an upsert did: rows new to the store, rows whose key existed with different values (overwritten), rows whose
 * key existed with the same values (left alone). Re-importing a file gives {@code inserted == 0 && updated == 0}.
 *
 * <p>Immutable.
 */
public record UpsertResult(long inserted, long updated, long unchanged) {

    public static final UpsertResult NONE = new UpsertResult(0, 0, 0);

    public UpsertResult {
        if (inserted < 0 || updated < 0 || unchanged < 0) {
            throw new IllegalArgumentException("negative count in " + inserted + "/" + updated + "/" + unchanged);
        }
    }

    /** Rows whose key was already stored: updated plus unchanged. */
    public long duplicates() {
        return updated + unchanged;
    }

    public long total() {
        return inserted + updated + unchanged;
    }

    public UpsertResult plus(UpsertResult other) {
        return new UpsertResult(inserted + other.inserted, updated + other.updated, unchanged + other.unchanged);
    }
}
