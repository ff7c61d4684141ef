using Microsoft.Extensions.Logging;

namespace RemoteKit.Testing;

/// <summary>One log entry as a logger received it (<see cref="Category"/> is empty for entries logged to the recorder itself).</summary>
public sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message);

/// <summary>
/// Keeps every log entry, for tests that assert what was logged, and lets a test wait for one. It is both an
/// <see cref="ILogger"/> and an <see cref="ILoggerFactory"/>: give it where either goes, and the loggers it creates record
/// into it with their category.
/// </summary>
public sealed class RecordingLogger : ILogger, ILoggerFactory
{
    private readonly List<LogEntry> _entries = [];
    private readonly List<(Func<LogEntry, bool> Match, TaskCompletionSource<LogEntry> Found)> _waiters = [];

    /// <summary>Every entry so far, in the order they were logged.</summary>
    public IReadOnlyList<LogEntry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The message of every entry so far.</summary>
    public IReadOnlyList<string> Lines => [.. Entries.Select(e => e.Message)];

    /// <summary>Waits for an entry that matches (one logged before the call counts); fails after <see cref="Patience.Long"/>.</summary>
    public Task<LogEntry> WaitForAsync(Func<LogEntry, bool> match)
    {
        var found = new TaskCompletionSource<LogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_entries)
        {
            if (_entries.FirstOrDefault(match) is { } existing)
            {
                return Task.FromResult(existing);
            }

            _waiters.Add((match, found));
        }

        return found.Task.WaitAsync(Patience.Long);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Add(new LogEntry("", logLevel, eventId, formatter(state, exception)));

    private void Add(LogEntry entry)
    {
        lock (_entries)
        {
            _entries.Add(entry);
            foreach (var waiter in _waiters.Where(w => w.Match(entry)).ToArray())
            {
                waiter.Found.TrySetResult(entry);
                _waiters.Remove(waiter);
            }
        }
    }

    private sealed class Logger(RecordingLogger owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception)));
    }
}
