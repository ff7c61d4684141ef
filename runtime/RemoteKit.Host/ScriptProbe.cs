using System.Diagnostics;
using System.Globalization;
using RemoteKit.Engine;

namespace RemoteKit.Hosting;

/// <summary>
/// <c>RemoteKit.Host probe-script</c>: what this machine and this host build need for an engine's first <c>Execute</c> when
/// nothing else is in the way. It loads what an engine loads (its host, built but not started), then compiles and runs the
/// script of an engine's warm-up cold, and prints one JSON line: the milliseconds that took, and the JIT's share of them.
/// </summary>
/// <remarks>
/// The benchmark program runs one probe per engine at once, as a cluster's engines warm up at once, and reports the slowest
/// as <c>bound_execute_first_ms</c>: the cost of a cold compiler, which <c>execute_first_ms</c> cannot go below with this
/// host. It is also a quick check of a new machine or host build: <c>dotnet remotekit-host/RemoteKit.Host.dll probe-script</c>.
/// </remarks>
internal static class ScriptProbe
{
    public static int Run()
    {
        var builder = RoleHost.CreateBuilder(new RoleHostSettings { ContentRoot = AppContext.BaseDirectory });
        RoleHost.AddRole(builder, "engine", watchStdin: false);
        using var host = builder.Build();

        var jitMethods = System.Runtime.JitInfo.GetCompiledMethodCount();
        var jitTime = System.Runtime.JitInfo.GetCompilationTime();
        var clock = Stopwatch.StartNew();
        EngineScripts.WarmUp();
        var elapsed = clock.Elapsed;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"script_first_ms":{{elapsed.TotalMilliseconds:F1}},"jit_methods":{{System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods}},"jit_ms":{{(System.Runtime.JitInfo.GetCompilationTime() - jitTime).TotalMilliseconds:F1}}}"""));
        return 0;
    }
}
