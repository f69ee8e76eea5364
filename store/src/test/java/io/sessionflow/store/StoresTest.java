package io.sessionflow.store;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessionflow.storage.StorageException;
import org.junit.jupiter.api.Test;

/** How {@link Stores#open} reads a {@code --db} value and reports values it cannot open. */
class StoresTest {

    @Test
    void blankIsBadInput() {
        assertThatThrownBy(() -> Stores.open(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void otherJdbcUrlsAreNotSupportedAndHideTheirSecrets() {
        assertThatThrownBy(() -> Stores.open("jdbc:mysql://me:hunter2@db.example/x?password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://db.example/x")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void aMalformedPostgresUrlIsBadInput() {
        assertThatThrownBy(() -> Stores.open("jdbc:postgresql://127.0.0.1:notaport/db?password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:postgresql://127.0.0.1:notaport/db")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void anUnreachableServerIsAStorageFailureOnOneLineWithoutThePassword() {
        // Port 1 on the loopback interface: nothing listens there, the connection is refused at once.
        assertThatThrownBy(() -> Stores.open("jdbc:postgresql://127.0.0.1:1/db?user=me&password=hunter2"))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("cannot connect to jdbc:postgresql://127.0.0.1:1/db: ")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("\n");
    }

    @Test
    void openExistingOnAMistypedPathFailsOnOneLineAndCreatesNothing(@org.junit.jupiter.api.io.TempDir
                                                                     java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Path typo = dir.resolve("nonexist/y.duckdb");

        assertThatThrownBy(() -> Stores.openExisting(typo.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DuckDB file " + typo + " does not exist");
        org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.list(dir)).isEmpty();
        assertThatThrownBy(() -> Stores.openExisting("jdbc:mysql://db.example/x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPathWhereNoFileCanBeMadeIsBadInputNamingIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path blocker = java.nio.file.Files.createFile(dir.resolve("blocker"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Stores.open(blocker.resolve("x.duckdb").toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot create the folder " + blocker);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Stores.open("/dev/null"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DuckDB file /dev/null is not a regular file");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Stores.open(dir.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageEndingWith("is a folder");
        org.assertj.core.api.Assertions.assertThat(java.nio.file.Files.list(dir)).containsExactly(blocker);
    }
}
