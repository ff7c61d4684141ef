using System.Globalization;
using Xunit;

namespace RemoteKit.Packaging.Tests;

/// <summary>What a user does with the packed RemoteKit package: NuGet dependencies and cultures on engines, generic hosts.</summary>
public sealed partial class PackageTests
{
    private const string UserApp = """
        using System.Globalization;
        using System.Reactive.Linq;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using RemoteKit;

        if (args[0] == "culture")
        {
            await using var cluster = await Cluster.StartAsync(engines: 1);
            Console.WriteLine("CLIENT " + Environment.ProcessId);
            Console.WriteLine(await cluster.Client.LoadBalancedView().ApplyAsync(Work.Report));
        }
        else
        {
            var builder = Host.CreateApplicationBuilder(args[1..]);
            builder.Services.AddRemoteKitClient();
            builder.Services.AddHostedService<Worker>();
            await builder.Build().RunAsync();
        }

        sealed class Worker(RemoteKitClientProvider clients, IHostApplicationLifetime lifetime) : BackgroundService
        {
            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                try
                {
                    var client = await clients.GetClientAsync(stoppingToken);
                    long[] powers = await client[..].ApplyAsync(Work.Power, 3, 2);
                    Console.WriteLine("POWERS " + string.Join(",", powers));
                }
                finally
                {
                    lifetime.StopApplication();
                }
            }
        }

        public static partial class Work
        {
            [Remote]
            public static long Power(long x, int i) => (long)Math.Pow(x, i);

            [Remote]
            public static string Report()
            {
                var sum = Observable.Range(1, 4).Sum().Wait();
                var date = new DateTime(2026, 3, 9).ToString("D", CultureInfo.GetCultureInfo("de-DE"));
                var empty = new int[Environment.ProcessId % 1];
                string message;
                try
                {
                    message = empty[0].ToString(CultureInfo.InvariantCulture);
                }
                catch (IndexOutOfRangeException e)
                {
                    message = e.Message;
                }

                return $"ENGINE {Environment.ProcessId}\nSUM {sum}\nDATE {date}\nERROR {message}";
            }
        }
        """;

    private Task<string> BuildUserAppAsync() => packages.BuildProjectAsync("UserApp",
        // A generic host app brings the generic host itself (here Microsoft.Extensions.Hosting; a worker or web SDK app has it).
        packages.ConsoleProject("\n    <PackageReference Include=\"System.Reactive\" Version=\"7.0.0\" />\n    <PackageReference Include=\"Microsoft.Extensions.Hosting\" Version=\"10.0.0\" />"),
        new Dictionary<string, string> { ["Program.cs"] = UserApp });

    private static readonly SemaphoreSlim UserAppGate = new(1, 1);
    private static string? _userApp;

    private async Task<string> UserAppAsync()
    {
        await UserAppGate.WaitAsync();
        try
        {
            return _userApp ??= await BuildUserAppAsync();
        }
        finally
        {
            UserAppGate.Release();
        }
    }

    [Fact]
    public async Task An_engine_runs_a_NuGet_dependency_and_cultures_and_gives_real_exception_messages_as_the_users_process_would()
    {
        var app = await UserAppAsync();
        var run = await Processes.RunAsync("dotnet", [app, "culture"]);
        Assert.True(run.ExitCode == 0, run.ToString());

        var client = Line(run.Out, "CLIENT");
        Assert.NotEqual(client, Line(run.Out, "ENGINE"));
        Assert.Equal("10", Line(run.Out, "SUM"));
        Assert.Equal(new DateTime(2026, 3, 9).ToString("D", CultureInfo.GetCultureInfo("de-DE")), Line(run.Out, "DATE"));
        Assert.Equal("Montag, 9. März 2026", Line(run.Out, "DATE"));
        Assert.Equal("Index was outside the bounds of the array.", Line(run.Out, "ERROR"));
    }

    [Fact]
    public async Task A_generic_host_app_gets_its_client_from_AddRemoteKitClient_configured_from_the_command_line()
    {
        var app = await UserAppAsync();
        using var home = new TempDirectory("remotekit-home-");
        var environment = new Dictionary<string, string?> { ["REMOTEKIT_DIR"] = home.Path };
        try
        {
            Assert.Equal(0, (await Processes.RunAsync(packages.Remotekit, ["profile", "create", "hosted"], environment: environment)).ExitCode);
            var start = await Processes.RunAsync(packages.Remotekit, ["cluster", "start", "-n", "2", "--profile", "hosted", "--daemonize"], environment: environment);
            Assert.True(start.ExitCode == 0, start.ToString());

            var run = await Processes.RunAsync("dotnet", [app, "hosted", "--RemoteKit:Client:Profile=hosted", "--RemoteKit:Client:ConnectTimeout=00:01:30"], environment: environment);
            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("POWERS 9,9", run.Out);
        }
        finally
        {
            await Processes.RunAsync(packages.Remotekit, ["cluster", "stop", "--profile", "hosted"], environment: environment);
        }
    }

    [Fact]
    public async Task The_EmbeddedController_sample_builds_from_the_RemoteKit_Hosting_package_and_runs_its_embedded_cluster()
    {
        var sample = Path.Combine(Repository.Root, "samples", "EmbeddedController");
        var files = new[] { "Program.cs", "appsettings.json" }.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(sample, f)));
        var app = await packages.BuildProjectAsync("EmbeddedController", File.ReadAllText(Path.Combine(sample, "EmbeddedController.csproj")), files,
            "-p:RemoteKitFromPackages=true", $"-p:RemoteKitVersion={packages.Version}");

        // Its engines are copies of itself: RemoteKitCopyHost=false keeps the RemoteKit package's host out of its output.
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(app)!, "remotekit-host")));

        var run = await Processes.RunAsync("dotnet", [app], workingDirectory: Path.GetDirectoryName(app));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"RESULT 9,9 \| engine [01] of 2", run.Out);
    }

    private static string Line(string output, string key)
    {
        var line = output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal));
        Assert.True(line is not null, $"no '{key}' line in:\n{output}");
        return line[(key.Length + 1)..];
    }
}
