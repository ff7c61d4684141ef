namespace RemoteKit.Launchers;

/// <summary>A launcher whose units are processes on this machine (an engine, <c>mpiexec</c>), stopped by signal.</summary>
internal abstract class ProcessLauncher(EngineLaunchOptions options) : EngineLauncher(options)
{
    public override Task CancelAsync(EngineUnit unit, CancellationToken cancellationToken)
    {
        if (unit.Pid is { } pid && ChildProcess.IsRunning(pid))
        {
            ChildProcess.Terminate(pid);
        }

        return Task.CompletedTask;
    }

    public override Task EndAsync(EngineUnit unit, CancellationToken cancellationToken)
    {
        if (unit.Pid is { } pid && ChildProcess.IsRunning(pid))
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }

        return Task.CompletedTask;
    }

    public override Task<bool> IsGoneAsync(EngineUnit unit, CancellationToken cancellationToken) =>
        Task.FromResult(unit.Pid is not { } pid || !ChildProcess.IsRunning(pid));
}
