using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;

namespace RemoteKit.Controller.History;

/// <summary>The history file's schema: created, or upgraded in place from an earlier version.</summary>
internal sealed partial class SqliteTaskHistoryStorage
{

    private void CreateSchema()
    {
        var version = Scalar("PRAGMA user_version");
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException(
                $"The task history {_connection.DataSource} has schema version {version}, newer than this RemoteKit's {SchemaVersion}. Use a newer RemoteKit, or move the file away.");
        }

        Execute(
            """
            CREATE TABLE IF NOT EXISTS tasks (
                task_id INTEGER PRIMARY KEY,
                status TEXT NOT NULL,
                client_id INTEGER,
                method TEXT,
                engine_id INTEGER,
                submitted INTEGER,
                started INTEGER,
                completed INTEGER,
                attempts INTEGER NOT NULL DEFAULT 0,
                error_type TEXT,
                error_message TEXT,
                bytes_in INTEGER,
                bytes_out INTEGER);
            CREATE TABLE IF NOT EXISTS results (
                task_id INTEGER PRIMARY KEY,
                size INTEGER NOT NULL,
                bytes BLOB NOT NULL);
            """);
        if (version < 2)
        {
            // Version 2: how to run a task again, and the bodies kept for it (resubmit). A version 1 file gains the columns,
            // empty for its old records.
            Execute(
                """
                ALTER TABLE tasks ADD COLUMN body_kind INTEGER;
                ALTER TABLE tasks ADD COLUMN target INTEGER;
                ALTER TABLE tasks ADD COLUMN retries INTEGER;
                ALTER TABLE tasks ADD COLUMN timeout_ms INTEGER;
                ALTER TABLE tasks ADD COLUMN resubmit_of INTEGER;
                CREATE TABLE IF NOT EXISTS arguments (
                    task_id INTEGER PRIMARY KEY,
                    size INTEGER NOT NULL,
                    bytes BLOB NOT NULL);
                PRAGMA user_version = 2;
                """);
        }
    }
}
