using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Data.Sqlite;

namespace RemoteKit.Controller.History;

/// <summary>
/// History storage in a SQLite file (write-ahead log, so queries read while the writer writes). One connection, owned by
/// the writer's thread, writes; each query opens its own. Times are UTC ticks; statuses are lower-case names, so the file
/// reads well in the <c>sqlite3</c> shell.
/// </summary>
internal sealed partial class SqliteTaskHistoryStorage : ITaskHistoryStorage
{
    private const int SchemaVersion = 2;

    private const string Columns =
        "t.task_id, t.status, t.client_id, t.method, t.engine_id, t.submitted, t.started, t.completed, t.attempts, " +
        "t.error_type, t.error_message, t.bytes_in, t.bytes_out, r.task_id IS NOT NULL, " +
        "a.task_id IS NOT NULL, t.resubmit_of";

    private const string Joins = "LEFT JOIN results r ON r.task_id = t.task_id LEFT JOIN arguments a ON a.task_id = t.task_id";

    private static readonly string[] StatusNames = Enum.GetNames<TaskHistoryStatus>().Select(n => n.ToLowerInvariant()).ToArray();

    private readonly string _readConnectionString;
    private readonly TaskHistoryOptions _options;
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _keepResult;
    private readonly SqliteCommand _keepArguments;
    private long _resultBytes;
    private long _argumentBytes;

    private SqliteTaskHistoryStorage(string path, TaskHistoryOptions options)
    {
        _options = options;
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        _readConnectionString = new SqliteConnectionStringBuilder(builder.ConnectionString) { Mode = SqliteOpenMode.ReadOnly }.ConnectionString;
        _connection = new SqliteConnection(builder.ConnectionString);
        _connection.Open();
        try
        {
            Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
            CreateSchema();
            RecordCount = Scalar("SELECT count(*) FROM tasks");
            LastTaskId = unchecked((ulong)Scalar("SELECT coalesce(max(task_id), 0) FROM tasks"));
            _resultBytes = Scalar("SELECT coalesce(sum(size), 0) FROM results");
            _argumentBytes = Scalar("SELECT coalesce(sum(size), 0) FROM arguments");
            _upsert = Prepare(
                """
                INSERT INTO tasks (task_id, status, client_id, method, engine_id, submitted, started, completed, attempts, error_type, error_message, bytes_in, bytes_out,
                    body_kind, target, retries, timeout_ms, resubmit_of)
                VALUES ($id, $status, $client, $method, $engine, $submitted, $started, $completed, $attempts, $error_type, $error_message, $bytes_in, $bytes_out,
                    $body_kind, $target, $retries, $timeout_ms, $resubmit_of)
                ON CONFLICT (task_id) DO UPDATE SET
                    status = excluded.status,
                    client_id = coalesce(excluded.client_id, client_id),
                    method = coalesce(excluded.method, method),
                    engine_id = coalesce(excluded.engine_id, engine_id),
                    submitted = coalesce(excluded.submitted, submitted),
                    started = coalesce(excluded.started, started),
                    completed = coalesce(excluded.completed, completed),
                    attempts = attempts + excluded.attempts,
                    error_type = coalesce(excluded.error_type, error_type),
                    error_message = coalesce(excluded.error_message, error_message),
                    bytes_in = coalesce(excluded.bytes_in, bytes_in),
                    bytes_out = coalesce(excluded.bytes_out, bytes_out),
                    body_kind = coalesce(excluded.body_kind, body_kind),
                    target = coalesce(excluded.target, target),
                    retries = coalesce(excluded.retries, retries),
                    timeout_ms = coalesce(excluded.timeout_ms, timeout_ms),
                    resubmit_of = coalesce(excluded.resubmit_of, resubmit_of)
                """,
                "$id", "$status", "$client", "$method", "$engine", "$submitted", "$started", "$completed", "$attempts",
                "$error_type", "$error_message", "$bytes_in", "$bytes_out", "$body_kind", "$target", "$retries", "$timeout_ms", "$resubmit_of");
            _keepResult = Prepare("INSERT OR REPLACE INTO results (task_id, size, bytes) VALUES ($id, $size, $bytes)", "$id", "$size", "$bytes");
            _keepArguments = Prepare("INSERT OR REPLACE INTO arguments (task_id, size, bytes) VALUES ($id, $size, $bytes)", "$id", "$size", "$bytes");
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    public ulong LastTaskId { get; }

    /// <summary>Records stored (as of opening, then kept up to date by the writer).</summary>
    public long RecordCount { get; private set; }

    public static SqliteTaskHistoryStorage Open(string path, TaskHistoryOptions options)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        return new SqliteTaskHistoryStorage(path, options);
    }

    public void Write(ReadOnlySpan<TaskChange> changes)
    {
        try
        {
            WriteInTransaction(Merge(changes));
        }
        catch
        {
            // The transaction rolled back: count again what the file holds.
            RecordCount = Scalar("SELECT count(*) FROM tasks");
            _resultBytes = Scalar("SELECT coalesce(sum(size), 0) FROM results");
            _argumentBytes = Scalar("SELECT coalesce(sum(size), 0) FROM arguments");
            throw;
        }
    }

    public IReadOnlyList<TaskHistoryRecord> Query(TaskHistoryQuery query)
    {
        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        var where = new StringBuilder("WHERE 1 = 1");
        if (query.Statuses is { Count: > 0 } statuses)
        {
            where.Append(" AND t.status IN (");
            for (var i = 0; i < statuses.Count; i++)
            {
                where.Append(i == 0 ? "$s" : ", $s").Append(i);
                command.Parameters.AddWithValue("$s" + i.ToString(CultureInfo.InvariantCulture), StatusNames[(int)statuses[i]]);
            }

            where.Append(')');
        }

        AddFilter(command, where, "t.method = $method", "$method", query.Method);
        AddFilter(command, where, "t.engine_id = $engine", "$engine", query.EngineId);
        AddFilter(command, where, "t.client_id = $client", "$client", query.ClientId);
        AddFilter(command, where, "t.submitted >= $from", "$from", query.SubmittedFrom?.UtcTicks);
        AddFilter(command, where, "t.submitted < $before", "$before", query.SubmittedBefore?.UtcTicks);
        var select = $"SELECT {Columns} FROM tasks t {Joins} {where} ORDER BY t.task_id";
        if (query.MaxRecords is { } max)
        {
            command.Parameters.AddWithValue("$max", max);
            command.CommandText = $"SELECT * FROM ({select} DESC LIMIT $max) ORDER BY 1";
        }
        else
        {
            command.CommandText = select;
        }

        using var reader = command.ExecuteReader();
        var records = new List<TaskHistoryRecord>();
        while (reader.Read())
        {
            records.Add(ReadRecord(reader));
        }

        return records;
    }

    public TaskHistoryRecord? Get(ulong taskId)
    {
        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM tasks t {Joins} WHERE t.task_id = $id";
        command.Parameters.AddWithValue("$id", unchecked((long)taskId));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadRecord(reader) : null;
    }

    public byte[]? GetResult(ulong taskId)
    {
        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT bytes FROM results WHERE task_id = $id";
        command.Parameters.AddWithValue("$id", unchecked((long)taskId));
        return command.ExecuteScalar() as byte[];
    }

    public TaskArguments? GetArguments(ulong taskId)
    {
        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            "SELECT t.body_kind, t.target, t.retries, t.timeout_ms, t.bytes_in, t.resubmit_of, a.bytes FROM tasks t " +
            "LEFT JOIN arguments a ON a.task_id = t.task_id WHERE t.task_id = $id AND t.body_kind IS NOT NULL";
        command.Parameters.AddWithValue("$id", unchecked((long)taskId));
        using var r = command.ExecuteReader();
        if (!r.Read())
        {
            return null;
        }

        return new TaskArguments
        {
            BodyKind = (byte)r.GetInt32(0),
            Target = r.GetInt32(1),
            Retries = r.GetInt32(2),
            TimeoutMilliseconds = r.GetInt32(3),
            Size = r.IsDBNull(4) ? 0 : r.GetInt64(4),
            ResubmitOf = r.IsDBNull(5) ? null : unchecked((ulong)r.GetInt64(5)),
            Body = r.IsDBNull(6) ? null : (byte[])r.GetValue(6),
        };
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _keepResult.Dispose();
        _keepArguments.Dispose();
        _connection.Dispose();
    }

    /// <summary>Each task's changes in the batch as one, so a short task is one statement, not three.</summary>
    private static Dictionary<ulong, TaskChange>.ValueCollection Merge(ReadOnlySpan<TaskChange> changes)
    {
        var merged = new Dictionary<ulong, TaskChange>(changes.Length);
        foreach (ref readonly var change in changes)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(merged, change.TaskId, out var exists);
            if (exists)
            {
                slot.Absorb(change);
            }
            else
            {
                slot = change;
            }
        }

        return merged.Values;
    }

    private void WriteInTransaction(Dictionary<ulong, TaskChange>.ValueCollection changes)
    {
        using var transaction = _connection.BeginTransaction();
        _upsert.Transaction = transaction;
        _keepResult.Transaction = transaction;
        _keepArguments.Transaction = transaction;
        var p = _upsert.Parameters;
        foreach (var change in changes)
        {
            p[0].Value = unchecked((long)change.TaskId);
            p[1].Value = StatusNames[(int)change.Status];
            p[2].Value = Db(change.ClientId);
            p[3].Value = (object?)change.Method ?? DBNull.Value;
            p[4].Value = Db(change.EngineId);
            p[5].Value = Db(change.SubmittedAt?.UtcTicks);
            p[6].Value = Db(change.StartedAt?.UtcTicks);
            p[7].Value = Db(change.CompletedAt?.UtcTicks);
            p[8].Value = change.Attempts;
            p[9].Value = (object?)change.ErrorType ?? DBNull.Value;
            p[10].Value = (object?)change.ErrorMessage ?? DBNull.Value;
            p[11].Value = Db(change.BytesIn);
            p[12].Value = Db(change.BytesOut);
            var placement = change.Placement;
            p[13].Value = Db((int?)placement?.BodyKind);
            p[14].Value = Db(placement?.Target);
            p[15].Value = Db(placement?.Retries);
            p[16].Value = Db(placement?.TimeoutMilliseconds);
            p[17].Value = placement?.ResubmitOf is { } of ? unchecked((long)of) : DBNull.Value;
            _upsert.ExecuteNonQuery();
            if (change.IsNew)
            {
                RecordCount++;
            }

            if (change.Result is { } result)
            {
                _keepResult.Parameters[0].Value = unchecked((long)change.TaskId);
                _keepResult.Parameters[1].Value = result.LongLength;
                _keepResult.Parameters[2].Value = result;
                _keepResult.ExecuteNonQuery();
                _resultBytes += result.LongLength;
            }

            if (change.Body is { } body)
            {
                _keepArguments.Parameters[0].Value = unchecked((long)change.TaskId);
                _keepArguments.Parameters[1].Value = (long)body.Length;
                _keepArguments.Parameters[2].Value = body.ToArray();
                _keepArguments.ExecuteNonQuery();
                _argumentBytes += body.Length;
            }
        }

        if (RecordCount > _options.MaxRecords)
        {
            DropOldestRecords(transaction);
        }

        if (_resultBytes > _options.ResultBudgetBytes)
        {
            _resultBytes = DropOldest(transaction, "results", _resultBytes, _options.ResultBudgetBytes);
        }

        if (_argumentBytes > _options.ArgumentBudgetBytes)
        {
            _argumentBytes = DropOldest(transaction, "arguments", _argumentBytes, _options.ArgumentBudgetBytes);
        }

        transaction.Commit();
    }

    private static object Db<T>(T? value)
        where T : struct => value.HasValue ? value.Value : DBNull.Value;

    private static void AddFilter(SqliteCommand command, StringBuilder where, string condition, string name, object? value)
    {
        if (value is not null)
        {
            where.Append(" AND ").Append(condition);
            command.Parameters.AddWithValue(name, value);
        }
    }

    private static TaskHistoryRecord ReadRecord(SqliteDataReader r) => new()
    {
        TaskId = unchecked((ulong)r.GetInt64(0)),
        Status = (TaskHistoryStatus)Array.IndexOf(StatusNames, r.GetString(1)),
        ClientId = r.IsDBNull(2) ? null : r.GetInt32(2),
        Method = r.IsDBNull(3) ? null : r.GetString(3),
        EngineId = r.IsDBNull(4) ? null : r.GetInt32(4),
        SubmittedAt = Time(r, 5),
        StartedAt = Time(r, 6),
        CompletedAt = Time(r, 7),
        Attempts = r.GetInt32(8),
        ErrorType = r.IsDBNull(9) ? null : r.GetString(9),
        ErrorMessage = r.IsDBNull(10) ? null : r.GetString(10),
        BytesIn = r.IsDBNull(11) ? null : r.GetInt64(11),
        BytesOut = r.IsDBNull(12) ? null : r.GetInt64(12),
        HasResult = r.GetBoolean(13),
        HasArguments = r.GetBoolean(14),
        ResubmitOf = r.IsDBNull(15) ? null : unchecked((ulong)r.GetInt64(15)),
    };

    private static DateTimeOffset? Time(SqliteDataReader r, int i) =>
        r.IsDBNull(i) ? null : new DateTimeOffset(r.GetInt64(i), TimeSpan.Zero);
    private void DropOldestRecords(SqliteTransaction transaction)
    {
        // Keep the MaxRecords highest task ids: everything at or below the first one past them goes, with its result.
        using var cut = _connection.CreateCommand();
        cut.Transaction = transaction;
        cut.CommandText = "SELECT task_id FROM tasks ORDER BY task_id DESC LIMIT 1 OFFSET $keep";
        cut.Parameters.AddWithValue("$keep", _options.MaxRecords);
        if (cut.ExecuteScalar() is not long cutId)
        {
            return;
        }

        using var delete = _connection.CreateCommand();
        delete.Transaction = transaction;
        delete.Parameters.AddWithValue("$cut", cutId);
        delete.CommandText = "SELECT coalesce(sum(size), 0) FROM results WHERE task_id <= $cut";
        _resultBytes -= (long)delete.ExecuteScalar()!;
        delete.CommandText = "DELETE FROM results WHERE task_id <= $cut";
        delete.ExecuteNonQuery();
        delete.CommandText = "SELECT coalesce(sum(size), 0) FROM arguments WHERE task_id <= $cut";
        _argumentBytes -= (long)delete.ExecuteScalar()!;
        delete.CommandText = "DELETE FROM arguments WHERE task_id <= $cut";
        delete.ExecuteNonQuery();
        delete.CommandText = "DELETE FROM tasks WHERE task_id <= $cut";
        RecordCount -= delete.ExecuteNonQuery();
    }

    /// <summary>Drops the oldest rows of <paramref name="table"/> (results or arguments) until its size is within <paramref name="budget"/>; returns the size left.</summary>
    private long DropOldest(SqliteTransaction transaction, string table, long total, long budget)
    {
        using var scan = _connection.CreateCommand();
        scan.Transaction = transaction;
        scan.CommandText = $"SELECT task_id, size FROM {table} ORDER BY task_id";
        long? cutId = null;
        var remaining = total;
        using (var reader = scan.ExecuteReader())
        {
            while (remaining > budget && reader.Read())
            {
                cutId = reader.GetInt64(0);
                remaining -= reader.GetInt64(1);
            }
        }

        if (cutId is null)
        {
            return total;
        }

        using var delete = _connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = $"DELETE FROM {table} WHERE task_id <= $cut";
        delete.Parameters.AddWithValue("$cut", cutId.Value);
        delete.ExecuteNonQuery();
        return remaining;
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long Scalar(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
