using System.Buffers;
using System.Text;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using RemoteKit.Diagnostics;

namespace RemoteKit.Controller.History;

/// <summary>
/// The task history in a SQLite file, so it outlives the controller. The hub's calls only enqueue: a background writer drains
/// a bounded channel and writes each batch in one transaction, then drops the records older than the newest
/// <see cref="TaskHistoryOptions.MaxRecords"/> task ids.
/// </summary>
internal sealed class SqliteTaskHistory : ITaskHistory
{
    private const string Columns =
        "task_id, client_id, method, engine_id, submitted, started, completed, status, attempts, error_type, error_message, bytes_in, bytes_out";

    private readonly TaskHistoryOptions _options;
    private readonly ILogger _logger;
    private readonly string _connectionString;
    private readonly SqliteConnection _writeConnection;
    private readonly Channel<Entry> _queue;
    private readonly Task _writer;
    private long _dropped;
    private long _highest;

    private SqliteTaskHistory(TaskHistoryOptions options, ILogger logger, string connectionString, SqliteConnection writeConnection, ulong highest)
    {
        _options = options;
        _logger = logger;
        _connectionString = connectionString;
        _writeConnection = writeConnection;
        _highest = (long)highest;
        _queue = Channel.CreateBounded<Entry>(new BoundedChannelOptions(options.WriteQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>The file this history is stored in.</summary>
    public required string File { get; init; }

    public ulong HighestTaskId => (ulong)Interlocked.Read(ref _highest);

    public long DroppedRecords => Interlocked.Read(ref _dropped);

    /// <summary>Opens (creating when missing) the history in <paramref name="file"/>.</summary>
    public static async Task<SqliteTaskHistory> OpenAsync(string file, TaskHistoryOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, """
                PRAGMA journal_mode = WAL;
                PRAGMA synchronous = NORMAL;
                CREATE TABLE IF NOT EXISTS tasks (
                    task_id INTEGER PRIMARY KEY,
                    client_id INTEGER NOT NULL,
                    method TEXT NOT NULL,
                    engine_id INTEGER,
                    submitted INTEGER NOT NULL,
                    started INTEGER,
                    completed INTEGER,
                    status INTEGER NOT NULL,
                    attempts INTEGER NOT NULL,
                    error_type TEXT,
                    error_message TEXT,
                    bytes_in INTEGER NOT NULL,
                    bytes_out INTEGER NOT NULL,
                    result BLOB);
                CREATE INDEX IF NOT EXISTS tasks_status ON tasks(status);
                CREATE INDEX IF NOT EXISTS tasks_method ON tasks(method);
                CREATE INDEX IF NOT EXISTS tasks_engine ON tasks(engine_id);
                CREATE INDEX IF NOT EXISTS tasks_submitted ON tasks(submitted);
                """, cancellationToken).ConfigureAwait(false);
            await using var max = connection.CreateCommand();
            max.CommandText = "SELECT COALESCE(MAX(task_id), 0) FROM tasks";
            var highest = Convert.ToUInt64(await max.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false));
            logger.LogInformation(ObservabilityEventIds.HistoryOpened, "Task history in {File} (last task id {TaskId})", file, highest);
            return new SqliteTaskHistory(options, logger, connectionString, connection, highest) { File = file };
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Record(TaskHistoryRecord record) => Enqueue(new Entry(record, null, null));

    public void Record(TaskHistoryRecord record, in ReadOnlySequence<byte> result) =>
        Enqueue(new Entry(record, TaskHistory.KeptResult(_options, result), null));

    private void Enqueue(Entry entry)
    {
        if (_queue.Writer.TryWrite(entry))
        {
            InterlockedMax(ref _highest, (long)entry.Record!.TaskId);
            return;
        }

        if (Interlocked.Increment(ref _dropped) == 1)
        {
            _logger.LogWarning(ObservabilityEventIds.HistoryRecordsDropped, "The task history cannot keep up; records are being dropped ({File})", File);
        }
    }

    public async ValueTask FlushAsync(CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            await _queue.Writer.WriteAsync(new Entry(null, null, done), cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return;
        }

        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<TaskHistoryRecord>> QueryAsync(TaskHistoryQuery query, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        var where = new StringBuilder("WHERE 1 = 1");
        if (query.Status is { } status)
        {
            where.Append(" AND status = $status");
            command.Parameters.AddWithValue("$status", (int)status);
        }

        if (query.Method is { } method)
        {
            where.Append(" AND method = $method");
            command.Parameters.AddWithValue("$method", method);
        }

        if (query.EngineId is { } engine)
        {
            where.Append(" AND engine_id = $engine");
            command.Parameters.AddWithValue("$engine", engine);
        }

        if (query.SubmittedFrom is { } from)
        {
            where.Append(" AND submitted >= $from");
            command.Parameters.AddWithValue("$from", from.UtcTicks);
        }

        if (query.SubmittedBefore is { } before)
        {
            where.Append(" AND submitted < $before");
            command.Parameters.AddWithValue("$before", before.UtcTicks);
        }

        command.Parameters.AddWithValue("$limit", query.Limit ?? -1);
        command.CommandText = $"SELECT * FROM (SELECT {Columns} FROM tasks {where} ORDER BY task_id DESC LIMIT $limit) ORDER BY task_id";
        var records = new List<TaskHistoryRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            records.Add(new TaskHistoryRecord
            {
                TaskId = (ulong)reader.GetInt64(0),
                ClientId = reader.GetInt32(1),
                Method = reader.GetString(2),
                EngineId = reader.IsDBNull(3) ? null : reader.GetInt32(3),
                SubmittedAt = FromTicks(reader.GetInt64(4)),
                StartedAt = reader.IsDBNull(5) ? null : FromTicks(reader.GetInt64(5)),
                CompletedAt = reader.IsDBNull(6) ? null : FromTicks(reader.GetInt64(6)),
                Status = (RemoteTaskStatus)reader.GetInt32(7),
                Attempts = reader.GetInt32(8),
                ErrorType = reader.IsDBNull(9) ? null : reader.GetString(9),
                ErrorMessage = reader.IsDBNull(10) ? null : reader.GetString(10),
                BytesIn = reader.GetInt64(11),
                BytesOut = reader.GetInt64(12),
            });
        }

        return records;
    }

    public async ValueTask<byte[]?> GetResultAsync(ulong taskId, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT result FROM tasks WHERE task_id = $id";
        command.Parameters.AddWithValue("$id", (long)taskId);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _writeConnection.DisposeAsync().ConfigureAwait(false);
        // Pooled read connections would keep the file open after the controller stops.
        SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
    }

    private async Task WriteLoopAsync()
    {
        await using var upsert = _writeConnection.CreateCommand();
        upsert.CommandText = $"""
            INSERT INTO tasks ({Columns}, result)
            VALUES ($id, $client, $method, $engine, $submitted, $started, $completed, $status, $attempts, $error_type, $error_message, $in, $out, $result)
            ON CONFLICT(task_id) DO UPDATE SET
                client_id = excluded.client_id, method = excluded.method, engine_id = excluded.engine_id,
                submitted = excluded.submitted, started = excluded.started, completed = excluded.completed,
                status = excluded.status, attempts = excluded.attempts, error_type = excluded.error_type,
                error_message = excluded.error_message, bytes_in = excluded.bytes_in, bytes_out = excluded.bytes_out,
                result = COALESCE(excluded.result, tasks.result)
            """;
        var p = upsert.Parameters;
        string[] names = ["$id", "$client", "$method", "$engine", "$submitted", "$started", "$completed", "$status", "$attempts", "$error_type", "$error_message", "$in", "$out", "$result"];
        foreach (var name in names)
        {
            p.Add(new SqliteParameter { ParameterName = name });
        }

        await using var trim = _writeConnection.CreateCommand();
        // Task ids are dense, so keeping the newest MaxRecords ids is a range delete on the primary key, not a count.
        trim.CommandText = "DELETE FROM tasks WHERE task_id <= $highest - $keep";
        var highest = trim.Parameters.Add(new SqliteParameter { ParameterName = "$highest" });
        trim.Parameters.AddWithValue("$keep", Math.Max(0, _options.MaxRecords));

        var flushes = new List<TaskCompletionSource>();
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            try
            {
                await using var transaction = _writeConnection.BeginTransaction();
                upsert.Transaction = transaction;
                trim.Transaction = transaction;
                var written = 0;
                while (written < _options.MaxBatch && _queue.Reader.TryRead(out var entry))
                {
                    if (entry.Flushed is { } flushed)
                    {
                        flushes.Add(flushed);
                        continue;
                    }

                    Bind(p, entry.Record!, entry.Result);
                    await upsert.ExecuteNonQueryAsync().ConfigureAwait(false);
                    written++;
                }

                if (written > 0)
                {
                    highest.Value = Interlocked.Read(ref _highest);
                    await trim.ExecuteNonQueryAsync().ConfigureAwait(false);
                }

                await transaction.CommitAsync().ConfigureAwait(false);
            }
            catch (SqliteException e)
            {
                _logger.LogError(ObservabilityEventIds.HistoryWriteFailed, e, "Could not write to the task history in {File}", File);
            }

            foreach (var flushed in flushes)
            {
                flushed.TrySetResult();
            }

            flushes.Clear();
        }
    }

    private static void Bind(SqliteParameterCollection p, TaskHistoryRecord r, byte[]? result)
    {
        p[0].Value = (long)r.TaskId;
        p[1].Value = r.ClientId;
        p[2].Value = r.Method;
        p[3].Value = (object?)r.EngineId ?? DBNull.Value;
        p[4].Value = r.SubmittedAt.UtcTicks;
        p[5].Value = (object?)r.StartedAt?.UtcTicks ?? DBNull.Value;
        p[6].Value = (object?)r.CompletedAt?.UtcTicks ?? DBNull.Value;
        p[7].Value = (int)r.Status;
        p[8].Value = r.Attempts;
        p[9].Value = (object?)r.ErrorType ?? DBNull.Value;
        p[10].Value = (object?)r.ErrorMessage ?? DBNull.Value;
        p[11].Value = r.BytesIn;
        p[12].Value = r.BytesOut;
        p[13].Value = (object?)result ?? DBNull.Value;
    }

    private static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void InterlockedMax(ref long location, long value)
    {
        var current = Interlocked.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    private readonly record struct Entry(TaskHistoryRecord? Record, byte[]? Result, TaskCompletionSource? Flushed);
}
