using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RemoteKit.Integration.Tests.Launchers;

/// <summary>One log entry as a logger received it.</summary>
internal sealed record LogEntry(string Category, LogLevel Level, EventId EventId, string Message);

/// <summary>An <see cref="ILoggerFactory"/> that keeps every entry and lets a test wait for one.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private readonly List<(Func<LogEntry, bool> Match, TaskCompletionSource<LogEntry> Found)> _waiters = [];

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    /// <summary>Waits for an entry that matches (one logged before the call counts).</summary>
    public Task<LogEntry> WaitForAsync(Func<LogEntry, bool> match)
    {
        var found = new TaskCompletionSource<LogEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            if (_entries.FirstOrDefault(match) is { } existing)
            {
                return Task.FromResult(existing);
            }

            _waiters.Add((match, found));
        }

        return found.Task.WaitAsync(Patience.Long);
    }

    private void Add(LogEntry entry)
    {
        lock (_waiters)
        {
            _entries.Enqueue(entry);
            foreach (var waiter in _waiters.Where(w => w.Match(entry)).ToArray())
            {
                waiter.Found.TrySetResult(entry);
                _waiters.Remove(waiter);
            }
        }
    }

    private sealed class Logger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Add(new LogEntry(category, logLevel, eventId, formatter(state, exception)));
    }
}
