namespace RemoteKit.Cli;

/// <summary>Exit codes of the <c>remotekit</c> tool.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}

/// <summary>A failure the user can act on: printed as one line, without a stack trace.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.Failure) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
