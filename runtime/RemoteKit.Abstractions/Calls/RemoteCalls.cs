using System.ComponentModel;

namespace RemoteKit;

/// <summary>
/// Calls of [Remote] methods with up to 16 arguments, shared by all generated code so that each method adds one factory line
/// rather than a class. Arguments are written in parameter order with MemoryPack.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class RemoteCalls
{
    // The call classes and their factories (0 to 16 arguments) and the zips (1 to 16) are written at build time from
    // generators/RemoteKit.Abstractions.Arity/Templates: CallTypes.cs, CallFactories.cs and Zips.cs.

    // A void method's call: typed as the non-generic RemoteCall wherever it is seen.
    private readonly struct NoResult;
}
