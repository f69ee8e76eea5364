/**
 * What the SQL backends share: {@link io.sessionflow.store.jdbc.JdbcStore} with its schema, upsert counting and
 * grouped columnar reads, and the small seams ({@link io.sessionflow.store.jdbc.ColumnBatch},
 * {@link io.sessionflow.store.jdbc.StagedRows}) a backend implements for bulk transfer. Internal to the store module:
 * open stores through {@link io.sessionflow.store.Stores}.
 */
package io.sessionflow.store.jdbc;
