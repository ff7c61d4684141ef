using System.Diagnostics;
using System.Globalization;
using Xunit;

namespace RemoteKit.Testing;

/// <summary>Sends Unix signals to processes (SIGSTOP and SIGCONT among them, which .NET cannot send itself).</summary>
public static class Signals
{
    /// <summary>Sends <paramref name="signal"/> (a name such as <c>STOP</c>, <c>CONT</c>, <c>KILL</c>, <c>TERM</c>); fails the test if it cannot be sent.</summary>
    public static void Send(string signal, int pid)
    {
        using var kill = Process.Start("kill", [$"-{signal}", pid.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
