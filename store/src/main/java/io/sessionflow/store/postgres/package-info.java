/**
 * The PostgreSQL backend for teams sharing one server: HikariCP connections, binary COPY staging, cursor reads.
 * Only {@link io.sessionflow.store.postgres.Postgres} is public; open stores through
 * {@link io.sessionflow.store.Stores}.
 */
package io.sessionflow.store.postgres;
