using Microsoft.Extensions.Logging;
using Xunit;

namespace RemoteKit.Tests;

/// <summary>Connecting through profiles in a temporary REMOTEKIT_DIR.</summary>
public sealed class ProfileConnectTests : IDisposable
{
    private readonly string _home = Directory.CreateTempSubdirectory("remotekit-profiles-").FullName;
    private readonly string? _before = Environment.GetEnvironmentVariable(RemoteKitProfile.DirectoryVariable);

    public ProfileConnectTests()
    {
        // No other test in this assembly reads REMOTEKIT_DIR.
        Environment.SetEnvironmentVariable(RemoteKitProfile.DirectoryVariable, _home);
        RemoteKitProfile.Locate("alpha").EnsureDirectories();
        RemoteKitProfile.Locate("beta").EnsureDirectories();
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable(RemoteKitProfile.DirectoryVariable, _before);
        Directory.Delete(_home, recursive: true);
    }

    [Fact]
    public async Task Connecting_to_a_profile_that_does_not_exist_fails_within_a_second_and_names_those_that_do()
    {
        var connecting = RemoteClient.ConnectAsync(TimeSpan.FromSeconds(30), profile: "gamma");
        var error = await Assert.ThrowsAsync<RemoteKitConnectionException>(() => connecting.WaitAsync(TimeSpan.FromSeconds(1)));
        Assert.Contains("'gamma'", error.Message);
        Assert.Contains("alpha, beta", error.Message);
        Assert.Contains("remotekit profile create gamma", error.Message);
    }

    [Fact]
    public async Task Connecting_to_a_profile_with_no_running_cluster_waits_and_says_so()
    {
        var log = new RecordingLogger();
        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => RemoteClient.ConnectAsync(TimeSpan.FromSeconds(1), profile: "alpha", logger: log));
        Assert.Contains("profile 'alpha'", error.Message);
        Assert.Contains("remotekit cluster start --profile alpha", error.Message);

        var waiting = Assert.Single(log.Entries, e => e.Level == LogLevel.Information);
        Assert.Contains("Waiting", waiting.Message);
        Assert.Contains("'alpha'", waiting.Message);
        Assert.Contains(RemoteKitProfile.Locate("alpha").ClientConnectionFile, waiting.Message);
    }

    private sealed class RecordingLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
