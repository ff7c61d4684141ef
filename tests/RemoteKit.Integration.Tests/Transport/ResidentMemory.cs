using Xunit;

namespace RemoteKit.Integration.Tests.TransportTests;

/// <summary>
/// Tests that read the process's memory or take an array back from the process-wide buffer pool: run after the others,
/// one at a time, so no cluster test's traffic in this process moves what they measure.
/// </summary>
[CollectionDefinition(Collection, DisableParallelization = true)]
public sealed class ResidentMemory
{
    public const string Collection = "resident memory";
}
