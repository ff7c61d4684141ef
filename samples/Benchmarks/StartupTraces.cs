using System.Globalization;
using Microsoft.Extensions.Logging;

namespace RemoteKit.Benchmarks;

/// <summary>
/// With <c>--trace</c>: turns on every process's startup trace (<c>RemoteKit:Diagnostics:StartupTrace</c>) and prints
/// the lines the cluster forwards from its processes, so controller, engines and this program's view read together.
/// </summary>
internal sealed class StartupTraces : ILoggerFactory
{
    private const string Category = "RemoteKit.StartupTrace";
    private readonly Action<string> _print;

    private StartupTraces(Action<string> print) => _print = print;

    /// <summary>Options for a cluster that reports its processes' startup phases through <paramref name="print"/>.</summary>
    public static ClusterOptions Options(Action<string> print, TimeSpan startTimeout)
    {
        var options = new ClusterOptions { StartTimeout = startTimeout, LoggerFactory = new StartupTraces(print) };
        options.Settings["RemoteKit:Diagnostics:StartupTrace"] = "true";
        return options;
    }

    /// <summary>What this program saw: the cluster usable after <paramref name="elapsed"/>.</summary>
    public static string Usable(int engines, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"startup trace of this program: cluster of {engines} usable {elapsed.TotalMilliseconds:F0} ms after Cluster.StartAsync");

    public ILogger CreateLogger(string categoryName) => categoryName == Category ? new Printer(_print) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    private sealed class Printer(Action<string> print) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            print(formatter(state, exception));
    }
}
